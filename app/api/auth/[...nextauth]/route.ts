import { type NextRequest, NextResponse } from "next/server";
import NextAuth from "next-auth";
import { clientIp } from "@/lib/auth/client-ip";
import { authOptions } from "@/lib/auth/options";
import { getSignInThrottle } from "@/lib/auth/throttle";
import { getEnv } from "@/lib/env";

const nextAuth = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

export function GET(request: NextRequest, context: Context) {
  return nextAuth(request, context);
}

/**
 * Sign-in attempts pass the throttle first: a locked account or address gets a 429 before its
 * password is even checked, and a recently failing one is answered more slowly.
 */
export async function POST(request: NextRequest, context: Context) {
  const { nextauth } = await context.params;
  if (nextauth.join("/") === "callback/credentials") {
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    const email = String(form?.get("email") ?? "")
      .trim()
      .toLowerCase();
    if (email) {
      const state = await getSignInThrottle({ email, ip: clientIp(request.headers, getEnv().TRUST_PROXY === "1") });
      if (state.lockedUntil) {
        const retryAfter = Math.ceil((state.lockedUntil.getTime() - Date.now()) / 1000);
        const url = new URL("/login?error=RateLimited", request.url).toString();
        return NextResponse.json(
          { url, error: { code: "rate_limited", message: "Too many failed sign-ins. Try again later." } },
          { status: 429, headers: { "Retry-After": String(retryAfter) } },
        );
      }
      if (state.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
    }
  }
  return nextAuth(request, context);
}
