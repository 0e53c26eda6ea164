"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import type { z } from "zod";
import { callApi, type FieldErrors, toFieldErrors } from "@/lib/ui/api";

type AccountInput = { email?: string; password: string };

/**
 * The submit of a form that creates an account and signs straight into it (invitation
 * acceptance, first-admin setup): validate with the shared schema and the password confirmation,
 * POST, then sign in and go to `destination` (or to the sign-in page if that fails).
 */
export function useCreateAccount<S extends z.ZodType<AccountInput>>(options: {
  schema: S;
  url: string;
  read: (form: FormData) => z.input<S>;
  email: (input: z.infer<S>) => string;
  destination: string;
}) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = options.schema.safeParse(options.read(form));
    const found = parsed.success ? {} : toFieldErrors(parsed.error.issues);
    if (String(form.get("password") ?? "") !== String(form.get("confirm") ?? "")) found.confirm = "The passwords do not match.";
    setErrors(found);
    setMessage(null);
    if (!parsed.success || found.confirm) return;

    setPending(true);
    const result = await callApi(options.url, { method: "POST", body: parsed.data });
    if (!result.ok) {
      setPending(false);
      setErrors(result.fieldErrors);
      setMessage(result.message);
      return;
    }
    const signedIn = await signIn("credentials", {
      redirect: false,
      email: options.email(parsed.data),
      password: parsed.data.password,
    }).catch(() => undefined);
    if (signedIn?.ok && !signedIn.error) {
      router.replace(options.destination);
      router.refresh();
    } else {
      router.replace("/login");
    }
  }

  return { errors, message, pending, onSubmit };
}
