"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";
import type { PUT } from "@/app/api/admin/projects/[slug]/quotas/route";
import { SPLIT_LABELS } from "@/components/prompts/admin/labels";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { EmptyRow, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { ResponseOf } from "@/lib/api/operation";
import { callApi, type FieldErrors } from "@/lib/ui/api";
import { cn } from "@/lib/ui/cn";
import { formatCount } from "@/lib/ui/format";

export type QuotaRow = {
  userRef: string;
  label: string;
  split: "train" | "valid" | "test";
  acceptedCount: number;
  quotaOverride: number | null;
  lastSeen: string;
};

type Target = { kind: "raw" } | { kind: "row"; row: QuotaRow };
type Saved = ResponseOf<typeof PUT>;

/** The override form and the usage table: clicking a row points the form at that end user. */
export function QuotaManager({
  slug,
  defaultLimit,
  rows,
  pager,
}: {
  slug: string;
  defaultLimit: number;
  rows: QuotaRow[];
  pager: React.ReactNode;
}) {
  const router = useRouter();
  const [target, setTarget] = useState<Target>({ kind: "raw" });
  const [rawId, setRawId] = useState("");
  const [limit, setLimit] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, setPending] = useState<"set" | "clear" | null>(null);
  const formRef = useRef<HTMLDivElement>(null);

  function edit(row: QuotaRow) {
    setTarget({ kind: "row", row });
    setLimit(row.quotaOverride === null ? "" : String(row.quotaOverride));
    setErrors({});
    setMessage(null);
    formRef.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
    window.setTimeout(() => document.getElementById("quota-limit")?.focus(), 0);
  }

  async function submit(clear: boolean) {
    setMessage(null);
    const found: FieldErrors = {};
    if (target.kind === "raw" && !rawId.trim()) found.user_id = "Type the end user's ID as your application sends it.";
    const value = Number(limit);
    if (!clear && (limit.trim() === "" || !Number.isInteger(value) || value < 0))
      found.limit = "Give a whole number of prompts, 0 or more.";
    setErrors(found);
    if (Object.keys(found).length) return;

    setPending(clear ? "clear" : "set");
    const result = await callApi<Saved>(`/api/admin/projects/${encodeURIComponent(slug)}/quotas`, {
      method: "PUT",
      body: { ...(target.kind === "raw" ? { user_id: rawId.trim() } : { user_ref: target.row.userRef }), limit: clear ? null : value },
    });
    setPending(null);
    if (!result.ok) {
      setErrors(result.fieldErrors);
      setMessage({ tone: "error", text: result.message });
      return;
    }
    const { endUser, created } = result.data;
    setMessage({
      tone: "success",
      text:
        endUser.quotaOverride === null
          ? `${endUser.label} is back on the project limit (${result.data.defaultLimit}).`
          : `${endUser.label} may now contribute ${formatCount(endUser.quotaOverride)} prompts${created ? " (they have not sent any yet)" : ""}.`,
    });
    setTarget({ kind: "raw" });
    setRawId("");
    setLimit("");
    router.refresh();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(false);
  }

  return (
    <div className="space-y-4">
      <div ref={formRef}>
        <Card>
          <CardHeader>
            <CardTitle>Set an override</CardTitle>
            <CardDescription>
              Give one end user a different limit than the project&apos;s {formatCount(defaultLimit)}, or clear it.
            </CardDescription>
          </CardHeader>
          <CardBody>
            <form onSubmit={onSubmit} noValidate className="space-y-4">
              {message ? (
                <Alert tone={message.tone} testId="quota-message">
                  {message.text}
                </Alert>
              ) : null}
              <div className="grid gap-4 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
                {target.kind === "raw" ? (
                  <Field
                    id="quota-user-id"
                    label="End-user ID"
                    error={errors.user_id}
                    hint="Exactly as your application sends it in user_id. It is only used to compute the pseudonym and is not logged."
                  >
                    <Input
                      id="quota-user-id"
                      value={rawId}
                      onChange={(event) => setRawId(event.target.value)}
                      autoComplete="off"
                      spellCheck={false}
                      invalid={!!errors.user_id}
                      aria-describedby={describedBy("quota-user-id", { hint: true, error: errors.user_id })}
                      className="font-mono"
                    />
                  </Field>
                ) : (
                  <div className="space-y-1.5">
                    <p className="text-sm font-medium text-slate-700">End user</p>
                    <div className="flex h-9 items-center justify-between gap-2 rounded-md bg-indigo-50 px-3 ring-1 ring-indigo-200 ring-inset">
                      <span className="truncate text-sm font-medium text-indigo-900" data-testid="quota-target">
                        {target.row.label}
                      </span>
                      <button
                        type="button"
                        className="shrink-0 text-xs font-medium text-indigo-700 hover:text-indigo-500"
                        onClick={() => setTarget({ kind: "raw" })}
                      >
                        Type an ID instead
                      </button>
                    </div>
                    <p className="text-xs text-slate-500">
                      Has {formatCount(target.row.acceptedCount)} accepted prompts; limit now{" "}
                      {formatCount(target.row.quotaOverride ?? defaultLimit)}
                      {target.row.quotaOverride === null ? " (project default)" : " (override)"}.
                    </p>
                  </div>
                )}
                <Field id="quota-limit" label="Limit (prompts)" error={errors.limit} hint="0 stops this user's prompts entirely.">
                  <Input
                    id="quota-limit"
                    type="number"
                    inputMode="numeric"
                    min={0}
                    step={1}
                    value={limit}
                    onChange={(event) => setLimit(event.target.value)}
                    placeholder={String(defaultLimit)}
                    invalid={!!errors.limit}
                    aria-describedby={describedBy("quota-limit", { hint: true, error: errors.limit })}
                    className="tabular-nums"
                  />
                </Field>
              </div>
              <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
                <Button
                  variant="secondary"
                  onClick={() => void submit(true)}
                  pending={pending === "clear"}
                  disabled={!!pending}
                  data-testid="quota-clear"
                >
                  Clear override
                </Button>
                <Button type="submit" pending={pending === "set"} disabled={!!pending} data-testid="quota-submit">
                  Set override
                </Button>
              </div>
            </form>
          </CardBody>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>End users by usage</CardTitle>
          <CardDescription>Heaviest first. Click a row to change its override.</CardDescription>
        </CardHeader>
        <Table>
          <THead>
            <TR>
              <TH>End user</TH>
              <TH className="hidden sm:table-cell">Split</TH>
              <TH>Accepted / limit</TH>
              <TH className="hidden md:table-cell">Last prompt</TH>
              <TH className="hidden text-right sm:table-cell">Override</TH>
            </TR>
          </THead>
          <TBody>
            {rows.length === 0 ? (
              <EmptyRow colSpan={5}>No end users yet: they appear with their first prompt, or when you set an override.</EmptyRow>
            ) : null}
            {rows.map((row) => {
              const limitFor = row.quotaOverride ?? defaultLimit;
              const share = limitFor > 0 ? Math.min(row.acceptedCount / limitFor, 1) : 1;
              const full = row.acceptedCount >= limitFor;
              const selected = target.kind === "row" && target.row.userRef === row.userRef;
              return (
                <TR
                  key={row.userRef}
                  data-testid="quota-row"
                  onClick={() => edit(row)}
                  className={cn("cursor-pointer hover:bg-slate-50", selected && "bg-indigo-50/60 hover:bg-indigo-50")}
                >
                  <TD className="max-w-[12rem] sm:max-w-[18rem]">
                    <button
                      type="button"
                      className="block max-w-full truncate text-left font-medium text-slate-900 hover:text-indigo-600"
                      onClick={(event) => {
                        event.stopPropagation();
                        edit(row);
                      }}
                      title={row.label}
                    >
                      {row.label}
                    </button>
                    <span className="text-xs text-slate-500 sm:hidden">{SPLIT_LABELS[row.split]}</span>
                  </TD>
                  <TD className="hidden sm:table-cell">{SPLIT_LABELS[row.split]}</TD>
                  <TD className="min-w-[8.5rem]">
                    <div className="flex items-center gap-1.5 text-xs tabular-nums text-slate-700">
                      {formatCount(row.acceptedCount)} / {formatCount(limitFor)}
                      {/* On phones the override column folds in here. */}
                      {row.quotaOverride !== null ? (
                        <Badge tone="indigo" className="sm:hidden">
                          override
                        </Badge>
                      ) : null}
                    </div>
                    <div className="mt-1 h-1.5 w-full max-w-[10rem] overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
                      <div
                        className={cn("h-full rounded-full", full ? "bg-red-500" : share > 0.8 ? "bg-amber-400" : "bg-indigo-500")}
                        style={{ width: `${share * 100}%` }}
                      />
                    </div>
                  </TD>
                  <TD className="hidden whitespace-nowrap text-xs text-slate-500 tabular-nums md:table-cell">{row.lastSeen}</TD>
                  <TD className="hidden text-right sm:table-cell">
                    {row.quotaOverride === null ? (
                      <span className="text-xs text-slate-400">Default</span>
                    ) : (
                      <Badge tone="indigo">{formatCount(row.quotaOverride)}</Badge>
                    )}
                  </TD>
                </TR>
              );
            })}
          </TBody>
        </Table>
        {pager}
      </Card>
    </div>
  );
}
