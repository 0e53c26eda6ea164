import { type APIRequestContext, request as playwrightRequest } from "@playwright/test";

export const BASE_URL = process.env.BASE_URL ?? "http://localhost:3000";
export const SECOND_BASE_URL = process.env.SECOND_BASE_URL ?? BASE_URL;

/**
 * A fresh HTTP client with its own cookie jar, pointed at one app instance. It sends the
 * instance's `Origin`, as the app's own pages do: cookie-authenticated changes are refused without it.
 */
export function newClient(baseURL = BASE_URL, extraHTTPHeaders?: Record<string, string>): Promise<APIRequestContext> {
  return playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: { origin: new URL(baseURL).origin, ...extraHTTPHeaders },
    maxRedirects: 0,
  });
}

/** Signs in through next-auth's credentials endpoint, as the sign-in form does; returns the status. */
export async function signIn(client: APIRequestContext, email: string, password: string, headers?: Record<string, string>) {
  const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await client.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    headers,
  });
  return response.status();
}

export async function signedInClient(email: string, password: string, baseURL = BASE_URL) {
  const client = await newClient(baseURL);
  const status = await signIn(client, email, password);
  if (status !== 200) throw new Error(`Sign-in as ${email} answered ${status}.`);
  return client;
}

/**
 * Waits until a project's comparisons export holds `rankings` records. Exports hold back rows
 * written after a transaction that is still open (other tests run beside this one), so right
 * after a submit the newest ranking may need a moment to settle.
 */
export async function waitForExportedRankings(slug: string, rankings: number, timeoutMs = 20_000) {
  const { makeApiKey } = await import("../../support/factory");
  const reader = await newClient(BASE_URL, { authorization: `Bearer ${(await makeApiKey(["export:read"])).key}` });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const text = await (
        await reader.get(`/api/v1/projects/${slug}/export/comparisons?format=batches`, { headers: { "accept-encoding": "identity" } })
      ).text();
      if (text.split("\n").filter(Boolean).length >= rankings) return;
      if (Date.now() > deadline) throw new Error(`The export of ${slug} did not reach ${rankings} rankings.`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await reader.dispose();
  }
}
