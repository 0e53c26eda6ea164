"use client";

import { useCallback, useEffect, useRef } from "react";
import type { DraftPatch } from "@/components/labeling/labeler/label-screen-state";
import { draftKey, parseDraft, staleDraftKeys, type TaskDraft } from "@/components/labeling/labeler/ranking-state";
import { useActiveTime } from "@/components/labeling/labeler/use-active-time";
import type { NextTask } from "@/lib/labeling/schema";

/** What the label screen hands each task component (ranking, demonstration). */
export type TaskProps<Body> = {
  task: NextTask;
  /** The labeler's work on `task`, held by the label screen. */
  draft: TaskDraft;
  /** The draft came back from this browser's storage with work in it. */
  restored: boolean;
  onEdit: (taskId: string, patch: DraftPatch) => void;
  submitting: boolean;
  /** The lease is lost: the answer stays on screen and in the browser, but cannot be sent. */
  blocked: boolean;
  error: string | null;
  onSubmit: (body: Body) => void;
};

// Tasks handed in during this page's life: their drafts must not be written back by a late save.
const finished = new Set<string>();

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Forgets a task's draft for good (after a submit or skip the server accepted). */
export function finishDraft(taskId: string) {
  finished.add(taskId);
  storage()?.removeItem(draftKey(taskId));
}

/** The stored draft of a task, as the labeler left it (for copying after a lost lease). */
export function readDraft(task: Pick<NextTask, "id" | "outputs">): TaskDraft | null {
  return parseDraft(
    storage()?.getItem(draftKey(task.id)) ?? null,
    task.id,
    task.outputs.map((o) => o.id),
  );
}

/** Deletes drafts older than two weeks (abandoned tasks), so localStorage does not fill up. */
export function pruneDrafts() {
  const store = storage();
  if (!store) return;
  const entries: [string, string | null][] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key) entries.push([key, store.getItem(key)]);
  }
  for (const key of staleDraftKeys(entries, Date.now())) store.removeItem(key);
}

/**
 * The labeler's work on one task, as the label screen holds it, kept in localStorage on every
 * change, every few seconds (for the time spent) and when the tab is hidden or closed, so a reload
 * or crash loses nothing. `update` changes this task's draft; `elapsed` is the time spent on it.
 */
export function useTaskDraft({ task, draft, restored, onEdit }: Pick<TaskProps<unknown>, "task" | "draft" | "restored" | "onEdit">) {
  const elapsed = useActiveTime(draft.elapsedMs);
  const current = useRef(draft);
  current.current = draft;

  const persist = useCallback(() => {
    if (finished.has(task.id)) return;
    try {
      storage()?.setItem(draftKey(task.id), JSON.stringify({ ...current.current, elapsedMs: elapsed(), savedAt: Date.now() }));
    } catch {
      // Storage full or disabled: the screen still works, only the safety net is gone.
    }
  }, [task.id, elapsed]);

  useEffect(persist, [draft, persist]);

  useEffect(() => {
    const timer = window.setInterval(persist, 5_000);
    const onHide = () => {
      if (document.visibilityState === "hidden") persist();
    };
    document.addEventListener("visibilitychange", onHide);
    window.addEventListener("pagehide", persist);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onHide);
      window.removeEventListener("pagehide", persist);
    };
  }, [persist]);

  const taskId = task.id;
  const update = useCallback((patch: DraftPatch) => onEdit(taskId, patch), [onEdit, taskId]);

  return { draft, update, elapsed, restored };
}
