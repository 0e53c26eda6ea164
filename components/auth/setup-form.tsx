"use client";

import { NewPasswordFields } from "@/components/auth/password-fields";
import { useCreateAccount } from "@/components/auth/use-create-account";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { setupAdminSchema } from "@/lib/users/schema";

export function SetupForm({ token }: { token: string }) {
  const { errors, message, pending, onSubmit } = useCreateAccount({
    schema: setupAdminSchema,
    url: "/api/setup",
    read: (form) => ({
      token,
      email: String(form.get("email") ?? ""),
      name: String(form.get("name") ?? ""),
      password: String(form.get("password") ?? ""),
    }),
    email: (input) => input.email,
    destination: "/admin",
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {message ? <Alert tone="error">{message}</Alert> : null}
      <Field id="email" label="Email" error={errors.email}>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          invalid={!!errors.email}
          aria-describedby={describedBy("email", { error: errors.email })}
        />
      </Field>
      <Field id="name" label="Name" error={errors.name}>
        <Input
          id="name"
          name="name"
          autoComplete="name"
          required
          invalid={!!errors.name}
          aria-describedby={describedBy("name", { error: errors.name })}
        />
      </Field>
      <NewPasswordFields errors={errors} />
      <Button type="submit" className="w-full" pending={pending}>
        Create admin account
      </Button>
    </form>
  );
}
