"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useReducer, useRef } from "react";
import type { POST as Submit } from "@/app/api/v1/tasks/[id]/submit/route";
import {
  type DraftPatch,
  initialLabelScreenState,
  type LabelScreenState,
  labelScreenReducer,
} from "@/components/labeling/labeler/label-screen-state";
import { finishDraft, pruneDrafts, readDraft } from "@/components/labeling/labeler/use-task-draft";
import { preloadMarkdown } from "@/components/ui/lazy-markdown";
import type { ResponseOf } from "@/lib/api/operation";
import type { DemonstrationSubmission, NextTask, RankingSubmission, Skip } from "@/lib/labeling/schema";
import { callApi } from "@/lib/ui/api";

export type LabelScreen = {
  state: LabelScreenState;
  /** Leases the next task (or gets the same one back) and shows it in place. */
  loadNext: () => Promise<void>;
  submit: (body: RankingSubmission | DemonstrationSubmission) => Promise<void>;
  skip: (body: Skip) => Promise<void>;
  /** Changes the draft of the task `taskId` (ignored once another task is on screen). */
  edit: (taskId: string, patch: DraftPatch) => void;
  openSkip: () => void;
  closeSkip: () => void;
  setInstructionsOpen: (open: boolean) => void;
  /** Copies the stored answer to the clipboard (after a lost lease). */
  copyAnswer: () => Promise<void>;
};

/**
 * The label screen's state and requests: leases a task on mount, submits or skips it, then fetches
 * the next one in place; refreshes the page when the instructions changed; clears the flash.
 */
export function useLabelScreen(slug: string, instructionsVersion: number): LabelScreen {
  const router = useRouter();
  const [state, dispatch] = useReducer(labelScreenReducer, initialLabelScreenState);
  // One request for a task at a time; a ref, as a second click may come before a render.
  const loading = useRef(false);
  const { task, flash } = state;

  const loadNext = useCallback(async () => {
    if (loading.current) return;
    loading.current = true;
    dispatch({ type: "load-started" });
    // The task's text is Markdown: its renderer (not in the page's first load) comes in the same wait.
    const [result] = await Promise.all([
      callApi<NextTask | null>(`/api/v1/projects/${encodeURIComponent(slug)}/tasks/next`, { method: "POST" }),
      preloadMarkdown(),
    ]);
    loading.current = false;
    const stored = result.ok && result.status !== 204 && result.data ? readDraft(result.data) : null;
    dispatch({ type: "load-finished", result, stored, now: Date.now() });
  }, [slug]);

  useEffect(() => {
    pruneDrafts();
    void loadNext();
  }, [loadNext]);

  // A new task starts at the top of the page.
  const taskId = task?.id;
  useEffect(() => {
    if (taskId) window.scrollTo({ top: 0 });
  }, [taskId]);

  // Instructions changed since this page was rendered: fetch the new ones from the server.
  const taskVersion = task?.instructions_version;
  useEffect(() => {
    if (taskVersion !== undefined && taskVersion !== instructionsVersion) router.refresh();
  }, [taskVersion, instructionsVersion, router]);

  useEffect(() => {
    if (!flash) return;
    const timer = window.setTimeout(() => dispatch({ type: "flash-expired" }), 2500);
    return () => window.clearTimeout(timer);
  }, [flash]);

  async function submit(body: RankingSubmission | DemonstrationSubmission) {
    if (!task) return;
    const id = task.id;
    dispatch({ type: "submit-started" });
    const result = await callApi<ResponseOf<typeof Submit>>(`/api/v1/tasks/${encodeURIComponent(id)}/submit`, { method: "POST", body });
    if (result.ok) finishDraft(id);
    dispatch({ type: "submit-finished", result });
    if (result.ok) await loadNext();
  }

  async function skip(body: Skip) {
    if (!task) return;
    const id = task.id;
    dispatch({ type: "skip-started" });
    const result = await callApi(`/api/v1/tasks/${encodeURIComponent(id)}/skip`, { method: "POST", body });
    if (result.ok) finishDraft(id);
    dispatch({ type: "skip-finished", result });
    if (result.ok) await loadNext();
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
      dispatch({ type: "answer-copied", ok: true });
    } catch {
      dispatch({ type: "answer-copied", ok: false });
    }
  }

  const edit = useCallback((id: string, patch: DraftPatch) => dispatch({ type: "edited", taskId: id, patch }), []);
  const openSkip = useCallback(() => dispatch({ type: "skip-opened" }), []);
  const closeSkip = useCallback(() => dispatch({ type: "skip-closed" }), []);
  const setInstructionsOpen = useCallback((open: boolean) => dispatch({ type: "instructions-toggled", open }), []);

  return { state, loadNext, submit, skip, edit, openSkip, closeSkip, setInstructionsOpen, copyAnswer };
}
