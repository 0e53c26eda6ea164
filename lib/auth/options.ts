import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { sameOriginPath } from "@/lib/auth/callback-url";
import { clientIp } from "@/lib/auth/client-ip";
import { getDummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { endSessionsOnSignOut, readSessionPerson } from "@/lib/auth/sessions";
import { reportSignInRefusal } from "@/lib/auth/sign-in-refusal";
import { admitSignInAttempt, forgiveSignInAttempt, purgeQuietSignInCounters } from "@/lib/auth/throttle";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { Role } from "@/lib/users/schema";
import { signInSchema } from "@/lib/users/schema";

declare module "next-auth" {
  interface Session {
    user?: { id: string; role: Role; email: string; name?: string | null };
    // Set instead of `user` when the account behind the cookie has been deactivated.
    error?: "deactivated";
  }
  interface User {
    role: Role;
    sessionVersion: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    id?: string;
    role?: Role;
    // The person's session version at sign-in (lib/auth/sessions.ts).
    sessionVersion?: number;
  }
}

export const authOptions: AuthOptions = {
  session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      // Throttled here, on the very values the password is checked against, whatever shape the
      // body came in (a form, JSON, a field given twice): next-auth parses it before this.
      async authorize(credentials, req) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const subject = { email, ip: clientIp(req?.headers, getEnv().TRUST_PROXY === "1") };
        await purgeQuietSignInCounters();
        const admission = await admitSignInAttempt(subject);
        if (!admission.allowed) {
          reportSignInRefusal(admission.retryAt);
          // next-auth puts the message in the error URL: the sign-in page names it.
          throw new Error("RateLimited");
        }
        const user = await db.user.findUnique({ where: { email } });
        const ok = await verifyPassword(user?.passwordHash ?? (await getDummyPasswordHash()), password);
        if (!user || !ok || !user.active) return null;
        await forgiveSignInAttempt(subject);
        await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
        return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    // Every redirect next-auth makes (after sign-in, sign-out, to its pages) stays on this site.
    redirect({ url, baseUrl }) {
      return `${baseUrl}${sameOriginPath(url, baseUrl)}`;
    },
    async jwt({ token, user }) {
      if (user) {
        token.id = user.id;
        token.role = user.role;
        token.sessionVersion = user.sessionVersion;
      }
      return token;
    },
    async session({ session, token }) {
      // The person is read from the database on every call (lib/auth/sessions.ts), as the guards do.
      const person = await readSessionPerson(token);
      if (person.user) return { ...session, user: person.user };
      return person.deactivated ? { expires: session.expires, error: "deactivated" } : { expires: session.expires };
    },
  },
  events: {
    async signOut({ token }) {
      await endSessionsOnSignOut(token);
    },
  },
};
