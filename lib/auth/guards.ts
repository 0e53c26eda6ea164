import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { decode, getToken, type JWT, type JWTDecodeParams } from "next-auth/jwt";
import { AppError } from "@/lib/api/errors";
import { readSessionPerson } from "@/lib/auth/sessions";

export type CurrentUser = { id: string; email: string; name: string | null; role: "admin" | "labeler" };

type SessionState = { user: CurrentUser } | { user: null; deactivated: boolean };

// Decoded session tokens by their text. next-auth derives the key (HKDF) and decrypts the token on
// every call, and getServerSession also re-encrypts a fresh token that server code cannot set
// anyway: ~15% of a labeling request's CPU. A token decodes to the same claims every time, so its
// claims are kept (bounded, oldest out first); only a token that decrypted with our secret gets
// in, and its expiry is checked again on every use. Nothing here decides who may act: the person
// is read from the database on every request (readSessionPerson).
const DECODED_LIMIT = 10_000;
const decoded = new Map<string, JWT>();
const CLOCK_TOLERANCE_S = 15; // next-auth's own, for tokens it decodes

async function decodeRemembered(params: JWTDecodeParams): Promise<JWT | null> {
  const token = params.token;
  if (!token) return null;
  const known = decoded.get(token);
  if (known) {
    if (typeof known.exp === "number" && known.exp + CLOCK_TOLERANCE_S > Date.now() / 1000) return known;
    decoded.delete(token);
    return null;
  }
  const claims = await decode(params);
  if (claims) {
    if (decoded.size >= DECODED_LIMIT) decoded.delete(decoded.keys().next().value!);
    decoded.set(token, claims);
  }
  return claims;
}

/**
 * The signed-in person, from the session cookie alone (never an Authorization header: sessions do
 * not work as bearer tokens). The person is read from the database on every call, so a deactivated
 * person is out at their very next request, whatever their session cookie says.
 */
async function readSession(): Promise<SessionState> {
  const jar = await cookies();
  const token = await getToken({
    req: { cookies: Object.fromEntries(jar.getAll().map((cookie) => [cookie.name, cookie.value])), headers: {} } as never,
    decode: decodeRemembered,
    secret: process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET,
  });
  return readSessionPerson(token);
}

export async function getCurrentUser(): Promise<CurrentUser | null> {
  return (await readSession()).user;
}

/** For pages: the signed-in person, or a redirect to sign-in. */
export async function requireUser(): Promise<CurrentUser> {
  const state = await readSession();
  if (state.user) return state.user;
  redirect(state.deactivated ? "/login?error=deactivated" : "/login");
}

/** For pages: an admin, a redirect to sign-in, or a 403 page. */
export async function requireAdmin(): Promise<CurrentUser> {
  const user = await requireUser();
  if (user.role !== "admin") forbidden();
  return user;
}

/** For route handlers: the signed-in person, or a 401. */
export async function requireApiUser(): Promise<CurrentUser> {
  const state = await readSession();
  if (state.user) return state.user;
  throw new AppError("unauthorized", state.deactivated ? "Your account is deactivated." : "Sign in first.");
}

/** For route handlers: an admin, or a 401/403. */
export async function requireApiAdmin(): Promise<CurrentUser> {
  const user = await requireApiUser();
  if (user.role !== "admin") throw new AppError("forbidden", "Only admins can do this.");
  return user;
}
