// The label screen's state as one pure reducer: which task is shown, the labeler's draft of it,
// progress, the submit and skip requests, a lost lease, dialogs and the flash. The hook around it
// (use-label-screen.ts) makes the requests and touches the browser; this file does neither, so a
// unit test can walk it through a whole session.
import { draftHasWork, emptyDraft, type TaskDraft } from "@/components/labeling/labeler/ranking-state";
import type { NextTask } from "@/lib/labeling/schema";
import type { ApiResult } from "@/lib/ui/api";

export type Phase = "loading" | "ready" | "empty" | "error" | "barred";
/** Why the server will give this labeler no task in the project (403 from tasks/next or submit). */
export type BarredReason = { code: "quality_blocked" | "screening_failed"; message: string };
export type ApiFailure = Extract<ApiResult<unknown>, { ok: false }>;
/** A change to the draft: the fields to replace, or a function of the draft that returns them. */
export type DraftPatch = Partial<TaskDraft> | ((draft: TaskDraft) => Partial<TaskDraft>);

export type LabelScreenState = {
  phase: Phase;
  /** The task on screen; kept while the next one loads, so the screen does not jump. */
  task: NextTask | null;
  progress: NextTask["progress"] | null;
  /** A request for the next task is under way. */
  fetching: boolean;
  loadError: string | null;
  /** The labeler's work on `task` (also kept in localStorage by the task component). */
  draft: TaskDraft | null;
  /** The draft came back from the browser's storage with work in it. */
  restored: boolean;
  submitting: boolean;
  submitError: string | null;
  /** Why the server no longer takes answers for this task; the answer stays on screen. */
  leaseLost: string | null;
  /** The labeler is blocked or failed screening here: the screen says so instead of showing tasks. */
  barred: BarredReason | null;
  skip: { open: boolean; pending: boolean; error: string | null };
  instructionsOpen: boolean;
  flash: string | null;
  copied: boolean;
};

export type LabelScreenAction =
  | { type: "load-started" }
  /** `stored` is the draft kept in the browser for the task in `result`; `now` stamps a new one. */
  | { type: "load-finished"; result: ApiResult<NextTask | null>; stored: TaskDraft | null; now: number }
  | { type: "edited"; taskId: string; patch: DraftPatch }
  | { type: "submit-started" }
  | { type: "submit-finished"; result: ApiResult<unknown> }
  | { type: "skip-opened" }
  | { type: "skip-closed" }
  | { type: "skip-started" }
  | { type: "skip-finished"; result: ApiResult<unknown> }
  | { type: "instructions-toggled"; open: boolean }
  | { type: "flash-expired" }
  | { type: "answer-copied"; ok: boolean };

export const initialLabelScreenState: LabelScreenState = {
  phase: "loading",
  task: null,
  progress: null,
  fetching: false,
  loadError: null,
  draft: null,
  restored: false,
  submitting: false,
  submitError: null,
  leaseLost: null,
  barred: null,
  skip: { open: false, pending: false, error: null },
  instructionsOpen: false,
  flash: null,
  copied: false,
};

const SIGNED_OUT_LOADING = "You were signed out. Sign in again, then come back: your work is kept in this browser.";
const SIGNED_OUT_SUBMITTING = "You were signed out. Sign in again in another tab, then submit: your answer is kept in this browser.";

/** A failed request as one line for the labeler: the server's message and up to three field problems. */
export function errorText(result: ApiFailure): string {
  const details = Object.entries(result.fieldErrors)
    .filter(([path]) => path)
    .slice(0, 3)
    .map(([path, message]) => `${path}: ${message}`);
  return details.length ? `${result.message} ${details.join("; ")}` : result.message;
}

/** A 403 that bars the labeler from the project (blocked by quality checks, or screened out), else null. */
export function barredReason(result: ApiFailure): BarredReason | null {
  if (result.status !== 403 || (result.code !== "quality_blocked" && result.code !== "screening_failed")) return null;
  return { code: result.code, message: result.message };
}

/** 409 (lease taken over) and 404 (no longer assigned) mean the server will not take this answer. */
export function isLeaseLost(result: ApiFailure): boolean {
  return result.status === 409 || result.status === 404;
}

function leaseLostMessage(result: ApiFailure): string {
  return result.status === 404
    ? "This task is no longer assigned to you, so the server did not take your answer."
    : result.message || "Your lease on this task ran out and someone else took it.";
}

/**
 * The next state of the label screen. A new task gets its stored draft (or an empty one); the same
 * task loaded again while on screen keeps the draft in memory, as its component stays mounted.
 */
export function labelScreenReducer(state: LabelScreenState, action: LabelScreenAction): LabelScreenState {
  switch (action.type) {
    case "load-started":
      return { ...state, fetching: true, phase: state.phase === "ready" ? "ready" : "loading", loadError: null };

    case "load-finished": {
      const settled = { ...state, fetching: false, submitError: null, leaseLost: null, barred: null, copied: false };
      const { result } = action;
      if (!result.ok) {
        const barred = barredReason(result);
        if (barred) return { ...settled, phase: "barred", barred, task: null, draft: null, restored: false };
        return { ...settled, phase: "error", loadError: result.status === 401 ? SIGNED_OUT_LOADING : result.message };
      }
      if (result.status === 204 || !result.data) {
        const progress = state.progress ? { ...state.progress, remaining: 0 } : state.progress;
        return { ...settled, phase: "empty", task: null, progress, draft: null, restored: false };
      }
      const task = result.data;
      const progress = task.progress ?? state.progress;
      if (state.phase === "ready" && state.task?.id === task.id && state.draft) {
        return { ...settled, phase: "ready", task, progress };
      }
      const draft = action.stored ?? emptyDraft(task.id, task.kind, action.now);
      return { ...settled, phase: "ready", task, progress, draft, restored: draftHasWork(draft) };
    }

    case "edited": {
      // An edit from a task that has left the screen must not land in the next task's draft.
      if (!state.draft || state.draft.taskId !== action.taskId) return state;
      const patch = typeof action.patch === "function" ? action.patch(state.draft) : action.patch;
      return { ...state, draft: { ...state.draft, ...patch } };
    }

    case "submit-started":
      return { ...state, submitting: true, submitError: null };

    case "submit-finished": {
      const { result } = action;
      if (result.ok) {
        const progress = state.progress ? { ...state.progress, done_today: state.progress.done_today + 1 } : state.progress;
        return { ...state, submitting: false, progress, flash: "Submitted." };
      }
      if (isLeaseLost(result)) return { ...state, submitting: false, leaseLost: leaseLostMessage(result) };
      // Blocked while the task was open: the answer cannot count, so the screen says why, as on load.
      const barred = barredReason(result);
      if (barred) return { ...state, submitting: false, phase: "barred", barred, task: null, draft: null, restored: false };
      return { ...state, submitting: false, submitError: result.status === 401 ? SIGNED_OUT_SUBMITTING : errorText(result) };
    }

    case "skip-opened":
      return { ...state, skip: { ...state.skip, open: true, error: null } };

    case "skip-closed":
      return { ...state, skip: { ...state.skip, open: false } };

    case "skip-started":
      return { ...state, skip: { ...state.skip, pending: true, error: null } };

    case "skip-finished": {
      const { result } = action;
      if (result.ok) return { ...state, skip: { ...state.skip, open: false, pending: false }, flash: "Skipped." };
      if (isLeaseLost(result)) {
        return { ...state, skip: { ...state.skip, open: false, pending: false }, leaseLost: leaseLostMessage(result) };
      }
      return { ...state, skip: { ...state.skip, pending: false, error: errorText(result) } };
    }

    case "instructions-toggled":
      return { ...state, instructionsOpen: action.open };

    case "flash-expired":
      return { ...state, flash: null };

    case "answer-copied":
      return { ...state, copied: action.ok };
  }
}
