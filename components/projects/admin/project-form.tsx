"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import type { PATCH } from "@/app/api/admin/projects/[slug]/route";
import type { POST } from "@/app/api/admin/projects/route";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { FieldError } from "@/components/ui/field-error";
import { Input, Textarea } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Markdown } from "@/components/ui/markdown";
import type { ResponseOf } from "@/lib/api/operation";
import { createProjectSchema, updateProjectSchema } from "@/lib/projects/schema";
import { callApi, type FieldErrors, toFieldErrors } from "@/lib/ui/api";
import { cn } from "@/lib/ui/cn";
import { suggestSlug } from "@/lib/ui/slug";

export type ProjectValues = { slug: string; name: string; description: string; instructions: string };

type Saved = ResponseOf<typeof POST> | ResponseOf<typeof PATCH>;

export function ProjectForm({ mode, initial }: { mode: "create" | "edit"; initial?: ProjectValues }) {
  const router = useRouter();
  const [values, setValues] = useState<ProjectValues>(initial ?? { slug: "", name: "", description: "", instructions: "" });
  // In a new project the slug follows the name until someone edits it by hand.
  const [slugTouched, setSlugTouched] = useState(mode === "edit");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const [tab, setTab] = useState<"write" | "preview">("write");

  function set<K extends keyof ProjectValues>(key: K, value: ProjectValues[K]) {
    setValues((current) => {
      const next = { ...current, [key]: value };
      if (key === "name" && !slugTouched) next.slug = suggestSlug(String(value));
      return next;
    });
    if (errors[key]) setErrors((current) => ({ ...current, [key]: "" }));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage(null);
    const parsed = (mode === "create" ? createProjectSchema : updateProjectSchema).safeParse(values);
    if (!parsed.success) {
      const found = toFieldErrors(parsed.error.issues);
      setErrors(found);
      const first = (["name", "slug", "description", "instructions"] as const).find((key) => found[key]);
      if (first) document.getElementById(`project-${first}`)?.focus();
      return;
    }
    setErrors({});
    setPending(true);
    const result =
      mode === "create"
        ? await callApi<Saved>("/api/admin/projects", { method: "POST", body: parsed.data })
        : await callApi<Saved>(`/api/admin/projects/${encodeURIComponent(initial!.slug)}`, { method: "PATCH", body: parsed.data });
    setPending(false);
    if (!result.ok) {
      setErrors(result.fieldErrors);
      setMessage({ tone: "error", text: result.message });
      return;
    }
    const project = result.data.project;
    if (mode === "create" || project.slug !== initial?.slug) {
      router.replace(`/admin/projects/${project.slug}${mode === "create" ? "?created=1" : "?saved=1"}`);
      router.refresh();
      return;
    }
    setValues({ slug: project.slug, name: project.name, description: project.description, instructions: project.instructions });
    setMessage({ tone: "success", text: `Saved. Instructions are at version ${project.instructionsVersion}.` });
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {message ? (
        <Alert tone={message.tone} testId="project-form-message">
          {message.text}
        </Alert>
      ) : null}

      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="project-name" label="Name" error={errors.name}>
          <Input
            id="project-name"
            name="name"
            value={values.name}
            onChange={(event) => set("name", event.target.value)}
            autoFocus={mode === "create"}
            autoComplete="off"
            invalid={!!errors.name}
            aria-describedby={describedBy("project-name", { error: errors.name })}
          />
        </Field>
        <Field
          id="project-slug"
          label="Slug"
          hint={
            mode === "create"
              ? "Used in URLs and the API. Suggested from the name; edit it if you like."
              : "Changing it changes the project's URLs and API paths."
          }
          error={errors.slug}
        >
          <div className="flex rounded-md shadow-sm">
            <span className="inline-flex items-center rounded-l-md border border-r-0 border-slate-300 bg-slate-50 px-2.5 font-mono text-xs text-slate-500">
              projects/
            </span>
            <Input
              id="project-slug"
              name="slug"
              value={values.slug}
              onChange={(event) => {
                setSlugTouched(true);
                set("slug", event.target.value);
              }}
              autoComplete="off"
              spellCheck={false}
              className="rounded-l-none font-mono shadow-none"
              invalid={!!errors.slug}
              aria-describedby={describedBy("project-slug", { hint: true, error: errors.slug })}
            />
          </div>
        </Field>
      </div>

      <Field
        id="project-description"
        label="Description"
        hint="One or two sentences labelers see on their home page."
        error={errors.description}
      >
        <Textarea
          id="project-description"
          name="description"
          rows={2}
          value={values.description}
          onChange={(event) => set("description", event.target.value)}
          invalid={!!errors.description}
          aria-describedby={describedBy("project-description", { hint: true, error: errors.description })}
        />
      </Field>

      <div className="space-y-1.5">
        <div className="flex items-end justify-between gap-3">
          <Label htmlFor="project-instructions">Instructions</Label>
          <div className="flex rounded-md bg-slate-100 p-0.5 text-xs lg:hidden" role="group" aria-label="Editor view">
            {(["write", "preview"] as const).map((value) => (
              <button
                key={value}
                type="button"
                aria-pressed={tab === value}
                onClick={() => setTab(value)}
                className={cn(
                  "rounded px-2.5 py-1 font-medium capitalize",
                  tab === value ? "bg-white text-slate-900 shadow-sm" : "text-slate-600",
                )}
              >
                {value}
              </button>
            ))}
          </div>
        </div>
        <p className="text-xs text-slate-500">Markdown, with tables and task lists. Labelers read this before and during labeling.</p>
        <div className="grid gap-3 lg:grid-cols-2">
          <div className={cn(tab === "preview" && "hidden lg:block")}>
            <Textarea
              id="project-instructions"
              name="instructions"
              rows={18}
              value={values.instructions}
              onChange={(event) => set("instructions", event.target.value)}
              className="min-h-[18rem] font-mono text-[13px]"
              invalid={!!errors.instructions}
              aria-describedby={errors.instructions ? "project-instructions-error" : undefined}
              placeholder={"## What to rank\n\nRank the outputs from best to worst. Use ties when two outputs are about as good."}
            />
          </div>
          <section
            aria-label="Markdown preview"
            data-testid="instructions-preview"
            className={cn(
              "min-h-[18rem] overflow-auto rounded-md border border-slate-200 bg-slate-50/60 px-4 py-3",
              tab === "write" && "hidden lg:block",
            )}
          >
            <p className="mb-2 text-[11px] font-semibold tracking-wide text-slate-400 uppercase">Preview</p>
            {values.instructions.trim() ? (
              <Markdown source={values.instructions} />
            ) : (
              <p className="text-sm text-slate-400">Nothing to preview yet.</p>
            )}
          </section>
        </div>
        <FieldError id="project-instructions-error" message={errors.instructions} />
      </div>

      <div className="flex flex-col-reverse gap-2 border-t border-slate-200 pt-4 sm:flex-row sm:justify-end">
        <ButtonLink href="/admin/projects" variant="secondary">
          Cancel
        </ButtonLink>
        <Button type="submit" pending={pending} data-testid="project-submit">
          {mode === "create" ? "Create project" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}
