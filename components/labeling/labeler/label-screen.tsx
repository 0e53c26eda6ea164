"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { DemonstrationTask } from "@/components/labeling/labeler/demonstration-task";
import { InstructionsDrawer } from "@/components/labeling/labeler/instructions-drawer";
import { RankingTask } from "@/components/labeling/labeler/ranking-task";
import { SkipDialog } from "@/components/labeling/labeler/skip-dialog";
import { finishDraft, pruneDrafts, readDraft } from "@/components/labeling/labeler/use-task-draft";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import type { DemonstrationSubmission, NextTask, RankingSubmission } from "@/lib/labeling/schema";
import { type ApiResult, callApi } from "@/lib/ui/api";
import { cn } from "@/lib/ui/cn";
import { formatClockTime } from "@/lib/ui/format";

type Progress = NextTask["progress"];
type Phase = "loading" | "ready" | "empty" | "error";
type LeaseLost = { message: string };

function errorText(result: Extract<ApiResult<unknown>, { ok: false }>) {
  const details = Object.entries(result.fieldErrors)
    .filter(([path]) => path)
    .slice(0, 3)
    .map(([path, message]) => `${path}: ${message}`);
  return details.length ? `${result.message} ${details.join("; ")}` : result.message;
}

/**
 * The labeling screen: leases a task, shows it (ranking or demonstration), submits or skips,
 * then fetches the next one in place. Work in progress lives in localStorage per task.
 */
export function LabelScreen({
  slug,
  projectName,
  instructions,
  instructionsVersion,
}: {
  slug: string;
  projectName: string;
  instructions: string;
  instructionsVersion: number;
}) {
  const router = useRouter();
  const [phase, setPhase] = useState<Phase>("loading");
  const [task, setTask] = useState<NextTask | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [leaseLost, setLeaseLost] = useState<LeaseLost | null>(null);
  const [skipOpen, setSkipOpen] = useState(false);
  const [skipPending, setSkipPending] = useState(false);
  const [skipError, setSkipError] = useState<string | null>(null);
  const [instructionsOpen, setInstructionsOpen] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const loading = useRef(false);
  const [fetching, setFetching] = useState(false);

  const loadNext = useCallback(async () => {
    if (loading.current) return;
    loading.current = true;
    setFetching(true);
    setPhase((current) => (current === "ready" ? "ready" : "loading"));
    setLoadError(null);
    const result = await callApi<NextTask | null>(`/api/v1/projects/${encodeURIComponent(slug)}/tasks/next`, { method: "POST" });
    loading.current = false;
    setFetching(false);
    setSubmitError(null);
    setLeaseLost(null);
    setCopied(false);
    if (!result.ok) {
      setLoadError(
        result.status === 401 ? "You were signed out. Sign in again, then come back: your work is kept in this browser." : result.message,
      );
      setPhase("error");
      return;
    }
    if (result.status === 204 || !result.data) {
      setTask(null);
      setProgress((p) => (p ? { ...p, remaining: 0 } : p));
      setPhase("empty");
      return;
    }
    const next = result.data;
    setTask((previous) => {
      if (previous?.id !== next.id) window.scrollTo({ top: 0 });
      return next;
    });
    if (next.progress) setProgress(next.progress);
    setPhase("ready");
  }, [slug]);

  useEffect(() => {
    pruneDrafts();
    void loadNext();
  }, [loadNext]);

  // Instructions changed since this page was rendered: fetch the new ones from the server.
  const taskVersion = task?.instructions_version;
  useEffect(() => {
    if (taskVersion !== undefined && taskVersion !== instructionsVersion) router.refresh();
  }, [taskVersion, instructionsVersion, router]);

  useEffect(() => {
    if (!flash) return;
    const timer = window.setTimeout(() => setFlash(null), 2500);
    return () => window.clearTimeout(timer);
  }, [flash]);

  function handleFailure(result: Extract<ApiResult<unknown>, { ok: false }>, set: (message: string) => void) {
    if (result.status === 409 || result.status === 404) {
      setLeaseLost({
        message:
          result.status === 404
            ? "This task is no longer assigned to you, so the server did not take your answer."
            : result.message || "Your lease on this task ran out and someone else took it.",
      });
      return;
    }
    if (result.status === 401) set("You were signed out. Sign in again in another tab, then submit: your answer is kept in this browser.");
    else set(errorText(result));
  }

  async function submit(body: RankingSubmission | DemonstrationSubmission) {
    if (!task) return;
    const taskId = task.id;
    setSubmitting(true);
    setSubmitError(null);
    const result = await callApi<{ status: string }>(`/api/v1/tasks/${encodeURIComponent(taskId)}/submit`, { method: "POST", body });
    setSubmitting(false);
    if (!result.ok) {
      handleFailure(result, setSubmitError);
      return;
    }
    finishDraft(taskId);
    setProgress((p) => (p ? { ...p, done_today: p.done_today + 1 } : p));
    setFlash("Submitted.");
    await loadNext();
  }

  async function skip(reason: string) {
    if (!task) return;
    const taskId = task.id;
    setSkipPending(true);
    setSkipError(null);
    const result = await callApi(`/api/v1/tasks/${encodeURIComponent(taskId)}/skip`, { method: "POST", body: { reason } });
    setSkipPending(false);
    if (!result.ok) {
      if (result.status === 409 || result.status === 404) {
        setSkipOpen(false);
        handleFailure(result, setSkipError);
      } else setSkipError(errorText(result));
      return;
    }
    setSkipOpen(false);
    finishDraft(taskId);
    setFlash("Skipped.");
    await loadNext();
  }

  async function copyAnswer() {
    if (!task) return;
    const draft = readDraft(task);
    if (!draft) return;
    const text =
      task.kind === "demonstration"
        ? draft.text
        : JSON.stringify(
            {
              task_id: task.id,
              ratings: draft.ratings,
              ranking: draft.buckets,
              category: draft.category,
              prompt_flags: draft.promptFlags,
              note: draft.note,
            },
            null,
            2,
          );
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  const leaseUntil = task ? formatClockTime(task.lease_expires_at) : null;

  return (
    <div className="-mt-6 sm:-mt-8">
      <div
        className="sticky top-14 z-20 -mx-4 mb-4 border-b border-slate-200 bg-white/95 px-4 py-2 backdrop-blur sm:-mx-6 sm:px-6"
        data-testid="label-header"
      >
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1.5">
          <div className="flex w-full min-w-0 items-baseline gap-2 sm:w-auto">
            <h1 className="truncate text-sm font-semibold text-slate-900">{projectName}</h1>
            {task && phase !== "empty" ? (
              <span className="text-xs whitespace-nowrap text-slate-500">
                {task.kind === "ranking" ? `Rank ${task.outputs.length} outputs` : "Write a demonstration"}
              </span>
            ) : null}
          </div>
          <dl className="flex items-center gap-3 text-xs text-slate-600">
            <div className="flex items-baseline gap-1">
              <dt>
                Done<span className="hidden sm:inline"> today</span>
              </dt>
              <dd className="font-semibold text-slate-900 tabular-nums" data-testid="progress-done">
                {progress?.done_today ?? "–"}
              </dd>
            </div>
            <div className="flex items-baseline gap-1">
              <dt>
                Left<span className="hidden sm:inline"> in queue</span>
              </dt>
              <dd className="font-semibold text-slate-900 tabular-nums" data-testid="progress-remaining">
                {progress?.remaining ?? "–"}
              </dd>
            </div>
            {leaseUntil && phase === "ready" ? (
              <span className="hidden text-slate-400 md:inline">Held for you until {leaseUntil}</span>
            ) : null}
          </dl>
          {flash ? (
            <span className="rounded bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700" role="status" data-testid="flash">
              {flash}
            </span>
          ) : null}
          <div className="ml-auto flex items-center gap-2">
            <Button variant="secondary" size="sm" onClick={() => setInstructionsOpen(true)} data-testid="open-instructions">
              Instructions <span className="hidden font-normal text-slate-400 sm:inline">v{instructionsVersion}</span>
            </Button>
            {task && phase === "ready" ? (
              <Button
                variant="secondary"
                size="sm"
                data-testid="skip-task"
                onClick={() => {
                  setSkipError(null);
                  setSkipOpen(true);
                }}
                disabled={!!leaseLost}
              >
                Skip…
              </Button>
            ) : null}
          </div>
        </div>
      </div>

      {leaseLost ? (
        <div
          role="alert"
          data-testid="lease-lost"
          className="mb-4 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900"
        >
          <p className="font-semibold">This answer could not be saved on the server</p>
          <p className="mt-1">
            {leaseLost.message} Nothing you did is lost: your answer stays on this screen and in this browser, and comes back if this task
            is given to you again.
          </p>
          <div className="mt-3 flex flex-wrap gap-2">
            <Button size="sm" onClick={() => void loadNext()} data-testid="lease-lost-next">
              Get the next task
            </Button>
            <Button size="sm" variant="secondary" onClick={() => void copyAnswer()}>
              {copied ? "Copied" : "Copy my answer"}
            </Button>
          </div>
        </div>
      ) : null}

      {phase === "loading" && !task ? <Skeleton /> : null}

      {phase === "error" ? (
        <Alert tone="error" title="Could not load a task" testId="load-error">
          <p>{loadError}</p>
          <Button size="sm" variant="secondary" className="mt-2" onClick={() => void loadNext()}>
            Try again
          </Button>
        </Alert>
      ) : null}

      {phase === "empty" ? (
        <div className="mx-auto max-w-md py-16 text-center" data-testid="queue-empty">
          <p className="text-base font-semibold text-slate-900">Nothing left to label — thank you</p>
          <p className="mt-1 text-sm text-slate-500">
            {progress?.done_today ? `You did ${progress.done_today} task${progress.done_today === 1 ? "" : "s"} today. ` : ""}New tasks
            appear here as they arrive.
          </p>
          <div className="mt-5 flex justify-center gap-2">
            <ButtonLink href="/" variant="secondary">
              Back home
            </ButtonLink>
            <Button variant="ghost" onClick={() => void loadNext()}>
              Check again
            </Button>
          </div>
        </div>
      ) : null}

      {task && phase === "ready" ? (
        <div className={cn("transition-opacity", fetching && "pointer-events-none opacity-60")}>
          {task.kind === "ranking" ? (
            <RankingTask
              key={task.id}
              task={task}
              submitting={submitting}
              blocked={!!leaseLost}
              error={submitError}
              onSubmit={(body) => void submit(body)}
            />
          ) : (
            <DemonstrationTask
              key={task.id}
              task={task}
              submitting={submitting}
              blocked={!!leaseLost}
              error={submitError}
              onSubmit={(body) => void submit(body)}
            />
          )}
        </div>
      ) : null}

      <SkipDialog
        open={skipOpen}
        pending={skipPending}
        error={skipError}
        onSkip={(reason) => void skip(reason)}
        onCancel={() => setSkipOpen(false)}
      />
      <InstructionsDrawer
        open={instructionsOpen}
        onClose={() => setInstructionsOpen(false)}
        projectName={projectName}
        instructions={instructions}
        version={instructionsVersion}
      />
    </div>
  );
}

function Skeleton() {
  return (
    <div
      className="grid animate-pulse grid-cols-1 gap-5 lg:grid-cols-[minmax(0,1fr)_21rem]"
      role="status"
      aria-busy="true"
      aria-label="Loading the next task"
    >
      <div className="space-y-4">
        <div className="h-28 rounded-lg bg-slate-100" />
        <div className="h-16 rounded-lg bg-slate-100" />
        <div className="h-64 rounded-lg bg-slate-100" />
      </div>
      <div className="hidden h-80 rounded-lg bg-slate-100 lg:block" />
    </div>
  );
}
