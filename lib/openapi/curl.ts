import type { HttpMethod, OperationObject } from "./document";

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * A ready-to-run curl command for an operation of the document: example path parameters, query
 * parameters that have defaults, the auth it needs (from environment variables), and the first
 * request-body example.
 */
export function curlExample(baseUrl: string, path: string, method: HttpMethod, operation: OperationObject): string {
  const parameters = operation.parameters ?? [];
  let url = path;
  for (const param of parameters.filter((p) => p.in === "path")) {
    url = url.replace(`{${param.name}}`, encodeURIComponent(String(param.example ?? param.name.toUpperCase())));
  }
  const query = parameters
    .filter((param) => param.in === "query" && (param.required || param.schema.default !== undefined))
    .map((param) => `${encodeURIComponent(param.name)}=${encodeURIComponent(String(param.schema.default ?? param.example ?? ""))}`);
  if (query.length) url += `?${query.join("&")}`;

  const lines = [`curl -sS${method === "get" ? "" : ` -X ${method.toUpperCase()}`} ${shellQuote(`${baseUrl.replace(/\/$/, "")}${url}`)}`];
  const scheme = Object.keys(operation.security[0] ?? {})[0];
  if (scheme === "apiKey") lines.push(`-H "Authorization: Bearer $RANKLAB_API_KEY"`);
  if (scheme === "session") {
    lines.push(`-b "next-auth.session-token=$RANKLAB_SESSION"`);
    // A cookie-authenticated change is refused unless it names the app's own origin, as its pages do.
    if (method !== "get") lines.push(`-H ${shellQuote(`Origin: ${new URL(baseUrl).origin}`)}`);
  }
  for (const param of parameters.filter((p) => p.in === "header" && p.example !== undefined)) {
    lines.push(`-H ${shellQuote(`${param.name}: ${String(param.example)}`)}`);
  }
  const ndjson = Object.values(operation.responses).some((response) => response.content?.["application/x-ndjson"]);
  if (ndjson) lines.push("--compressed");
  const media = operation.requestBody?.content["application/json"];
  const example = media?.example ?? Object.values(media?.examples ?? {})[0]?.value;
  if (example !== undefined) {
    lines.push(`-H "Content-Type: application/json"`);
    lines.push(`-d ${shellQuote(JSON.stringify(example))}`);
  }
  return lines.join(" \\\n  ");
}
