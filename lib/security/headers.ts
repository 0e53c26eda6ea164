// The security headers every page carries (proxy.ts sets them per request). Pure: no Next imports.

export type PageRequest = {
  /** A fresh, unguessable value for this response alone. */
  nonce: string;
  /** The page was asked for over HTTPS (see `arrivedOverHttps`). */
  https: boolean;
  /** `next dev`: React rebuilds server error stacks with eval there, never in production. */
  development: boolean;
};

/**
 * The Content-Security-Policy of a page. Scripts run only when they carry this response's nonce
 * (Next stamps it on its own scripts while rendering) or were loaded by one that does
 * ('strict-dynamic': Next's chunk loader), so injected markup can never run script. Styles allow
 * 'unsafe-inline': Observable Plot's server-drawn SVG carries its own <style> element and style
 * attributes, and React's style props (progress bars) are attributes too, which no nonce can
 * cover; a nonce in style-src would also switch 'unsafe-inline' off. CSS cannot run script, and
 * images, fonts and connections stay on this origin, so an injected style cannot send data away.
 * No page may be framed (frame-ancestors, clickjacking), and forms post only here.
 */
export function contentSecurityPolicy({ nonce, https, development }: PageRequest): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Over plain HTTP (localhost) upgrading would point every asset at a port that speaks no TLS.
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/**
 * HSTS: once a browser has seen the site over HTTPS, it refuses plain HTTP to it for two years.
 * Without includeSubDomains: the app does not own its parent domain's other hosts.
 */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000";

/** The headers a page response carries: the CSP always, HSTS only over HTTPS (browsers ignore it over HTTP anyway). */
export function pageSecurityHeaders(request: PageRequest): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(request),
    ...(request.https ? { "Strict-Transport-Security": STRICT_TRANSPORT_SECURITY } : {}),
  };
}

/**
 * Whether the browser reached us over HTTPS: directly, through a load balancer that terminated TLS
 * and says so in X-Forwarded-Proto (its first value: the hop nearest the browser), or because the
 * configured public URL (NEXTAUTH_URL) is https, which covers proxies that send no such header.
 */
export function arrivedOverHttps({
  protocol,
  forwardedProto,
  publicUrl,
}: {
  protocol: string;
  forwardedProto: string | null;
  publicUrl: string | undefined;
}): boolean {
  if (protocol === "https:") return true;
  if (forwardedProto?.split(",")[0]?.trim().toLowerCase() === "https") return true;
  return publicUrl?.toLowerCase().startsWith("https://") ?? false;
}
