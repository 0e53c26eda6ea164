import { z } from "zod";
import { DEFAULT_RETRY_POLICY, isRetryableStatus, parseRetryAfter, type RetryPolicy, retryDelay } from "@/lib/models/backoff";
import type { GenerationParams } from "@/lib/models/schema";
import { type ConversationMessage, renderCompletionPrompt } from "@/lib/prompts/conversation";

/*
 * One OpenAI-protocol request, and the retry loop around it. No database: the worker gives it the
 * endpoint (with its key in clear, which goes into the Authorization header and nowhere else).
 */

export type Endpoint = {
  baseUrl: string;
  api: "chat" | "completions";
  model: string;
  apiKey: string | null;
  params: GenerationParams;
};

export type ClientOptions = { timeoutMs: number; retry: RetryPolicy };
export const DEFAULT_CLIENT_OPTIONS: ClientOptions = { timeoutMs: 60_000, retry: DEFAULT_RETRY_POLICY };

/** A failed request: the HTTP status when the server answered one, and a short message safe to store and show. */
export class EndpointError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryable: boolean,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

const choicesSchema = z.object({
  choices: z.array(
    z.union([
      z.object({ message: z.object({ content: z.string().nullable() }) }).transform((choice) => choice.message.content ?? ""),
      z.object({ text: z.string() }).transform((choice) => choice.text),
    ]),
  ),
});

const errorBodySchema = z.object({ error: z.object({ message: z.string() }) });

// Servers' error texts can echo what was sent (some quote part of a bad key): the key is cut out and the text kept short.
function shortMessage(text: string, apiKey: string | null): string {
  const scrubbed = apiKey ? text.split(apiKey).join("[key]") : text;
  return scrubbed.replace(/\s+/g, " ").trim().slice(0, 200);
}

async function errorText(response: Response, apiKey: string | null): Promise<string> {
  const raw = await response.text().catch(() => "");
  let detail = raw;
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(raw));
    if (parsed.success) detail = parsed.data.error.message;
  } catch {
    // Not JSON: the raw text, shortened.
  }
  return shortMessage(`HTTP ${response.status}${detail ? `: ${detail}` : ""}`, apiKey);
}

/** What a generator is asked to continue: a prompt's text, and its conversation when it is one. */
export type ModelPrompt = string | { text: string; messages?: readonly ConversationMessage[] | null };

/**
 * The prompt as the endpoint's API takes it. A chat endpoint gets the conversation's messages
 * (system, user and assistant turns as sent), or the text as one user message; a completions
 * endpoint gets the text, or the conversation's role-tagged transcript ending on an open
 * "Assistant:" cue.
 */
export function modelInput(api: Endpoint["api"], prompt: ModelPrompt): { messages: ConversationMessage[] } | { prompt: string } {
  const { text, messages } = typeof prompt === "string" ? { text: prompt, messages: null } : prompt;
  if (api === "chat")
    return { messages: messages?.length ? messages.map(({ role, content }) => ({ role, content })) : [{ role: "user", content: text }] };
  return { prompt: messages?.length ? renderCompletionPrompt(messages) : text };
}

/** Asks the endpoint for `n` completions of `prompt` once: the texts it answered (possibly fewer than `n`). */
export async function requestCompletions(
  endpoint: Endpoint,
  prompt: ModelPrompt,
  n: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<string[]> {
  const { temperature, top_p, max_tokens, stop } = endpoint.params;
  const input = modelInput(endpoint.api, prompt);
  const body = { model: endpoint.model, ...input, temperature, top_p, max_tokens, ...(stop ? { stop } : {}), ...(n > 1 ? { n } : {}) };
  const timeout = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(`${endpoint.baseUrl}/${endpoint.api === "chat" ? "chat/completions" : "completions"}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        ...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}),
      },
      body: JSON.stringify(body),
      signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
      redirect: "error",
    });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (timeout.aborted) throw new EndpointError(`No answer within ${timeoutMs} ms.`, null, true);
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    throw new EndpointError(
      shortMessage(`Cannot reach the endpoint: ${cause?.code ?? cause?.message ?? (error as Error).message}`, endpoint.apiKey),
      null,
      true,
    );
  }
  if (!response.ok) {
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), Date.now());
    throw new EndpointError(await errorText(response, endpoint.apiKey), response.status, isRetryableStatus(response.status), retryAfterMs);
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    if (signal?.aborted) throw signal.reason;
    if (timeout.aborted) throw new EndpointError(`No complete answer within ${timeoutMs} ms.`, null, true);
    // A cut or garbled answer is usually a proxy's or a restarting server's: worth another try.
    throw new EndpointError("The endpoint answered malformed JSON.", response.status, true);
  }
  const parsed = choicesSchema.safeParse(json);
  if (!parsed.success) throw new EndpointError("The endpoint's answer has no choices in the OpenAI format.", response.status, false);
  return parsed.data.choices;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** `requestCompletions` with retries on 429, 5xx, timeouts and broken answers: backoff with full jitter, Retry-After honoured (capped). */
export async function requestWithRetries(
  endpoint: Endpoint,
  prompt: ModelPrompt,
  n: number,
  options: ClientOptions,
  /** Runs before every attempt (the rate and concurrency limits wait here) and returns its release. */
  acquire: () => Promise<() => void>,
  signal?: AbortSignal,
): Promise<string[]> {
  for (let attempt = 0; ; attempt++) {
    let delay: number;
    // The concurrency slot is held for the request only, not through the wait before a retry.
    const release = await acquire();
    try {
      return await requestCompletions(endpoint, prompt, n, options.timeoutMs, signal);
    } catch (error) {
      if (!(error instanceof EndpointError) || !error.retryable || attempt + 1 >= options.retry.maxAttempts) throw error;
      delay = retryDelay(attempt, error.retryAfterMs, options.retry);
    } finally {
      release();
    }
    await sleep(delay, signal);
  }
}
