import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { publicOrigin } from "@/lib/api/origin";
import { authOptions } from "@/lib/auth/options";
import { runWithSignInRefusal } from "@/lib/auth/sign-in-refusal";

type Context = { params: Promise<{ nextauth: string[] }> };

// next-auth's types do not say so, but in a route handler it answers with a Response.
const nextAuth = NextAuth(authOptions) as (request: NextRequest, context: Context) => Promise<Response>;

export function GET(request: NextRequest, context: Context) {
  return nextAuth(request, context);
}

/**
 * The throttle runs inside the credentials check (lib/auth/options.ts), whatever the body's shape;
 * this only turns its refusal, which next-auth would answer with a 401, into a 429 with Retry-After.
 */
export async function POST(request: NextRequest, context: Context) {
  const { result: response, retryAt } = await runWithSignInRefusal(() => nextAuth(request, context));
  if (!retryAt) return response;
  const retryAfter = Math.max(1, Math.ceil((retryAt.getTime() - Date.now()) / 1000));
  // `url` is what next-auth's signIn() in the browser reads; `error` is this API's error shape.
  const body = {
    url: `${publicOrigin(request)}/login?error=RateLimited`,
    error: { code: "rate_limited", message: `Too many failed sign-ins. Try again in ${retryAfter} s.` },
  };
  const headers = new Headers({ "content-type": "application/json", "retry-after": String(retryAfter) });
  for (const cookie of response.headers.getSetCookie()) headers.append("set-cookie", cookie);
  return new Response(JSON.stringify(body), { status: 429, headers });
}
