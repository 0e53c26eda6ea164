import { formatCount } from "@/components/prompts/admin/labels";

// Display names and number formats for the labeling admin screens.

export const TASK_KIND_LABELS = { ranking: "Ranking", demonstration: "Demonstration" } as const;
export const TASK_STATUS_LABELS = { open: "Open", done: "Done" } as const;

export const SKIP_REASON_LABELS: Record<string, string> = {
  intent_unclear: "Intent unclear",
  harmful_or_sensitive: "Harmful or sensitive",
  outputs_unreadable: "Outputs unreadable",
  lacks_expertise: "Lacks expertise",
  other: "Other",
};

/** A time per task for people: "48 s", "3 min 05 s", "1 h 12 min"; "—" when nothing was timed. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, "0")} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

/** "ranking 120 · demonstration 8", leaving out kinds with none. */
export function byKindNote(counts: { ranking: number; demonstration: number }): string {
  const parts = (["ranking", "demonstration"] as const)
    .filter((kind) => counts[kind])
    .map((kind) => `${kind} ${formatCount(counts[kind])}`);
  return parts.length ? parts.join(" · ") : "none";
}
