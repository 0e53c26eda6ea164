import { getEnv } from "@/lib/env";

/** The public base URL for links we hand out (invitations): NEXTAUTH_URL, else the request's. */
export function publicOrigin(request: Request): string {
  return getEnv().NEXTAUTH_URL?.replace(/\/$/, "") ?? new URL(request.url).origin;
}
