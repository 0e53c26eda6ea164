"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { NewPasswordFields } from "@/components/auth/password-fields";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, describedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { callApi, toFieldErrors, type FieldErrors } from "@/lib/ui/api";
import { acceptInvitationSchema } from "@/lib/users/schema";

export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { token, name: String(form.get("name") ?? ""), password: String(form.get("password") ?? "") };
    const parsed = acceptInvitationSchema.safeParse(input);
    const found = parsed.success ? {} : toFieldErrors(parsed.error.issues);
    if (input.password !== String(form.get("confirm") ?? "")) found.confirm = "The passwords do not match.";
    setErrors(found);
    setMessage(null);
    if (!parsed.success || found.confirm) return;

    setPending(true);
    const result = await callApi("/api/invitations/accept", { method: "POST", body: parsed.data });
    if (!result.ok) {
      setPending(false);
      setErrors(result.fieldErrors);
      setMessage(result.message);
      return;
    }
    const signedIn = await signIn("credentials", { redirect: false, email, password: input.password }).catch(() => undefined);
    if (signedIn?.ok && !signedIn.error) {
      router.replace("/");
      router.refresh();
    } else {
      router.replace("/login");
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {message ? <Alert tone="error">{message}</Alert> : null}
      {/* Lets password managers store the right account name. */}
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <Field id="name" label="Name" error={errors.name}>
        <Input id="name" name="name" autoComplete="name" required autoFocus invalid={!!errors.name} aria-describedby={describedBy("name", { error: errors.name })} />
      </Field>
      <NewPasswordFields errors={errors} />
      <Button type="submit" className="w-full" pending={pending}>
        Create account
      </Button>
    </form>
  );
}
