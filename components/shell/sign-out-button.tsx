"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * Signs out the way next-auth's client does (a CSRF token, then a POST to /api/auth/signout), with
 * two plain requests: importing next-auth/react for this would put ~12 kB gzip on every page.
 */
async function signOut(): Promise<boolean> {
  try {
    const csrf = await fetch("/api/auth/csrf", { cache: "no-store" });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await fetch("/api/auth/signout", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl: "/login", json: "true" }),
    });
    if (!response.ok) return false;
  } catch {
    return false;
  }
  // A full load: nothing of the signed-in person's client state survives.
  window.location.assign("/login");
  return true;
}

export function SignOutButton({ className }: { className?: string }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="secondary"
      size="sm"
      className={className}
      // Signing out ends the session on the server, and with it every other one (lib/auth/sessions.ts).
      title="Signs you out on every device"
      pending={pending}
      onClick={() => {
        setPending(true);
        void signOut().then((done) => {
          if (!done) setPending(false);
        });
      }}
    >
      Sign out
    </Button>
  );
}
