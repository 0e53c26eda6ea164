// Client-side calls to the JSON route handlers, which answer errors as
// `{ error: { code, message, issues?: [{ path, message }] } }`.

export type FieldErrors = Record<string, string>;

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  /** `code`: the error body's machine-readable code (e.g. "quality_blocked"), when it has one. */
  | { ok: false; status: number; message: string; fieldErrors: FieldErrors; code?: string };

type ErrorBody = { error?: { code?: string; message?: string; issues?: Array<{ path?: string; message?: string }> } };

/** Keeps the first message per field path ("" for form-level issues). */
export function toFieldErrors(issues: Array<{ path?: string | PropertyKey[]; message?: string }> | undefined): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues ?? []) {
    const path = Array.isArray(issue.path) ? issue.path.map(String).join(".") : (issue.path ?? "");
    if (issue.message && !(path in out)) out[path] = issue.message;
  }
  return out;
}

export async function callApi<T = unknown>(url: string, init: { method: string; body?: unknown }): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: init.body === undefined ? undefined : { "Content-Type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, status: 0, message: "Could not reach the server. Check your connection and try again.", fieldErrors: {} };
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (response.ok) return { ok: true, status: response.status, data: body as T };
  const error = (body as ErrorBody | null)?.error;
  return {
    ok: false,
    status: response.status,
    message: error?.message ?? `The server answered ${response.status}. Try again.`,
    fieldErrors: toFieldErrors(error?.issues),
    ...(error?.code ? { code: error.code } : {}),
  };
}
