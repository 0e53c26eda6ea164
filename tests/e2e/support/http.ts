import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";

export const BASE_URL = process.env.BASE_URL ?? "http://localhost:3000";
export const SECOND_BASE_URL = process.env.SECOND_BASE_URL ?? BASE_URL;

/** A fresh HTTP client with its own cookie jar, pointed at one app instance. */
export function newClient(baseURL = BASE_URL, extraHTTPHeaders?: Record<string, string>): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL, extraHTTPHeaders, maxRedirects: 0 });
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
