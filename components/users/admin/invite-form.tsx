"use client";

import { useState } from "react";
import type { POST } from "@/app/api/admin/invitations/route";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SecretBox } from "@/components/ui/copy-button";
import { describedBy, Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { useCreateForm } from "@/components/ui/use-create-form";
import type { ResponseOf } from "@/lib/api/operation";
import { inviteSchema } from "@/lib/users/schema";

type Created = ResponseOf<typeof POST>;

export function InviteForm() {
  const [created, setCreated] = useState<Created | null>(null);
  const { errors, message, pending, onSubmit } = useCreateForm({
    schema: inviteSchema,
    url: "/api/admin/invitations",
    read: (form) => ({ email: String(form.get("email") ?? ""), role: String(form.get("role") ?? "labeler") }),
    onCreated: setCreated,
  });

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} noValidate className="space-y-3">
        {message ? <Alert tone="error">{message}</Alert> : null}
        <Field id="invite-email" label="Email" error={errors.email}>
          <Input
            id="invite-email"
            name="email"
            type="email"
            placeholder="name@example.com"
            autoComplete="off"
            data-testid="invite-email"
            invalid={!!errors.email}
            aria-describedby={describedBy("invite-email", { error: errors.email })}
          />
        </Field>
        <Field id="invite-role" label="Role" error={errors.role}>
          <Select id="invite-role" name="role" defaultValue="labeler" data-testid="invite-role">
            <option value="labeler">Labeler</option>
            <option value="admin">Admin</option>
          </Select>
        </Field>
        <Button type="submit" pending={pending} data-testid="invite-submit" className="w-full">
          Create invitation
        </Button>
      </form>

      {created ? (
        <div className="rounded-md border border-emerald-200 bg-emerald-50/60 p-3" data-testid="invitation-created">
          <p className="text-sm font-medium text-emerald-900">Invitation created for {created.invitation.email}</p>
          <p className="mt-0.5 mb-2 text-xs text-emerald-800">
            Send this link to them yourself. It works once; it is not shown again after you leave this page.
          </p>
          <SecretBox value={created.url} testId="invitation-link" id="invitation-link" />
        </div>
      ) : null}
    </div>
  );
}
