import { type SnapshotCardRow, type SnapshotFileRow, SnapshotFiles } from "@/components/exports/admin/snapshot-files";
import { Badge } from "@/components/ui/badge";
import { formatCount } from "@/lib/ui/format";

export type SnapshotSummary = {
  name: string;
  dataset: string;
  format: string;
  filters: { split: string | null; model: string | null; ties: string; gold?: string | null; labelers?: string | null };
  created: string;
  recordsPerSplit: Record<string, number>;
  files: SnapshotFileRow[];
  card?: SnapshotCardRow;
};

const ORDER = ["train", "valid", "test"];

/** A manifest's records per split in train, valid, test order (stored JSON keeps no key order). */
export function orderedSplits(perSplit: Record<string, number>): [string, number][] {
  return Object.entries(perSplit).sort(([a], [b]) => ORDER.indexOf(a) - ORDER.indexOf(b));
}

/** "3 files + dataset card", "1 file": what a snapshot's folder holds. */
export function fileCountLabel(files: number, card: boolean): string {
  return `${files} ${files === 1 ? "file" : "files"}${card ? " + dataset card" : ""}`;
}

/** The project's snapshots, newest first; each opens to its files. */
export function SnapshotList({ base, slug, snapshots }: { base: string; slug: string; snapshots: SnapshotSummary[] }) {
  if (!snapshots.length) {
    return <p className="px-4 py-8 text-center text-sm text-slate-500 sm:px-5">No snapshots yet. Freeze the first one with the form.</p>;
  }
  return (
    <ul className="divide-y divide-slate-100" data-testid="snapshot-list">
      {snapshots.map((snapshot) => (
        <li key={snapshot.name} className="px-4 py-3 sm:px-5" data-testid="snapshot-row" data-name={snapshot.name}>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span className="font-mono text-sm font-medium break-all text-slate-900">{snapshot.name}</span>
            <Badge tone="indigo">
              {snapshot.dataset} · {snapshot.format}
            </Badge>
            {snapshot.filters.model ? <Badge>model {snapshot.filters.model}</Badge> : null}
            {snapshot.filters.gold === "include" ? <Badge tone="amber">gold tasks included</Badge> : null}
            {snapshot.filters.labelers === "all" ? <Badge tone="amber">all labelers</Badge> : null}
            {snapshot.filters.ties === "include" && snapshot.dataset === "comparisons" && snapshot.format !== "batches" ? (
              <Badge tone="amber">ties included</Badge>
            ) : null}
            <span className="text-xs text-slate-500">{snapshot.created}</span>
          </div>
          <p className="mt-1 text-sm text-slate-600" data-testid="snapshot-records">
            {orderedSplits(snapshot.recordsPerSplit).map(([split, records], index) => (
              <span key={split}>
                {index ? " · " : ""}
                {split} <span className="font-medium text-slate-900 tabular-nums">{formatCount(records)}</span>
              </span>
            ))}{" "}
            <span className="text-slate-500">records</span>
          </p>
          <details className="group mt-2">
            <summary className="cursor-pointer text-xs font-medium text-indigo-600 hover:text-indigo-500">
              {fileCountLabel(snapshot.files.length, Boolean(snapshot.card))}
            </summary>
            <div className="mt-2">
              <SnapshotFiles base={base} slug={slug} snapshot={snapshot.name} files={snapshot.files} card={snapshot.card} />
            </div>
          </details>
        </li>
      ))}
    </ul>
  );
}
