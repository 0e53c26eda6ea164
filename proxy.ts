import { type NextFetchEvent, type NextRequest, NextResponse } from "next/server";
import { type NextRequestWithAuth, withAuth } from "next-auth/middleware";
import { getEnv } from "@/lib/env";
import { arrivedOverHttps, pageSecurityHeaders } from "@/lib/security/headers";

// Only a redirect: signed-out visitors to a page are sent to sign in and brought back afterwards
// (callbackUrl). Who may see what is checked again in every page and route, against the database.
const redirectSignedOut = withAuth({ pages: { signIn: "/login" } });
const SIGNED_IN_PAGES = /^\/(?:$|admin(?:\/|$)|projects(?:\/|$))/;

/**
 * Every page gets a fresh CSP nonce. Next reads it from the Content-Security-Policy request header
 * while rendering and stamps it on its own scripts, so the same policy goes back on the response.
 */
export default async function proxy(request: NextRequest, event: NextFetchEvent) {
  const { pathname } = request.nextUrl;
  const malformed = malformedPathError(pathname);
  if (malformed) return malformed;
  // API paths come here only when they hold a percent sign (the matcher below).
  if (pathname.startsWith("/api/")) return NextResponse.next();
  if (SIGNED_IN_PAGES.test(pathname)) {
    const redirect = await redirectSignedOut(request as NextRequestWithAuth, event);
    if (redirect) return redirect;
  }
  const headers = pageSecurityHeaders({
    nonce: Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64"),
    https: arrivedOverHttps({
      protocol: request.nextUrl.protocol,
      forwardedProto: request.headers.get("x-forwarded-proto"),
      publicUrl: getEnv().NEXTAUTH_URL,
    }),
    development: process.env.NODE_ENV === "development",
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/**
 * A path whose percent-encoding does not decode (`%ZZ`, a cut UTF-8 sequence) is answered 400 here:
 * Next would fail to decode the route's parameters and answer a bare 500.
 */
function malformedPathError(pathname: string): NextResponse | null {
  if (!pathname.includes("%")) return null;
  try {
    decodeURIComponent(pathname);
    return null;
  } catch {
    const message = "The path is not valid percent-encoded UTF-8.";
    if (!pathname.startsWith("/api/")) return new NextResponse(message, { status: 400 });
    return NextResponse.json({ error: { code: "invalid_request", message } }, { status: 400 });
  }
}

export const config = {
  matcher: [
    {
      // Pages only. API routes answer JSON and files, which run no script; and a proxy in front of
      // them would buffer request bodies (imports send megabytes) before the route counts them.
      source: "/((?!api/|_next/static/|_next/image|favicon.ico|icon.svg).*)",
      // next/link prefetches render no document of their own.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
    // API paths with a percent sign, to check their encoding (above).
    "/api/(.*%.*)",
  ],
};
