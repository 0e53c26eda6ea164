import { NextResponse } from "next/server";
import { AppError, type ErrorCode, type ErrorIssue } from "@/lib/api/errors";

export function errorResponse(code: ErrorCode, message: string, issues?: ErrorIssue[], headers?: HeadersInit) {
  const error = new AppError(code, message, issues);
  return NextResponse.json({ error: { code, message, ...(issues ? { issues } : {}) } }, { status: error.status, headers });
}

// Large enough for 1,000 prompts of ~1k tokens each, with room to spare.
const MAX_BODY_BYTES = 25 * 1024 * 1024;

/** Reads a JSON body; a body that is not JSON is the caller's error (422), never a 500. */
export async function readJson(request: Request): Promise<unknown> {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    throw new AppError("unprocessable", `The request body is over ${MAX_BODY_BYTES / 1024 / 1024} MB.`);
  }
  const text = await request.text();
  if (!text.trim()) throw new AppError("unprocessable", "The request body must be a JSON document.");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("unprocessable", "The request body is not valid JSON.");
  }
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * Wraps a route handler so that every failure leaves as a structured error: AppErrors with their
 * own status, anything else as a 500 whose log line carries no request data.
 */
export function route<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      if (error instanceof AppError) return errorResponse(error.code, error.message, error.issues);
      // Next signals redirects and not-found with thrown values; let them through.
      if (isNextControlFlow(error)) throw error;
      console.error(`${request.method} ${new URL(request.url).pathname} failed:`, (error as Error)?.name, (error as Error)?.message);
      return NextResponse.json({ error: { code: "internal", message: "Something went wrong on our side." } }, { status: 500 });
    }
  };
}

function isNextControlFlow(error: unknown): boolean {
  const digest = (error as { digest?: unknown })?.digest;
  return typeof digest === "string" && (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR"));
}
