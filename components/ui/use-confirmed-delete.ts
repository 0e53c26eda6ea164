"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "@/lib/ui/api";

/**
 * Deleting one row of a list after a ConfirmDialog: `ask(row)` opens the dialog for it, `confirm`
 * sends DELETE to `urlOf(row)` and refreshes the page, or keeps the dialog open with the error.
 */
export function useConfirmedDelete<T>(urlOf: (row: T) => string) {
  const router = useRouter();
  const [target, setTarget] = useState<T | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    if (!target) return;
    setPending(true);
    setError(null);
    const result = await callApi(urlOf(target), { method: "DELETE" });
    setPending(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setTarget(null);
    router.refresh();
  }

  return {
    target,
    ask: (row: T) => {
      setError(null);
      setTarget(row);
    },
    /** Props for the ConfirmDialog. */
    dialog: { open: target !== null, pending, error, onConfirm: () => void confirm(), onCancel: () => setTarget(null) },
  };
}
