import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { getToken } from "next-auth/jwt";
import { AppError } from "@/lib/api/errors";
import { decodeRemembered } from "@/lib/auth/session-token";
import { readSessionPerson } from "@/lib/auth/sessions";

export type CurrentUser = { id: string; email: string; name: string | null; role: "admin" | "labeler" };

type SessionState = { user: CurrentUser } | { user: null; deactivated: boolean };

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
