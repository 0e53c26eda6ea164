import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { ExportCounts, SplitCounts } from "@/lib/exports/admin-queries";
import { formatCount } from "@/lib/ui/format";

const SPLITS = ["train", "valid", "test"] as const;

type Row = { key: keyof ExportCounts; label: string; note: string; testId: (split: string) => string; sub?: boolean };

const ROWS: Row[] = [
  {
    key: "rankings",
    label: "Comparisons",
    note: "completed rankings, without gold tasks or blocked labelers · batches records",
    testId: (split) => `export-count-comparisons-${split}`,
  },
  {
    key: "pairs",
    label: "Pairs",
    note: "C(K,2) per ranking minus ties · pair-format records",
    testId: (split) => `export-pairs-${split}`,
    sub: true,
  },
  { key: "tiedPairs", label: "Tied pairs", note: "left out unless ties=include", testId: (split) => `export-tied-${split}`, sub: true },
  {
    key: "consensus",
    label: "Consensus",
    note: "tasks ranked twice or more · consensus records",
    testId: (split) => `export-consensus-${split}`,
    sub: true,
  },
  { key: "demonstrations", label: "Demonstrations", note: "written responses", testId: (split) => `export-count-demonstrations-${split}` },
  { key: "prompts", label: "Prompts", note: "active (not archived)", testId: (split) => `export-count-prompts-${split}` },
];

const total = (counts: SplitCounts) => SPLITS.reduce((sum, split) => sum + counts[split], 0);

/** What each dataset holds, per split (splits are assigned by end user, so no user spans two). */
export function CountTable({ counts }: { counts: ExportCounts }) {
  return (
    <Table data-testid="export-counts">
      <THead>
        <TR>
          <TH>Dataset</TH>
          {SPLITS.map((split) => (
            <TH key={split} className="text-right">
              {split}
            </TH>
          ))}
          <TH className="hidden text-right sm:table-cell">Total</TH>
        </TR>
      </THead>
      <TBody>
        {ROWS.map((row) => (
          <TR key={row.key}>
            <TD>
              <div className={row.sub ? "border-l-2 border-slate-200 pl-3" : undefined}>
                <span className={row.sub ? "text-slate-700" : "font-medium text-slate-900"}>{row.label}</span>
                <span className="hidden text-xs text-slate-500 sm:block">{row.note}</span>
              </div>
            </TD>
            {SPLITS.map((split) => (
              <TD key={split} className="text-right tabular-nums" data-testid={row.testId(split)}>
                {formatCount(counts[row.key][split])}
              </TD>
            ))}
            <TD className="hidden text-right font-medium text-slate-900 tabular-nums sm:table-cell">
              {formatCount(total(counts[row.key]))}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
