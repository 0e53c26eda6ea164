"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { EmptyRow, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { DEFAULT_CONCURRENCY, type GenerationJobResponse, type GeneratorResponse } from "@/lib/models/schema";
import { callApi, type FieldErrors } from "@/lib/ui/api";

type Message = { tone: "error" | "success"; text: string } | null;

const EMPTY_FORM = {
  name: "",
  base_url: "",
  model: "",
  api: "chat",
  api_key: "",
  temperature: "1",
  top_p: "1",
  max_tokens: "512",
  concurrency: "",
  requests_per_minute: "",
};
type FormState = typeof EMPTY_FORM;

function formOf(generator: GeneratorResponse): FormState {
  return {
    name: generator.name,
    base_url: generator.base_url,
    model: generator.model,
    api: generator.api,
    api_key: "",
    temperature: String(generator.params.temperature),
    top_p: String(generator.params.top_p),
    max_tokens: String(generator.params.max_tokens),
    concurrency: generator.concurrency === null ? "" : String(generator.concurrency),
    requests_per_minute: generator.requests_per_minute === null ? "" : String(generator.requests_per_minute),
  };
}

// Blank numeric fields mean "no limit" on an edit (null) and "not sent" on a new generator.
function bodyOf(form: FormState, editing: boolean) {
  const limit = (value: string) => (value.trim() === "" ? (editing ? null : undefined) : Number(value));
  return {
    name: form.name.trim(),
    base_url: form.base_url.trim(),
    model: form.model.trim(),
    api: form.api,
    // An empty key field keeps the stored key on an edit.
    ...(form.api_key ? { api_key: form.api_key } : {}),
    params: { temperature: Number(form.temperature), top_p: Number(form.top_p), max_tokens: Number(form.max_tokens) },
    concurrency: limit(form.concurrency),
    requests_per_minute: limit(form.requests_per_minute),
  };
}

const STATUS_TONE = { queued: "slate", running: "indigo", done: "green", failed: "red", cancelled: "amber" } as const;

/** The Generators tab: model endpoints, starting a generation job, and following the jobs. */
export function GeneratorManager({
  slug,
  generators,
  initialJobs,
}: {
  slug: string;
  generators: GeneratorResponse[];
  initialJobs: GenerationJobResponse[];
}) {
  const router = useRouter();
  const base = `/api/admin/projects/${encodeURIComponent(slug)}`;

  const [editing, setEditing] = useState<string | null>(null);
  const [form, setForm] = useState<FormState>(EMPTY_FORM);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<Message>(null);
  const [saving, setSaving] = useState(false);

  const [deleting, setDeleting] = useState<string | null>(null);
  const [deletePending, setDeletePending] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const [counts, setCounts] = useState<Record<string, string>>({});
  const [split, setSplit] = useState("");
  const [withoutTasks, setWithoutTasks] = useState(true);
  const [limit, setLimit] = useState("");
  const [jobMessage, setJobMessage] = useState<Message>(null);
  const [starting, setStarting] = useState(false);

  const [jobs, setJobs] = useState(initialJobs);
  const active = jobs.some((job) => job.status === "queued" || job.status === "running");

  // Polls while a job is under way, so the progress bars move without a reload.
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(async () => {
      const result = await callApi<{ jobs: GenerationJobResponse[] }>(`${base}/generations`, { method: "GET" });
      if (result.ok) setJobs(result.data.jobs);
    }, 2000);
    return () => clearInterval(timer);
  }, [active, base]);

  const set = (field: keyof FormState) => (event: { target: { value: string } }) => setForm({ ...form, [field]: event.target.value });

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaving(true);
    setMessage(null);
    const result = await callApi<GeneratorResponse>(editing ? `${base}/generators/${encodeURIComponent(editing)}` : `${base}/generators`, {
      method: editing ? "PATCH" : "POST",
      body: bodyOf(form, editing !== null),
    });
    setSaving(false);
    if (!result.ok) {
      setErrors(result.fieldErrors);
      setMessage({ tone: "error", text: result.message });
      return;
    }
    setErrors({});
    setMessage({ tone: "success", text: editing ? `Saved ${result.data.name}.` : `Added ${result.data.name}.` });
    setEditing(null);
    setForm(EMPTY_FORM);
    router.refresh();
  }

  async function remove() {
    if (!deleting) return;
    setDeletePending(true);
    const result = await callApi(`${base}/generators/${encodeURIComponent(deleting)}`, { method: "DELETE" });
    setDeletePending(false);
    if (!result.ok) {
      setDeleteError(result.message);
      return;
    }
    setMessage({ tone: "success", text: `Deleted ${deleting}.` });
    setDeleting(null);
    router.refresh();
  }

  async function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const samples = generators
      .map((generator) => ({ generator: generator.name, n: Number(counts[generator.name] ?? 0) }))
      .filter((sample) => sample.n > 0);
    setStarting(true);
    setJobMessage(null);
    const result = await callApi<{ job_id: string }>(`${base}/generations`, {
      method: "POST",
      body: {
        prompts: {
          ...(split ? { split } : {}),
          ...(withoutTasks ? { without_tasks: true } : {}),
          ...(limit ? { limit: Number(limit) } : {}),
        },
        samples,
      },
    });
    setStarting(false);
    if (!result.ok) {
      setJobMessage({ tone: "error", text: result.message });
      return;
    }
    setJobMessage({ tone: "success", text: "Job started." });
    const listed = await callApi<{ jobs: GenerationJobResponse[] }>(`${base}/generations`, { method: "GET" });
    if (listed.ok) setJobs(listed.data.jobs);
  }

  async function cancel(jobId: string) {
    const result = await callApi<GenerationJobResponse>(`${base}/generations/${jobId}/cancel`, { method: "POST" });
    if (result.ok) setJobs(jobs.map((job) => (job.job_id === jobId ? result.data : job)));
  }

  const k = generators.reduce((sum, generator) => sum + Number(counts[generator.name] ?? 0), 0);

  return (
    <div className="space-y-4">
      <div className="grid grid-cols-[minmax(0,1fr)] items-start gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card>
          <CardHeader>
            <CardTitle>Generators</CardTitle>
            <CardDescription>Model endpoints speaking the OpenAI protocol. Keys are stored encrypted and never shown.</CardDescription>
          </CardHeader>
          <div className="overflow-x-auto">
            <Table data-testid="generator-table">
              <THead>
                <TR>
                  <TH>Name</TH>
                  <TH>Endpoint</TH>
                  <TH>Limits</TH>
                  <TH className="sr-only">Actions</TH>
                </TR>
              </THead>
              <TBody>
                {generators.length === 0 ? <EmptyRow colSpan={4}>No generators yet.</EmptyRow> : null}
                {generators.map((generator) => (
                  <TR key={generator.name} data-testid="generator-row">
                    <TD>
                      <div className="font-medium text-slate-900">{generator.name}</div>
                      <div className="mt-1 flex flex-wrap gap-1">
                        <Badge>{generator.api}</Badge>
                        {generator.api_key_set ? <Badge tone="green">key set</Badge> : <Badge>no key</Badge>}
                        {generator.supports_n === false ? <Badge tone="amber">one per request</Badge> : null}
                      </div>
                    </TD>
                    <TD>
                      <div className="max-w-64 truncate font-mono text-xs text-slate-700">{generator.model}</div>
                      <div className="max-w-64 truncate text-xs text-slate-500">{generator.base_url}</div>
                    </TD>
                    <TD className="text-xs whitespace-nowrap text-slate-600">
                      {generator.concurrency ?? DEFAULT_CONCURRENCY} at once
                      <br />
                      {generator.requests_per_minute ? `${generator.requests_per_minute}/min` : "no rate limit"}
                    </TD>
                    <TD className="text-right whitespace-nowrap">
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => {
                          setEditing(generator.name);
                          setForm(formOf(generator));
                          setErrors({});
                          setMessage(null);
                        }}
                      >
                        Edit
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => {
                          setDeleting(generator.name);
                          setDeleteError(null);
                        }}
                      >
                        Delete
                      </Button>
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          </div>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>{editing ? `Edit ${editing}` : "Add a generator"}</CardTitle>
          </CardHeader>
          <CardBody>
            <form onSubmit={save} noValidate className="space-y-3" data-testid="generator-form">
              {message ? (
                <Alert tone={message.tone} testId="generator-message">
                  {message.text}
                </Alert>
              ) : null}
              <Field id="gen-name" label="Name" hint="Becomes the outputs' model name." error={errors.name}>
                <Input
                  id="gen-name"
                  value={form.name}
                  onChange={set("name")}
                  invalid={Boolean(errors.name)}
                  aria-describedby={describedBy("gen-name", { hint: true, error: errors.name })}
                />
              </Field>
              <Field id="gen-url" label="Base URL" hint="Up to and including /v1." error={errors.base_url}>
                <Input
                  id="gen-url"
                  value={form.base_url}
                  onChange={set("base_url")}
                  placeholder="http://vllm:8000/v1"
                  invalid={Boolean(errors.base_url)}
                  aria-describedby={describedBy("gen-url", { hint: true, error: errors.base_url })}
                />
              </Field>
              <div className="grid grid-cols-1 gap-3 sm:grid-cols-[2fr_1fr]">
                <Field id="gen-model" label="Model" error={errors.model}>
                  <Input id="gen-model" value={form.model} onChange={set("model")} invalid={Boolean(errors.model)} />
                </Field>
                <Field id="gen-api" label="API">
                  <Select id="gen-api" value={form.api} onChange={set("api")}>
                    <option value="chat">chat</option>
                    <option value="completions">completions</option>
                  </Select>
                </Field>
              </div>
              <Field
                id="gen-key"
                label="API key"
                hint={editing ? "Leave empty to keep the stored key." : "Optional."}
                error={errors.api_key}
              >
                <Input
                  id="gen-key"
                  type="password"
                  autoComplete="off"
                  value={form.api_key}
                  onChange={set("api_key")}
                  invalid={Boolean(errors.api_key)}
                  aria-describedby={describedBy("gen-key", { hint: true, error: errors.api_key })}
                />
              </Field>
              <div className="grid grid-cols-3 gap-3">
                <Field id="gen-temperature" label="Temperature" error={errors["params.temperature"]}>
                  <Input id="gen-temperature" inputMode="decimal" value={form.temperature} onChange={set("temperature")} />
                </Field>
                <Field id="gen-top-p" label="Top p" error={errors["params.top_p"]}>
                  <Input id="gen-top-p" inputMode="decimal" value={form.top_p} onChange={set("top_p")} />
                </Field>
                <Field id="gen-max-tokens" label="Max tokens" error={errors["params.max_tokens"]}>
                  <Input id="gen-max-tokens" inputMode="numeric" value={form.max_tokens} onChange={set("max_tokens")} />
                </Field>
              </div>
              <div className="grid grid-cols-2 gap-3">
                <Field
                  id="gen-concurrency"
                  label="Concurrency"
                  hint={`Per app instance; ${DEFAULT_CONCURRENCY} if empty.`}
                  error={errors.concurrency}
                >
                  <Input id="gen-concurrency" inputMode="numeric" value={form.concurrency} onChange={set("concurrency")} />
                </Field>
                <Field id="gen-rpm" label="Requests / minute" hint="Per app instance." error={errors.requests_per_minute}>
                  <Input id="gen-rpm" inputMode="numeric" value={form.requests_per_minute} onChange={set("requests_per_minute")} />
                </Field>
              </div>
              <div className="flex justify-end gap-2">
                {editing ? (
                  <Button
                    variant="secondary"
                    onClick={() => {
                      setEditing(null);
                      setForm(EMPTY_FORM);
                      setErrors({});
                    }}
                  >
                    Cancel
                  </Button>
                ) : null}
                <Button type="submit" pending={saving} data-testid="generator-submit">
                  {editing ? "Save" : "Add generator"}
                </Button>
              </div>
            </form>
          </CardBody>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>Generate outputs</CardTitle>
          <CardDescription>
            For each prompt, ask each generator for n outputs (4–9 in all) and make one ranking task of them.
          </CardDescription>
        </CardHeader>
        <CardBody>
          <form onSubmit={start} noValidate className="space-y-3" data-testid="job-form">
            {jobMessage ? (
              <Alert tone={jobMessage.tone} testId="job-message">
                {jobMessage.text}
              </Alert>
            ) : null}
            <div className="flex flex-wrap gap-3">
              {generators.map((generator) => (
                <Field key={generator.name} id={`n-${generator.name}`} label={`n from ${generator.name}`} className="w-36 space-y-1.5">
                  <Input
                    id={`n-${generator.name}`}
                    inputMode="numeric"
                    value={counts[generator.name] ?? ""}
                    placeholder="0"
                    onChange={(event) => setCounts({ ...counts, [generator.name]: event.target.value })}
                  />
                </Field>
              ))}
            </div>
            <div className="flex flex-wrap items-end gap-3">
              <Field id="job-split" label="Split" className="w-36 space-y-1.5">
                <Select id="job-split" value={split} onChange={(event) => setSplit(event.target.value)}>
                  <option value="">All</option>
                  <option value="train">train</option>
                  <option value="valid">valid</option>
                  <option value="test">test</option>
                </Select>
              </Field>
              <Field id="job-limit" label="At most" className="w-36 space-y-1.5">
                <Input
                  id="job-limit"
                  inputMode="numeric"
                  placeholder="10000"
                  value={limit}
                  onChange={(event) => setLimit(event.target.value)}
                />
              </Field>
              <label className="flex h-9 items-center gap-2 text-sm text-slate-700">
                <input
                  type="checkbox"
                  checked={withoutTasks}
                  onChange={(event) => setWithoutTasks(event.target.checked)}
                  className="size-4 accent-indigo-600"
                />
                Only prompts without a ranking task
              </label>
            </div>
            <div className="flex items-center justify-end gap-3">
              <span className="text-sm text-slate-500" data-testid="job-k">
                K = {k}
              </span>
              <Button type="submit" pending={starting} disabled={generators.length === 0} data-testid="job-submit">
                Start job
              </Button>
            </div>
          </form>
        </CardBody>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Jobs</CardTitle>
        </CardHeader>
        <CardBody className="space-y-4">
          {jobs.length === 0 ? <p className="text-sm text-slate-500">No jobs yet.</p> : null}
          {jobs.map((job) => {
            const finished = job.done + job.failed + job.cancelled;
            const share = job.total ? finished / job.total : 0;
            return (
              <div key={job.job_id} className="space-y-2 border-b border-slate-100 pb-4 last:border-0 last:pb-0" data-testid="job-row">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <div className="flex min-w-0 items-center gap-2">
                    <Badge tone={STATUS_TONE[job.status]} data-testid="job-status">
                      {job.status}
                    </Badge>
                    <span className="truncate font-mono text-xs text-slate-500">{job.job_id}</span>
                  </div>
                  {job.status === "queued" || job.status === "running" ? (
                    <Button size="sm" variant="secondary" onClick={() => cancel(job.job_id)} data-testid="job-cancel">
                      Cancel
                    </Button>
                  ) : null}
                </div>
                <div
                  role="progressbar"
                  aria-label="Prompts finished"
                  aria-valuemin={0}
                  aria-valuemax={job.total}
                  aria-valuenow={finished}
                  className="flex h-2 overflow-hidden rounded-full bg-slate-100"
                >
                  <div className="bg-emerald-500" style={{ width: `${job.total ? (job.done / job.total) * 100 : 0}%` }} />
                  <div className="bg-red-400" style={{ width: `${job.total ? (job.failed / job.total) * 100 : 0}%` }} />
                </div>
                <p className="text-xs text-slate-600" data-testid="job-counts">
                  {job.done} done · {job.failed} failed{job.cancelled ? ` · ${job.cancelled} cancelled` : ""} · {job.total} prompts (
                  {Math.round(share * 100)}%)
                </p>
                {job.errors.length ? (
                  <ul className="space-y-1 text-xs text-red-700">
                    {job.errors.slice(0, 5).map((error) => (
                      <li key={error.prompt_id} className="break-words">
                        <span className="font-mono">{error.prompt_id}</span>
                        {error.generator ? ` · ${error.generator}` : ""}: {error.message}
                      </li>
                    ))}
                    {job.errors.length > 5 ? <li>… and {job.failed - 5} more</li> : null}
                  </ul>
                ) : null}
              </div>
            );
          })}
        </CardBody>
      </Card>

      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting ?? ""}?`}
        confirmLabel="Delete"
        pending={deletePending}
        error={deleteError}
        onConfirm={remove}
        onCancel={() => setDeleting(null)}
      >
        Its stored key goes with it. Prompts of running jobs that still need it fail.
      </ConfirmDialog>
    </div>
  );
}
