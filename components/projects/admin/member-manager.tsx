"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { LabelerAccess } from "@/lib/projects/access";
import { callApi, type FieldErrors } from "@/lib/ui/api";
import { cn } from "@/lib/ui/cn";

export type MemberRow = { email: string; name: string | null; role: "admin" | "labeler"; active: boolean; added: string };

const MODES: { value: LabelerAccess; title: string; body: string }[] = [
  {
    value: "all",
    title: "Every labeler",
    body: "Anyone with a labeler account sees this project, leases its tasks and writes its prompts.",
  },
  {
    value: "members",
    title: "Only members",
    body: "Only this project's members. To other labelers the project does not exist. Admins always see it.",
  },
];

type Message = { tone: "error" | "success" | "warning"; text: string } | null;

/** Who may label in a project: the access mode, and the members it lets in. */
export function MemberManager({
  slug,
  access,
  members,
  candidates,
}: {
  slug: string;
  access: LabelerAccess;
  members: MemberRow[];
  /** Labelers who are not members yet, offered as the email is typed. */
  candidates: string[];
}) {
  const router = useRouter();
  const base = `/api/admin/projects/${encodeURIComponent(slug)}`;
  const listId = useId();

  const [mode, setMode] = useState(access);
  const [modeMessage, setModeMessage] = useState<Message>(null);
  const [modePending, setModePending] = useState(false);

  const [email, setEmail] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<Message>(null);
  const [adding, setAdding] = useState(false);

  const [removing, setRemoving] = useState<MemberRow | null>(null);
  const [removePending, setRemovePending] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);

  async function saveMode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setModePending(true);
    const result = await callApi(`${base}/quality-settings`, { method: "PATCH", body: { labeler_access: mode } });
    setModePending(false);
    if (!result.ok) {
      setModeMessage({ tone: "error", text: result.message });
      return;
    }
    setModeMessage(
      mode === "members"
        ? members.length
          ? { tone: "success", text: "Saved. Only members and admins see the project now; other labelers' leases were released." }
          : { tone: "warning", text: "Saved. Nobody but admins sees the project until you add members." }
        : { tone: "success", text: "Saved. Every labeler sees the project now." },
    );
    router.refresh();
  }

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage(null);
    if (!email.trim()) {
      setErrors({ email: "Type the email of an account." });
      return;
    }
    setAdding(true);
    const result = await callApi<{ created: boolean; member: { email: string } }>(`${base}/members`, {
      method: "POST",
      body: { email: email.trim() },
    });
    setAdding(false);
    if (!result.ok) {
      setErrors(result.fieldErrors);
      setMessage({ tone: "error", text: result.message });
      return;
    }
    const added = result.data.member.email;
    setErrors({});
    setEmail("");
    setMessage({ tone: "success", text: result.data.created ? `Added ${added}.` : `${added} is already a member.` });
    router.refresh();
  }

  async function remove() {
    if (!removing) return;
    setRemovePending(true);
    setRemoveError(null);
    const result = await callApi(`${base}/members`, { method: "DELETE", body: { email: removing.email } });
    setRemovePending(false);
    if (!result.ok) {
      setRemoveError(result.message);
      return;
    }
    setMessage({ tone: "success", text: `Removed ${removing.email}.` });
    setRemoving(null);
    router.refresh();
  }

  const saved = mode === access;

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] items-start gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      <Card>
        <CardHeader>
          <CardTitle>Who may label</CardTitle>
          <CardDescription>Who sees this project on their home page, leases its tasks and writes its prompts.</CardDescription>
        </CardHeader>
        <CardBody>
          <form onSubmit={saveMode} className="space-y-4" data-testid="access-form">
            {modeMessage ? (
              <Alert tone={modeMessage.tone} testId="access-message">
                {modeMessage.text}
              </Alert>
            ) : null}
            <fieldset className="space-y-2">
              <legend className="sr-only">Labeler access</legend>
              {MODES.map((option) => (
                <label
                  key={option.value}
                  className={cn(
                    "flex cursor-pointer gap-3 rounded-md border p-3",
                    mode === option.value
                      ? "border-indigo-300 bg-indigo-50/60 ring-1 ring-indigo-300"
                      : "border-slate-200 hover:bg-slate-50",
                  )}
                >
                  <input
                    type="radio"
                    name="labeler_access"
                    value={option.value}
                    checked={mode === option.value}
                    onChange={() => {
                      setMode(option.value);
                      setModeMessage(null);
                    }}
                    className="mt-0.5 size-4 shrink-0 accent-indigo-600"
                    data-testid={`access-${option.value}`}
                  />
                  <span className="min-w-0">
                    <span className="block text-sm font-medium text-slate-900">
                      {option.title}
                      {access === option.value ? <span className="ml-2 text-xs font-normal text-slate-500">(current)</span> : null}
                    </span>
                    <span className="mt-0.5 block text-sm text-slate-600">{option.body}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            {mode === "members" && !saved ? (
              <p className="text-xs text-slate-500">
                Labelers who are not members lose access at once: their leases here are released and the tasks go back to the queue.
              </p>
            ) : null}
            <div className="flex justify-end">
              <Button type="submit" pending={modePending} disabled={saved} data-testid="access-submit">
                Save access
              </Button>
            </div>
          </form>
        </CardBody>
      </Card>

      <Card>
        <CardHeader className="flex flex-wrap items-baseline justify-between gap-x-3">
          <CardTitle>Members</CardTitle>
          <CardDescription className="mt-0" data-testid="member-count">
            {members.length} {members.length === 1 ? "person" : "people"}
            {access === "all" ? " · not needed while every labeler may label" : ""}
          </CardDescription>
        </CardHeader>
        <CardBody className="border-b border-slate-200">
          <form onSubmit={add} noValidate className="space-y-3" data-testid="member-form">
            {message ? (
              <Alert tone={message.tone} testId="member-message">
                {message.text}
              </Alert>
            ) : null}
            <Field
              id="member-email"
              label="Add by email"
              error={errors.email}
              hint="An existing account. To add someone new, invite them from People and name this project."
            >
              <div className="flex gap-2">
                <Input
                  id="member-email"
                  name="email"
                  type="email"
                  list={listId}
                  value={email}
                  onChange={(event) => {
                    setEmail(event.target.value);
                    setErrors({});
                  }}
                  placeholder="name@example.com"
                  autoComplete="off"
                  invalid={!!errors.email}
                  aria-describedby={describedBy("member-email", { hint: true, error: errors.email })}
                  data-testid="member-email"
                />
                <Button type="submit" pending={adding} data-testid="member-add">
                  Add
                </Button>
              </div>
              <datalist id={listId}>
                {candidates.map((candidate) => (
                  <option key={candidate} value={candidate} />
                ))}
              </datalist>
            </Field>
          </form>
        </CardBody>
        {members.length === 0 ? (
          <p className="px-4 py-8 text-center text-sm text-slate-500 sm:px-5" data-testid="no-members">
            No members yet.
          </p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Members">
            {members.map((member) => (
              <li
                key={member.email}
                className="flex items-center gap-3 px-4 py-2.5 sm:px-5"
                data-testid="member-row"
                data-email={member.email}
              >
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium text-slate-900" title={member.email}>
                    {member.name ?? member.email}
                  </p>
                  <p className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
                    {member.name ? <span className="max-w-full truncate">{member.email}</span> : null}
                    {member.role === "admin" ? <Badge tone="indigo">admin</Badge> : null}
                    {member.active ? null : <Badge tone="amber">deactivated</Badge>}
                    <span>added {member.added}</span>
                  </p>
                </div>
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => {
                    setRemoveError(null);
                    setRemoving(member);
                  }}
                  aria-label={`Remove ${member.email}`}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.email ?? ""} from this project?`}
        confirmLabel="Remove"
        pending={removePending}
        error={removeError}
        onConfirm={() => void remove()}
        onCancel={() => setRemoving(null)}
      >
        {access === "members"
          ? "They stop seeing the project at once; a task they hold goes back to the queue and their answer to it is refused. Their earlier labels stay."
          : "The project is open to every labeler, so nothing changes for them until it is limited to members."}
      </ConfirmDialog>
    </div>
  );
}
