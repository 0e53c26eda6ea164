import { Badge } from "@/components/ui/badge";
import type { OwnStanding } from "@/lib/quality/report-types";
import { formatCount, formatPercent } from "@/lib/ui/format";

const STATUS: Record<OwnStanding["status"], { label: string; tone: "green" | "amber" | "red" | "indigo"; note: string } | null> = {
  active: null,
  warned: { label: "Warned", tone: "amber", note: "Your answers to quality checks are below this project's bar." },
  blocked: { label: "Paused", tone: "red", note: "Your answers to quality checks fell below this project's bar." },
  screening: { label: "Screening", tone: "indigo", note: "Your first tasks here are a short test." },
  failed_screening: { label: "Not admitted", tone: "red", note: "You did not pass this project's screening test." },
};

/**
 * A labeler's own standing in a project: their status when it is not plain active, and how their
 * answers to quality-check (gold) tasks matched the reference. Only ever their own figures.
 */
export function OwnStandingNote({ standing, compact = false }: { standing: OwnStanding; compact?: boolean }) {
  const status = STATUS[standing.status];
  const accuracy =
    standing.gold_answered && standing.gold_accuracy !== null
      ? `Quality checks: ${formatPercent(standing.gold_accuracy)} matched over ${formatCount(standing.gold_answered)} answer${standing.gold_answered === 1 ? "" : "s"}`
      : null;
  if (!status && !accuracy) return null;
  if (compact) {
    // One line in the label screen's header; the details sit in the badge's title on a phone.
    return (
      <p className="flex min-w-0 items-center gap-2 text-xs text-slate-600" data-testid="own-standing" data-status={standing.status}>
        {status ? (
          <Badge tone={status.tone} title={[status.note, accuracy].filter(Boolean).join(" ")}>
            {status.label}
          </Badge>
        ) : null}
        <span className="hidden truncate tabular-nums md:inline">{status ? status.note : accuracy}</span>
      </p>
    );
  }
  return (
    <div className="space-y-1 text-xs text-slate-600" data-testid="own-standing" data-status={standing.status}>
      {status ? (
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <Badge tone={status.tone}>{status.label}</Badge>
          <span>{status.note}</span>
        </p>
      ) : null}
      {accuracy ? <p className="tabular-nums">{accuracy}</p> : null}
    </div>
  );
}
