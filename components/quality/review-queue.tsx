"use client";

import Link from "next/link";
import { useState } from "react";
import { ReviewItem } from "@/components/quality/review-item";
import { Alert } from "@/components/ui/alert";
import type { Disagreement } from "@/lib/quality/report-types";

type Saved = { taskId: string; prompt: string; line: string; updated: boolean };

/**
 * The review queue's tasks, one adjudicated at a time. A task made gold leaves the queue (its
 * rankings no longer count as ordinary work), so what was saved is confirmed above the list.
 */
export function ReviewQueue({ slug, items, initialOpen = null }: { slug: string; items: Disagreement[]; initialOpen?: string | null }) {
  const [open, setOpen] = useState<string | null>(initialOpen);
  const [saved, setSaved] = useState<Saved | null>(null);
  return (
    <div className="space-y-4">
      {saved ? (
        <Alert tone="success" title={saved.updated ? "Reference updated" : "Saved as a gold task"} testId="review-saved">
          <p className="line-clamp-1">&ldquo;{saved.prompt}&rdquo;</p>
          <p className="mt-1">
            Reference <span className="font-mono font-semibold">{saved.line}</span>. Labelers who have not had this task will get it, scored
            against your ranking; it is listed with the{" "}
            <Link href={`/admin/projects/${slug}/quality`} className="font-medium underline underline-offset-2">
              gold tasks
            </Link>
            .
          </p>
        </Alert>
      ) : null}
      {items.length ? (
        <ol className="space-y-4" aria-label="Tasks to review, most disagreement first">
          {items.map((item) => (
            <li key={item.task_id}>
              <ReviewItem
                slug={slug}
                item={item}
                adjudicating={open === item.task_id}
                onAdjudicate={() => setOpen(item.task_id)}
                onClose={() => setOpen((current) => (current === item.task_id ? null : current))}
                onSaved={setSaved}
              />
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
