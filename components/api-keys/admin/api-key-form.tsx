"use client";

import { useState } from "react";
import type { POST } from "@/app/api/admin/api-keys/route";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SecretBox } from "@/components/ui/copy-button";
import { describedBy, Field } from "@/components/ui/field";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { useCreateForm } from "@/components/ui/use-create-form";
import type { ResponseOf } from "@/lib/api/operation";
import { API_KEY_SCOPES, createApiKeySchema } from "@/lib/api-keys/schema";

const scopeHelp: Record<(typeof API_KEY_SCOPES)[number], string> = {
  "prompts:write": "Send prompts in",
  "outputs:write": "Send model outputs in",
  "export:read": "Download exports and snapshots",
  "export:write": "Freeze and delete snapshots (stored copies)",
  "quality:read": "Read agreement and labeler quality figures",
  "projects:admin": "Read and change a project's quality settings",
  "models:write": "Register model endpoints and run generation jobs",
};

type Created = ResponseOf<typeof POST>;

export function ApiKeyForm() {
  const [created, setCreated] = useState<Created["key"] | null>(null);
  const { errors, message, pending, onSubmit } = useCreateForm({
    schema: createApiKeySchema,
    url: "/api/admin/api-keys",
    read: (form) => ({ name: String(form.get("name") ?? ""), scopes: form.getAll("scopes").map(String) }),
    onCreated: (data: Created) => setCreated(data.key),
  });

  return (
    <div className="space-y-4">
      {created ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="new-key-panel">
          <p className="text-sm font-semibold text-amber-900">Copy the key for “{created.name}” now</p>
          <p className="mt-0.5 mb-2 text-xs text-amber-900">
            You will not see it again. Only a hash is stored; if you lose it, revoke it and create a new one.
          </p>
          <SecretBox value={created.key} testId="new-key" id="new-key" />
          <Button variant="ghost" size="sm" className="mt-2" onClick={() => setCreated(null)}>
            I have stored it
          </Button>
        </div>
      ) : null}

      <form onSubmit={onSubmit} noValidate className="space-y-4">
        {message ? <Alert tone="error">{message}</Alert> : null}
        <Field id="key-name" label="Key name" hint="Say who or what uses it, e.g. “nightly export job”." error={errors.name}>
          <Input
            id="key-name"
            name="name"
            autoComplete="off"
            data-testid="key-name"
            invalid={!!errors.name}
            aria-describedby={describedBy("key-name", { hint: true, error: errors.name })}
          />
        </Field>
        <fieldset aria-describedby={errors.scopes ? "key-scopes-error" : undefined}>
          <legend className="text-sm font-medium text-slate-700">Scopes</legend>
          <div className="mt-1.5 space-y-1.5">
            {API_KEY_SCOPES.map((scope) => (
              <label
                key={scope}
                className="flex cursor-pointer items-start gap-2.5 rounded-md px-2 py-1.5 ring-1 ring-slate-200 ring-inset hover:bg-slate-50"
              >
                <input
                  type="checkbox"
                  name="scopes"
                  value={scope}
                  className="mt-0.5 size-4 rounded border-slate-300 accent-indigo-600"
                  data-testid={`key-scope-${scope}`}
                />
                <span className="text-sm">
                  <span className="font-mono text-xs font-medium text-slate-900">{scope}</span>
                  <span className="block text-xs text-slate-500">{scopeHelp[scope]}</span>
                </span>
              </label>
            ))}
          </div>
          <FieldError id="key-scopes-error" message={errors.scopes} />
        </fieldset>
        <Button type="submit" pending={pending} data-testid="key-submit" className="w-full">
          Create key
        </Button>
      </form>
    </div>
  );
}
