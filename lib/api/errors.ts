import type { z } from "zod";

export type ErrorCode =
  | "invalid_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "gone"
  | "unprocessable"
  // A request body over the size limit, however it was sent (declared or chunked).
  | "payload_too_large"
  // A body sent as anything but JSON to a JSON route (cross-site forms can only send text/plain, form or multipart bodies).
  | "unsupported_media_type"
  | "rate_limited"
  // A labeler whose gold accuracy fell below the project's threshold, or who failed screening.
  | "quality_blocked"
  | "screening_failed";

const statusOf: Record<ErrorCode, number> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  unprocessable: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  quality_blocked: 403,
  screening_failed: 403,
};

export type ErrorIssue = { path: string; message: string };

/** An error meant for the caller: it leaves as `{ error: { code, message, issues? } }`. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ErrorIssue[],
  ) {
    super(message);
    this.status = statusOf[code];
  }
}

export function issuesFromZod(error: z.ZodError): ErrorIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

/** Parses `input` with `schema`, or throws a 422 listing every problem. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what = "request"): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issues = issuesFromZod(result.error);
    const first = issues[0];
    const summary = first ? `${first.path ? `${first.path}: ` : ""}${first.message}` : "invalid";
    throw new AppError("unprocessable", `The ${what} is not valid (${summary}).`, issues);
  }
  return result.data;
}
