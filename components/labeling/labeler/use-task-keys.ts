"use client";

import { useEffect, useRef } from "react";

/** Whether a key press belongs to a field the labeler types in (text, a note, a select's type-ahead). */
export function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      ["TEXTAREA", "SELECT"].includes(target.tagName) ||
      (target.tagName === "INPUT" && !["checkbox", "radio", "button", "submit"].includes((target as HTMLInputElement).type)))
  );
}

/**
 * The task's keys, wherever focus is: Ctrl+Enter (⌘+Enter on a Mac) sends the task, and each key
 * of `keys` (plain, no modifier) runs its action unless the labeler is typing or an element under
 * focus already used the key. Nothing fires while a dialog (skip, instructions) is open on top.
 * The latest render's `send` and `keys` are used.
 */
export function useTaskKeys(send: () => void, keys: Record<string, () => void> = {}) {
  const latest = useRef({ send, keys });
  latest.current = { send, keys };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector("dialog[open]")) return;
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        latest.current.send();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const action = latest.current.keys[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
