import { AppError } from "@/lib/api/errors";
import { getEnv } from "@/lib/env";

/** The public base URL for links we hand out (invitations): NEXTAUTH_URL, else the request's. */
export function publicOrigin(request: Request): string {
  return getEnv().NEXTAUTH_URL?.replace(/\/$/, "") ?? new URL(request.url).origin;
}

export type OriginEvidence = {
  /** The `Origin` request header, if any. */
  origin: string | null;
  /** The `Sec-Fetch-Site` request header, if any. */
  secFetchSite: string | null;
  /** The `Host` the request was sent to (a browser sets it; a page elsewhere cannot change it). */
  host: string | null;
  /** The configured public origin (NEXTAUTH_URL), if any. */
  publicOrigin: string | null;
};

/**
 * A cookie-authenticated state change must come from our own pages: every browser that sends
 * cookies on a cross-site request also says where it came from (`Sec-Fetch-Site`, `Origin`), so a
 * request is same-origin when each header it carries says so and it carries at least one. A
 * request with neither is refused too: it is not a browser (those use API keys) or one too old to
 * trust. The Origin is matched on its host against the Host header (a TLS-terminating proxy makes
 * the scheme differ) or whole against the configured public origin (a proxy that rewrites Host).
 * `Sec-Fetch-Site: same-site` is refused: a sibling subdomain is not us.
 */
export function isSameOriginRequest({ origin, secFetchSite, host, publicOrigin }: OriginEvidence): boolean {
  if (origin === null && secFetchSite === null) return false;
  if (secFetchSite !== null && secFetchSite !== "same-origin") return false;
  if (origin === null) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    // `Origin: null` (sandboxed frames, file: pages) and anything malformed.
    return false;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return false;
  if (publicOrigin !== null && parsed.origin === new URL(publicOrigin).origin) return true;
  return host !== null && parsed.host === host.toLowerCase();
}

/** Refuses (403) a cookie-authenticated state change that did not come from our own pages. */
export function requireSameOrigin(request: Request): void {
  const evidence: OriginEvidence = {
    origin: request.headers.get("origin"),
    secFetchSite: request.headers.get("sec-fetch-site"),
    host: request.headers.get("host") ?? new URL(request.url).host,
    publicOrigin: getEnv().NEXTAUTH_URL ?? null,
  };
  if (!isSameOriginRequest(evidence)) {
    throw new AppError(
      "forbidden",
      "This change must come from Ranklab's own pages (the request's Origin or Sec-Fetch-Site names another site, or neither was sent). Machines use an API key.",
    );
  }
}

/** Refuses (415) a body that is not declared as JSON: a cross-site form can send only text/plain, form or multipart bodies. */
export function requireJsonContentType(request: Request): void {
  const mediaType = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new AppError("unsupported_media_type", "Send the body as JSON, with the header Content-Type: application/json.");
  }
}
