// An OpenAI-protocol server for tests and benchmarks: deterministic answers, injectable faults, and
// a record of every request, so the generation client is tested over real HTTP and never against a
// real provider.
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What a request is answered with instead of completions. */
export type Fault =
  | { kind: "status"; status: number; retryAfterSeconds?: number }
  /** Answers after `delayMs` (normally past the client's timeout, so the client gives up first). */
  | { kind: "slow"; delayMs: number }
  /** A 200 whose body is not JSON. */
  | { kind: "malformed" };

export type RecordedRequest = {
  path: string;
  model: string;
  prompt: string;
  n: number;
  authorization: string | null;
  body: Record<string, unknown>;
  startedAt: number;
  endedAt?: number;
  /** How many requests for this model were in flight when it arrived, itself included. */
  inFlight: number;
  /** 1-based count of the requests this model has received, this one included. */
  count: number;
};

export type OpenAiServerOptions = {
  /**
   * How the server treats `n`: `"honour"` answers n choices, `"ignore"` answers one (as some
   * servers do), `"refuse"` answers 400 to any n above 1.
   */
  n?: "honour" | "ignore" | "refuse";
  /** Time each answer takes, to let concurrency build up. */
  latencyMs?: number;
  /** A fault for this request, or nothing to answer normally. */
  fault?: (request: RecordedRequest) => Fault | undefined;
};

export type OpenAiServer = {
  /** The base URL a generator is given (ends in /v1, as OpenAI's clients expect). */
  baseUrl: string;
  requests: RecordedRequest[];
  options: OpenAiServerOptions;
  /** The most requests for `model` in flight at once. */
  maxInFlight(model: string): number;
  close(): Promise<void>;
};

/** The text the server answers for a model's `index`-th sample (0-based, counted per model and prompt) of a prompt. */
export function answerText(model: string, prompt: string, index: number): string {
  const digest = createHash("sha256").update(`${model}\u0000${prompt}\u0000${index}`).digest("hex");
  return `${model} answer ${index}: ${digest.slice(0, 16)} ${prompt.slice(0, 40)}`;
}

function promptOf(body: Record<string, unknown>): string {
  if (Array.isArray(body.messages)) {
    const last = body.messages.at(-1) as { content?: unknown } | undefined;
    return typeof last?.content === "string" ? last.content : "";
  }
  return typeof body.prompt === "string" ? body.prompt : "";
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

export async function startOpenAiServer(options: OpenAiServerOptions = {}): Promise<OpenAiServer> {
  const requests: RecordedRequest[] = [];
  const inFlight = new Map<string, number>();
  const counts = new Map<string, number>();
  // Samples given so far per (model, prompt): a server that ignores n still answers different texts.
  const sampleCursor = new Map<string, number>();

  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? "/", "http://x").pathname;
    if (request.method !== "POST" || (path !== "/v1/chat/completions" && path !== "/v1/completions")) {
      sendJson(response, 404, { error: { message: "Not found", type: "invalid_request_error" } });
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(request)) as Record<string, unknown>;
    } catch {
      sendJson(response, 400, { error: { message: "Invalid JSON body", type: "invalid_request_error" } });
      return;
    }
    const model = String(body.model ?? "");
    const prompt = promptOf(body);
    const n = typeof body.n === "number" ? body.n : 1;
    const current = (inFlight.get(model) ?? 0) + 1;
    inFlight.set(model, current);
    const count = (counts.get(model) ?? 0) + 1;
    counts.set(model, count);
    const record: RecordedRequest = {
      path,
      model,
      prompt,
      n,
      authorization: request.headers.authorization ?? null,
      body,
      startedAt: Date.now(),
      inFlight: current,
      count,
    };
    requests.push(record);
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      record.endedAt = Date.now();
      inFlight.set(model, (inFlight.get(model) ?? 1) - 1);
    };
    // A client that gives up (timeout) closes the socket: the request is no longer in flight.
    response.on("close", finish);

    const fault = options.fault?.(record);
    const delay = fault?.kind === "slow" ? fault.delayMs : (options.latencyMs ?? 0);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (response.destroyed) return finish();

    if (fault?.kind === "status") {
      const headers: Record<string, string> =
        fault.retryAfterSeconds === undefined ? {} : { "retry-after": String(fault.retryAfterSeconds) };
      sendJson(response, fault.status, { error: { message: `Injected ${fault.status}`, type: "server_error" } }, headers);
    } else if (fault?.kind === "malformed") {
      response.writeHead(200, { "content-type": "application/json" });
      response.end('{"choices": [ {"index": 0, "message": ');
    } else if (n > 1 && options.n === "refuse") {
      sendJson(response, 400, { error: { message: "n must be 1", type: "invalid_request_error", param: "n" } });
    } else {
      const given = n > 1 && options.n === "ignore" ? 1 : n;
      const key = `${model}\u0000${prompt}`;
      const first = sampleCursor.get(key) ?? 0;
      sampleCursor.set(key, first + given);
      const texts = Array.from({ length: given }, (_, i) => answerText(model, prompt, first + i));
      const chat = path === "/v1/chat/completions";
      sendJson(response, 200, {
        id: `cmpl-${count}`,
        object: chat ? "chat.completion" : "text_completion",
        model,
        choices: texts.map((text, index) =>
          chat ? { index, message: { role: "assistant", content: text }, finish_reason: "stop" } : { index, text, finish_reason: "stop" },
        ),
        usage: { prompt_tokens: prompt.length, completion_tokens: texts.join("").length, total_tokens: 0 },
      });
    }
    finish();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    options,
    maxInFlight: (model) => Math.max(0, ...requests.filter((r) => r.model === model).map((r) => r.inFlight)),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
