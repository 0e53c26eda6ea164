"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies `text`; falls back to selecting it when the clipboard API is unavailable (plain HTTP). */
export function CopyButton({ text, label = "Copy", targetId }: { text: string; label?: string; targetId?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      const target = targetId ? document.getElementById(targetId) : null;
      if (target) {
        const range = document.createRange();
        range.selectNodeContents(target);
        const selection = window.getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
      }
      setState("failed");
    }
    window.setTimeout(() => setState("idle"), 2000);
  }

  return (
    <Button variant="secondary" size="sm" onClick={copy} aria-live="polite">
      {state === "copied" ? "Copied" : state === "failed" ? "Press Ctrl+C" : label}
    </Button>
  );
}

/** A one-time secret (link or key) in a monospace box with a Copy button. */
export function SecretBox({ value, testId, id }: { value: string; testId: string; id: string }) {
  return (
    <div className="flex items-stretch gap-2">
      <code
        id={id}
        data-testid={testId}
        className="block min-w-0 flex-1 rounded-md bg-slate-900 px-3 py-2 font-mono text-xs leading-5 break-all text-slate-100 select-all"
      >
        {value}
      </code>
      <CopyButton text={value} targetId={id} />
    </div>
  );
}
