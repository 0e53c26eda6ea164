// The label screen's reducer walked through a labeler's session: a task loads, is rated and
// ranked, a submit fails and then loses its lease, the same task comes back with the answer kept,
// is submitted; a demonstration comes back from the browser's storage and is skipped; the network
// drops, the queue runs dry.
import { describe, expect, it } from "vitest";
import {
  initialLabelScreenState,
  type LabelScreenAction,
  type LabelScreenState,
  labelScreenReducer,
} from "@/components/labeling/labeler/label-screen-state";
import {
  emptyDraft,
  moveToBucket,
  setLikert,
  type TaskDraft,
  toggleOutputFlag,
  togglePromptFlag,
  toRankingSubmission,
} from "@/components/labeling/labeler/ranking-state";
import { type NextTask, rankingSubmissionSchema } from "@/lib/labeling/schema";
import type { ApiResult } from "@/lib/ui/api";

const NOW = Date.parse("2026-03-04T10:00:00Z");

function rankingTask(id: string, progress = { done_today: 3, remaining: 12 }): NextTask {
  return {
    id,
    kind: "ranking",
    prompt: { id: `p-${id}`, text: "Explain how a hash map handles collisions.", kind: "plain", structure: null, messages: null },
    outputs: ["o3", "o1", "o4", "o2"].map((outputId, i) => ({ id: outputId, label: "ABCD"[i]!, text: `Output ${outputId}` })),
    lease_expires_at: "2026-03-04T11:00:00Z",
    instructions_version: 2,
    progress,
  };
}

function demonstrationTask(id: string): NextTask {
  return { ...rankingTask(id, { done_today: 4, remaining: 11 }), kind: "demonstration", outputs: [] };
}

const ok = <T>(data: T, status = 200): ApiResult<T> => ({ ok: true, status, data });
const fail = (status: number, message: string, fieldErrors: Record<string, string> = {}): ApiResult<never> => ({
  ok: false,
  status,
  message,
  fieldErrors,
});
const barredBy = (code: string, message: string): ApiResult<never> => ({ ok: false, status: 403, message, fieldErrors: {}, code });
const OFFLINE_MESSAGE = "Could not reach the server. Check your connection and try again.";
const OFFLINE = fail(0, OFFLINE_MESSAGE);

/** Runs the actions in order, checking that no state is changed in place on the way. */
function run(state: LabelScreenState, ...actions: LabelScreenAction[]): LabelScreenState {
  for (const action of actions) {
    const before = structuredClone(state);
    const next = labelScreenReducer(state, action);
    expect(state, `${action.type} changed the previous state`).toEqual(before);
    state = next;
  }
  return state;
}

function loaded(task: NextTask | null, stored: TaskDraft | null = null): LabelScreenAction {
  return { type: "load-finished", result: task ? ok(task) : ok(null, 204), stored, now: NOW };
}

describe("label screen state", () => {
  it("walks a ranking from load to submit, through a failed submit and a lost lease", () => {
    let state = run(initialLabelScreenState, { type: "load-started" });
    expect(state).toMatchObject({ phase: "loading", fetching: true, task: null });

    // The first task arrives: an empty draft, nothing restored.
    const task = rankingTask("t1");
    state = run(state, loaded(task));
    expect(state).toMatchObject({ phase: "ready", fetching: false, task, progress: { done_today: 3, remaining: 12 }, restored: false });
    expect(state.draft).toEqual(emptyDraft("t1", "ranking", NOW));

    // Rate every output (one flagged), rank with a tie, label the prompt.
    const likerts: Record<string, number> = { o3: 6, o1: 4, o4: 4, o2: 2 };
    state = run(
      state,
      ...Object.entries(likerts).map(
        ([id, likert]): LabelScreenAction => ({
          type: "edited",
          taskId: "t1",
          patch: (d) => ({ ratings: setLikert(d.ratings, id, likert) }),
        }),
      ),
      { type: "edited", taskId: "t1", patch: (d) => ({ ratings: toggleOutputFlag(d.ratings, "o2", "hallucination", true) }) },
      { type: "edited", taskId: "t1", patch: (d) => ({ buckets: moveToBucket(d.buckets, "o3", 0) }) },
      { type: "edited", taskId: "t1", patch: (d) => ({ buckets: moveToBucket(d.buckets, "o1", 1) }) },
      { type: "edited", taskId: "t1", patch: (d) => ({ buckets: moveToBucket(d.buckets, "o4", 1) }) },
      { type: "edited", taskId: "t1", patch: (d) => ({ buckets: moveToBucket(d.buckets, "o2", 2) }) },
      { type: "edited", taskId: "t1", patch: { category: "open_qa" } },
      { type: "edited", taskId: "t1", patch: (d) => ({ promptFlags: togglePromptFlag(d.promptFlags, "closed_domain", true) }) },
    );
    const draft = state.draft!;
    expect(draft.buckets).toEqual([["o3"], ["o1", "o4"], ["o2"]]);
    expect(draft.ratings.o2).toEqual({ likert: 2, flags: ["hallucination"] });
    const body = toRankingSubmission(task.outputs, draft, 42_000);
    expect(rankingSubmissionSchema.safeParse(body).success).toBe(true);

    // The server refuses the body: the problem shows, the answer stays.
    state = run(state, { type: "submit-started" });
    expect(state).toMatchObject({ submitting: true, submitError: null });
    state = run(state, { type: "submit-finished", result: fail(422, "The answer is not valid.", { "ranking.0.0": "No such output." }) });
    expect(state).toMatchObject({
      submitting: false,
      submitError: "The answer is not valid. ranking.0.0: No such output.",
      leaseLost: null,
    });
    expect(state.draft).toBe(draft);

    // Retried after the lease ran out: 409, the screen says so and blocks the submit.
    state = run(state, { type: "submit-started" });
    expect(state.submitError).toBeNull();
    state = run(state, { type: "submit-finished", result: fail(409, "Your lease on this task has expired.") });
    expect(state).toMatchObject({ submitting: false, submitError: null, leaseLost: "Your lease on this task has expired." });
    expect(state.draft).toBe(draft);
    state = run(state, { type: "answer-copied", ok: true });
    expect(state.copied).toBe(true);

    // "Get the next task" hands the same task back: still on screen, so the draft in memory is kept.
    state = run(state, { type: "load-started" });
    expect(state).toMatchObject({ phase: "ready", fetching: true, task });
    const again = { ...task, lease_expires_at: "2026-03-04T11:30:00Z" };
    state = run(state, loaded(again, emptyDraft("t1", "ranking", NOW)));
    expect(state).toMatchObject({ phase: "ready", fetching: false, task: again, leaseLost: null, copied: false, submitError: null });
    expect(state.draft).toBe(draft);

    // Submitted: one more done today, a flash that goes away.
    state = run(state, { type: "submit-started" }, { type: "submit-finished", result: ok({ status: "submitted" }) });
    expect(state).toMatchObject({ submitting: false, flash: "Submitted.", progress: { done_today: 4, remaining: 12 } });
    state = run(state, { type: "flash-expired" });
    expect(state.flash).toBeNull();
  });

  it("restores a stored draft, ignores edits from a task that left, and skips", () => {
    let state = run(initialLabelScreenState, { type: "load-started" }, loaded(rankingTask("t1")));

    // The next task is a demonstration the labeler had started in this browser before.
    const stored = { ...emptyDraft("t2", "demonstration", NOW - 60_000), elapsedMs: 30_000, text: "A hash map keeps" };
    state = run(state, { type: "load-started" }, loaded(demonstrationTask("t2"), stored));
    expect(state).toMatchObject({ phase: "ready", restored: true, draft: stored, progress: { done_today: 4, remaining: 11 } });

    // A late keystroke from the ranking task that left the screen changes nothing.
    expect(run(state, { type: "edited", taskId: "t1", patch: { note: "late" } })).toBe(state);
    state = run(state, { type: "edited", taskId: "t2", patch: (d) => ({ text: `${d.text} a list per bucket.` }) });
    expect(state.draft!.text).toBe("A hash map keeps a list per bucket.");

    // Skip: the dialog opens clean, a server error keeps it open with the message.
    state = run(state, { type: "skip-opened" });
    expect(state.skip).toEqual({ open: true, pending: false, error: null });
    state = run(state, { type: "skip-started" });
    expect(state.skip).toEqual({ open: true, pending: true, error: null });
    state = run(state, { type: "skip-finished", result: fail(422, "Say why you skip it.", { reason: "Too short." }) });
    expect(state.skip).toEqual({ open: true, pending: false, error: "Say why you skip it. reason: Too short." });
    state = run(state, { type: "skip-closed" }, { type: "skip-opened" });
    expect(state.skip).toEqual({ open: true, pending: false, error: null });
    state = run(state, { type: "skip-started" }, { type: "skip-finished", result: ok({ status: "skipped" }) });
    expect(state.skip).toEqual({ open: false, pending: false, error: null });
    expect(state.flash).toBe("Skipped.");
    expect(state.progress).toEqual({ done_today: 4, remaining: 11 });
  });

  it("closes the skip dialog and keeps the answer when the task was taken away", () => {
    let state = run(initialLabelScreenState, loaded(rankingTask("t1")), { type: "skip-opened" }, { type: "skip-started" });
    state = run(state, { type: "skip-finished", result: fail(404, "Not found.") });
    expect(state.skip).toEqual({ open: false, pending: false, error: null });
    expect(state.leaseLost).toBe("This task is no longer assigned to you, so the server did not take your answer.");
    expect(state.draft).not.toBeNull();

    // A 409 without a message still says what happened.
    state = run(state, { type: "submit-started" }, { type: "submit-finished", result: fail(409, "") });
    expect(state.leaseLost).toBe("Your lease on this task ran out and someone else took it.");
  });

  it("survives going offline, being signed out and an empty queue", () => {
    let state = run(initialLabelScreenState, loaded(rankingTask("t1")));
    const draft = state.draft;

    // Offline: the submit fails with the network message; loading the next task fails too.
    state = run(state, { type: "submit-started" }, { type: "submit-finished", result: OFFLINE });
    expect(state).toMatchObject({ submitting: false, submitError: OFFLINE_MESSAGE, leaseLost: null });
    state = run(state, { type: "load-started" }, { type: "load-finished", result: OFFLINE, stored: null, now: NOW });
    expect(state).toMatchObject({ phase: "error", fetching: false, loadError: OFFLINE_MESSAGE, submitError: null });
    expect(state.task?.id).toBe("t1");

    // "Try again" once back online: the task was off screen, so its draft is read from storage again.
    const stored = { ...emptyDraft("t1", "ranking", NOW), note: "kept in the browser" };
    state = run(state, { type: "load-started" });
    expect(state).toMatchObject({ phase: "loading", fetching: true, loadError: null });
    state = run(state, loaded(rankingTask("t1"), stored));
    expect(state).toMatchObject({ phase: "ready", draft: stored, restored: true });
    expect(state.draft).not.toBe(draft);

    // Signed out: a submit and a load each say how to get back without losing work.
    state = run(state, { type: "submit-started" }, { type: "submit-finished", result: fail(401, "Sign in.") });
    expect(state.submitError).toMatch(/^You were signed out\. Sign in again in another tab, then submit/);
    state = run(state, { type: "load-started" }, { type: "load-finished", result: fail(401, "Sign in."), stored: null, now: NOW });
    expect(state.loadError).toMatch(/^You were signed out\. Sign in again, then come back/);

    // Nothing left: no task, no draft, nothing remaining.
    state = run(state, { type: "load-started" }, loaded(null));
    expect(state).toMatchObject({ phase: "empty", task: null, draft: null, restored: false, progress: { done_today: 3, remaining: 0 } });
  });

  it("says why when the labeler is screened out or blocked, and lets them in again once reinstated", () => {
    // Screened out: the next-task request answers 403 screening_failed; no task, no draft, no generic error.
    const screened = "You did not pass this project's screening test. An admin can reinstate you.";
    let state = run(initialLabelScreenState, loaded(rankingTask("t1")), { type: "load-started" });
    state = run(state, { type: "load-finished", result: barredBy("screening_failed", screened), stored: null, now: NOW });
    expect(state).toMatchObject({
      phase: "barred",
      barred: { code: "screening_failed", message: screened },
      task: null,
      draft: null,
      loadError: null,
      fetching: false,
    });

    // "Check again" after an admin reinstated them: a task, and the reason is gone.
    state = run(state, { type: "load-started" });
    expect(state.phase).toBe("loading");
    state = run(state, loaded(rankingTask("t2")));
    expect(state).toMatchObject({ phase: "ready", barred: null, task: { id: "t2" } });

    // Blocked while a task was open: the submit answers 403 quality_blocked and the screen says so.
    state = run(state, { type: "submit-started" });
    state = run(state, { type: "submit-finished", result: barredBy("quality_blocked", "Your answers fell below the bar.") });
    expect(state).toMatchObject({
      phase: "barred",
      submitting: false,
      submitError: null,
      barred: { code: "quality_blocked", message: "Your answers fell below the bar." },
      task: null,
    });

    // Any other 403 stays an ordinary error.
    state = run(state, { type: "load-started" }, { type: "load-finished", result: fail(403, "Forbidden."), stored: null, now: NOW });
    expect(state).toMatchObject({ phase: "error", loadError: "Forbidden.", barred: null });
  });

  it("opens and closes the instructions", () => {
    const open = run(initialLabelScreenState, { type: "instructions-toggled", open: true });
    expect(open.instructionsOpen).toBe(true);
    expect(run(open, { type: "instructions-toggled", open: false }).instructionsOpen).toBe(false);
  });
});
