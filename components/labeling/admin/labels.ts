import type { SkipReason } from "@/lib/labeling/schema";
import { formatCount } from "@/lib/ui/format";

// Display names for the labeling admin screens; numbers and durations are formatted by lib/ui/format.

export const TASK_KIND_LABELS = { ranking: "Ranking", demonstration: "Demonstration" } as const;
export const TASK_STATUS_LABELS = { open: "Open", done: "Done" } as const;

export const SKIP_REASON_LABELS: Record<SkipReason, string> = {
  intent_unclear: "Intent unclear",
  harmful_or_sensitive: "Harmful or sensitive",
  outputs_unreadable: "Outputs unreadable",
  lacks_expertise: "Lacks expertise",
  other: "Other",
};

/** "ranking 120 · demonstration 8", leaving out kinds with none. */
export function byKindNote(counts: { ranking: number; demonstration: number }): string {
  const parts = (["ranking", "demonstration"] as const)
    .filter((kind) => counts[kind])
    .map((kind) => `${kind} ${formatCount(counts[kind])}`);
  return parts.length ? parts.join(" · ") : "none";
}
