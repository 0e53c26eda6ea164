"use client";

import { useEffect, useRef } from "react";

/**
 * Ctrl+Enter (⌘+Enter on a Mac) sends the task: `send` as of the latest render is called, but not
 * while a dialog (skip, instructions) is open on top of the task.
 */
export function useSubmitShortcut(send: () => void) {
  const sendRef = useRef(send);
  sendRef.current = send;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !document.querySelector("dialog[open]")) {
        event.preventDefault();
        sendRef.current();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
