import { NextResponse } from "next/server";
import { AppError, type ErrorCode, type ErrorIssue } from "@/lib/api/errors";
import { MAX_BODY_BYTES } from "@/lib/input/schema";

export function errorResponse(code: ErrorCode, message: string, issues?: ErrorIssue[], headers?: HeadersInit) {
  const error = new AppError(code, message, issues);
  return NextResponse.json({ error: { code, message, ...(issues ? { issues } : {}) } }, { status: error.status, headers });
}

function bodyTooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `The request body is over ${limit / 1024 / 1024} MB.`);
}

/**
 * Reads a request body as UTF-8 text, at most `limit` bytes. The bytes are counted as they
 * arrive: a chunked body, or one whose Content-Length understates it, stops at the limit (413)
 * instead of being read whole into memory. A declared length over the limit is refused unread.
 */
export async function readBodyText(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  if (Number(request.headers.get("content-length") ?? 0) > limit) throw bodyTooLarge(limit);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    // Stop reading here: what was read is dropped and the rest is never pulled in (the server
    // discards it). Cancelling the stream instead would reset the connection, and a client still
    // sending would see the reset rather than the 413.
    if (received > limit) throw bodyTooLarge(limit);
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError("unprocessable", "The request body is not valid UTF-8.");
  }
}

/** Reads a JSON body (within MAX_BODY_BYTES); a body that is not JSON is the caller's error (422), never a 500. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await readBodyText(request);
  if (!text.trim()) throw new AppError("unprocessable", "The request body must be a JSON document.");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("unprocessable", "The request body is not valid JSON.");
  }
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * What a failure's log line may say: its class, its code (Prisma's P…, PostgreSQL's SQLSTATE, a
 * Node errno) and where it was thrown. Never its message: Prisma's and PostgreSQL's messages
 * quote the values involved, which are request data (prompts, metadata, emails).
 */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return `a thrown ${typeof error}`;
  const code = (error as { code?: unknown }).code;
  // The stack starts with "Name: message", and a message may span lines: keep only what follows it.
  const stack = error.stack ?? "";
  const end = error.message ? stack.indexOf(error.message) : -1;
  const frames = (end === -1 ? (error.message ? "" : stack) : stack.slice(end + error.message.length))
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 5)
    .map((line) => line.trim());
  return [typeof code === "string" || typeof code === "number" ? `${error.name} ${code}` : error.name, ...frames].join(" | ");
}

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
      console.error(`${request.method} ${new URL(request.url).pathname} failed: ${describeFailure(error)}`);
      return NextResponse.json({ error: { code: "internal", message: "Something went wrong on our side." } }, { status: 500 });
    }
  };
}

function isNextControlFlow(error: unknown): boolean {
  const digest = (error as { digest?: unknown })?.digest;
  return typeof digest === "string" && (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR"));
}
