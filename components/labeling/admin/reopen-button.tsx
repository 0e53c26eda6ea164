"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { callApi } from "@/lib/ui/api";

/** Reopens a done task for one more label, after a confirmation. */
export function ReopenButton({ taskId, labels }: { taskId: string; labels: number }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function reopen() {
    setPending(true);
    setError(null);
    const result = await callApi(`/api/admin/tasks/${encodeURIComponent(taskId)}/reopen`, { method: "POST" });
    setPending(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setOpen(false);
    router.refresh();
  }

  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
        data-testid="task-reopen"
      >
        Reopen
      </Button>
      <ConfirmDialog
        open={open}
        title="Reopen this task?"
        confirmLabel="Reopen"
        tone="primary"
        pending={pending}
        error={error}
        onConfirm={() => void reopen()}
        onCancel={() => setOpen(false)}
      >
        <p>
          It goes back to the queue for one more label ({labels} → {labels + 1}), from a labeler who has not had it yet. The{" "}
          {labels === 1 ? "label already given stays" : `${labels} labels already given stay`}.
        </p>
      </ConfirmDialog>
    </>
  );
}
