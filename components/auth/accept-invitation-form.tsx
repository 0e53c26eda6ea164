"use client";

import { NewPasswordFields } from "@/components/auth/password-fields";
import { useCreateAccount } from "@/components/auth/use-create-account";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { acceptInvitationSchema } from "@/lib/users/schema";

export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const { errors, message, pending, onSubmit } = useCreateAccount({
    schema: acceptInvitationSchema,
    url: "/api/invitations/accept",
    read: (form) => ({ token, name: String(form.get("name") ?? ""), password: String(form.get("password") ?? "") }),
    email: () => email,
    destination: "/",
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {message ? <Alert tone="error">{message}</Alert> : null}
      {/* Lets password managers store the right account name. */}
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <Field id="name" label="Name" error={errors.name}>
        <Input
          id="name"
          name="name"
          autoComplete="name"
          required
          autoFocus
          invalid={!!errors.name}
          aria-describedby={describedBy("name", { error: errors.name })}
        />
      </Field>
      <NewPasswordFields errors={errors} />
      <Button type="submit" className="w-full" pending={pending}>
        Create account
      </Button>
    </form>
  );
}
