"use client";

import { DemonstrationTask } from "@/components/labeling/labeler/demonstration-task";
import { InstructionsDrawer } from "@/components/labeling/labeler/instructions-drawer";
import type { BarredReason } from "@/components/labeling/labeler/label-screen-state";
import { OwnStandingNote } from "@/components/labeling/labeler/own-standing";
import { RankingTask } from "@/components/labeling/labeler/ranking-task";
import { SkipDialog } from "@/components/labeling/labeler/skip-dialog";
import { useLabelScreen } from "@/components/labeling/labeler/use-label-screen";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import type { OwnStanding } from "@/lib/quality/report-types";
import { cn } from "@/lib/ui/cn";
import { formatClockTime } from "@/lib/ui/format";

/**
 * The labeling screen: leases a task, shows it (ranking or demonstration), submits or skips,
 * then fetches the next one in place. Work in progress lives in localStorage per task.
 */
export function LabelScreen({
  slug,
  projectName,
  instructions,
  instructionsVersion,
  standing,
}: {
  slug: string;
  projectName: string;
  instructions: string;
  instructionsVersion: number;
  /** The labeler's own quality standing when the page was rendered (nobody else's). */
  standing?: OwnStanding;
}) {
  const { state, loadNext, submit, skip, edit, openSkip, closeSkip, setInstructionsOpen, copyAnswer } = useLabelScreen(
    slug,
    instructionsVersion,
  );
  const { phase, task, draft, progress, fetching, loadError, submitting, submitError, leaseLost, barred, flash, copied } = state;

  const leaseUntil = task ? formatClockTime(task.lease_expires_at) : null;

  return (
    <div className="-mt-6 sm:-mt-8" data-wide>
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
          <dl className={cn("flex items-center gap-3 text-xs text-slate-600", phase === "barred" && "hidden")}>
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
              <span className="hidden text-slate-400 md:inline" data-testid="held-until">
                Held for you until {leaseUntil}
              </span>
            ) : null}
          </dl>
          {standing && phase !== "barred" ? <OwnStandingNote standing={standing} compact /> : null}
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
              <Button variant="secondary" size="sm" data-testid="skip-task" onClick={openSkip} disabled={!!leaseLost}>
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
            {leaseLost} Nothing you did is lost: your answer stays on this screen and in this browser, and comes back if this task is given
            to you again.
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

      {phase === "barred" && barred ? <Barred reason={barred} onRetry={() => void loadNext()} retrying={fetching} /> : null}

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

      {task && draft && phase === "ready" ? (
        <div className={cn("transition-opacity", fetching && "pointer-events-none opacity-60")}>
          {task.kind === "ranking" ? (
            <RankingTask
              key={task.id}
              task={task}
              draft={draft}
              restored={state.restored}
              onEdit={edit}
              submitting={submitting}
              blocked={!!leaseLost}
              error={submitError}
              onSubmit={(body) => void submit(body)}
            />
          ) : (
            <DemonstrationTask
              key={task.id}
              task={task}
              draft={draft}
              restored={state.restored}
              onEdit={edit}
              submitting={submitting}
              blocked={!!leaseLost}
              error={submitError}
              onSubmit={(body) => void submit(body)}
            />
          )}
        </div>
      ) : null}

      <SkipDialog
        open={state.skip.open}
        pending={state.skip.pending}
        error={state.skip.error}
        onSkip={(body) => void skip(body)}
        onCancel={closeSkip}
      />
      <InstructionsDrawer
        open={state.instructionsOpen}
        onClose={() => setInstructionsOpen(false)}
        projectName={projectName}
        instructions={instructions}
        version={instructionsVersion}
      />
    </div>
  );
}

const BARRED_TEXT: Record<BarredReason["code"], { title: string; body: string }> = {
  screening_failed: {
    title: "You did not pass this project's screening test",
    body: "A project's first tasks can be a test whose answers are checked against reference rankings. Yours did not reach the pass mark, so no further tasks come to you here. An admin can look at your answers and let you in.",
  },
  quality_blocked: {
    title: "Your work in this project is paused",
    body: "Some tasks carry a reference ranking that checks label quality. Your recent answers to them fell below this project's bar, so no more tasks come to you here. Everything you submitted is kept; an admin can review it and reinstate you.",
  },
};

/** The whole screen when the server gives this labeler no tasks here: why, and what happens next. */
function Barred({ reason, onRetry, retrying }: { reason: BarredReason; onRetry: () => void; retrying: boolean }) {
  const text = BARRED_TEXT[reason.code];
  return (
    <div className="mx-auto max-w-lg py-12 text-center sm:py-16" data-testid="label-barred" data-code={reason.code}>
      <div className="mx-auto flex size-12 items-center justify-center rounded-full bg-amber-50 ring-1 ring-amber-200" aria-hidden="true">
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          className="size-6 text-amber-600"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinecap="round"
        >
          <circle cx="12" cy="12" r="9" />
          <path d="M12 7.5v5.5M12 16.2v.3" />
        </svg>
      </div>
      <h2 className="mt-4 text-lg font-semibold text-slate-900">{text.title}</h2>
      <p className="mt-2 text-sm text-slate-600">{text.body}</p>
      <div className="mt-6 flex justify-center gap-2">
        <ButtonLink href="/" variant="secondary">
          Back home
        </ButtonLink>
        <Button variant="ghost" onClick={onRetry} pending={retrying}>
          Check again
        </Button>
      </div>
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
