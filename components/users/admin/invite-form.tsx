"use client";

import { useState } from "react";
import type { POST } from "@/app/api/admin/invitations/route";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SecretBox } from "@/components/ui/copy-button";
import { describedBy, Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { useCreateForm } from "@/components/ui/use-create-form";
import type { ResponseOf } from "@/lib/api/operation";
import { inviteSchema } from "@/lib/users/schema";

type Created = ResponseOf<typeof POST>;

export type InviteProject = { slug: string; name: string; membersOnly: boolean };

/** The invitation form; the projects it names are joined on accepting (what members-only projects need). */
export function InviteForm({ projects }: { projects: InviteProject[] }) {
  const [created, setCreated] = useState<Created | null>(null);
  const { errors, message, pending, onSubmit } = useCreateForm({
    schema: inviteSchema,
    url: "/api/admin/invitations",
    read: (form) => ({
      email: String(form.get("email") ?? ""),
      role: String(form.get("role") ?? "labeler"),
      projects: form.getAll("projects").map(String),
    }),
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
        {projects.length ? (
          // min-w-0: a fieldset is as wide as its content by default, which would push long names out of the card.
          <fieldset aria-describedby="invite-projects-hint" className="min-w-0">
            <legend className="text-sm font-medium text-slate-700">Projects</legend>
            <p id="invite-projects-hint" className="mt-0.5 text-xs text-slate-500">
              They become a member of these on accepting. Projects open to every labeler need none.
            </p>
            <div className="mt-1.5 max-h-40 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2" data-testid="invite-projects">
              {projects.map((project) => (
                <label key={project.slug} className="flex items-center gap-2 text-sm text-slate-700">
                  <input type="checkbox" name="projects" value={project.slug} className="size-4 shrink-0 accent-indigo-600" />
                  <span className="min-w-0 flex-1 truncate" title={project.name}>
                    {project.name}
                  </span>
                  {project.membersOnly ? <Badge tone="indigo">members only</Badge> : null}
                </label>
              ))}
            </div>
            {errors.projects ? <p className="mt-1 text-xs text-red-600">{errors.projects}</p> : null}
          </fieldset>
        ) : null}
        <Button type="submit" pending={pending} data-testid="invite-submit" className="w-full">
          Create invitation
        </Button>
      </form>

      {created ? (
        <div className="rounded-md border border-emerald-200 bg-emerald-50/60 p-3" data-testid="invitation-created">
          <p className="text-sm font-medium [overflow-wrap:anywhere] text-emerald-900">Invitation created for {created.invitation.email}</p>
          <p className="mt-0.5 mb-2 text-xs text-emerald-800">
            Send this link to them yourself. It works once; it is not shown again after you leave this page.
          </p>
          <SecretBox value={created.url} testId="invitation-link" id="invitation-link" />
        </div>
      ) : null}
    </div>
  );
}
