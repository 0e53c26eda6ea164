"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import type { POST } from "@/app/api/admin/projects/[slug]/comparisons/batches/route";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import type { ResponseOf } from "@/lib/api/operation";
import { type RawRecord, RecordSplitter } from "@/lib/imports/records";
import { callApi } from "@/lib/ui/api";
import { formatCount, formatPercent } from "@/lib/ui/format";

// Mirrors lib/labeling/import.ts (not imported: it pulls the database client into the bundle).
const MAX_RECORDS_PER_BATCH = 200;
const MAX_RECORD_CHARS = 1_000_000;
// Keeps a request well under the server's 25 MB body limit even with long outputs.
const MAX_BATCH_CHARS = 4_000_000;
// The browser keeps at most this many bad lines to show; the counts stay exact past it.
const MAX_BAD_LINES_KEPT = 5_000;
const BAD_LINES_SHOWN = 200;

type BatchAnswer = ResponseOf<typeof POST>;
type Totals = { lines: number; created: number; invalid: number };
type BadLine = { line: number; reason: string };
type State =
  | { phase: "idle" }
  | { phase: "running"; fraction: number }
  | { phase: "done" }
  | { phase: "failed"; message: string; resumeLine: number | null };

/**
 * Streams a JSONL file of comparisons from the browser in batches of at most 200 lines; every
 * line gets an outcome, and bad lines are listed by number with the reason (never their text).
 * A batch is stored whole or not at all, so after a failure the import resumes at that batch's
 * first line without creating any task twice; batches are not retried blindly for that reason.
 */
export function ComparisonImportForm({ slug }: { slug: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State>({ phase: "idle" });
  const [totals, setTotals] = useState<Totals | null>(null);
  const [badLines, setBadLines] = useState<BadLine[]>([]);

  async function run(file: File, fromLine = 1) {
    const splitter = new RecordSplitter("jsonl");
    const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
    let sums: Totals = fromLine > 1 && totals ? totals : { lines: 0, created: 0, invalid: 0 };
    let bad: BadLine[] = fromLine > 1 ? badLines : [];
    setTotals(sums);
    setBadLines(bad);
    setState({ phase: "running", fraction: 0 });

    let charsRead = 0;
    let queued: RawRecord[] = [];
    let queuedChars = 0;
    const publish = () => {
      setTotals(sums);
      setBadLines(bad);
      setState({ phase: "running", fraction: Math.min(charsRead / Math.max(file.size, 1), 1) });
    };
    const addBad = (line: BadLine[]) => {
      if (bad.length < MAX_BAD_LINES_KEPT) bad = [...bad, ...line.slice(0, MAX_BAD_LINES_KEPT - bad.length)];
    };
    const sendQueued = async () => {
      if (!queued.length) return;
      const batch = queued;
      const result = await callApi<BatchAnswer>(`/api/admin/projects/${encodeURIComponent(slug)}/comparisons/batches`, {
        method: "POST",
        body: { records: batch },
      });
      if (!result.ok) throw Object.assign(new Error(result.message), { resumeLine: batch[0]!.line });
      queued = [];
      queuedChars = 0;
      sums = { lines: sums.lines + batch.length, created: sums.created + result.data.created, invalid: sums.invalid + result.data.invalid };
      addBad(
        result.data.outcomes
          .filter((outcome) => outcome.status === "invalid")
          .map((outcome) => ({ line: outcome.line, reason: outcome.reason ?? "Invalid." })),
      );
      publish();
    };
    const enqueue = async (record: RawRecord) => {
      if (record.line < fromLine) return;
      if (record.raw.length > MAX_RECORD_CHARS) {
        // Never sent: the server would refuse the whole batch for it.
        sums = { ...sums, lines: sums.lines + 1, invalid: sums.invalid + 1 };
        addBad([{ line: record.line, reason: `The line is over ${formatCount(MAX_RECORD_CHARS)} characters.` }]);
        return;
      }
      queued.push(record);
      queuedChars += record.raw.length;
      if (queued.length >= MAX_RECORDS_PER_BATCH || queuedChars >= MAX_BATCH_CHARS) await sendQueued();
    };

    try {
      for (;;) {
        const chunk = await reader.read();
        if (!chunk.done) charsRead += chunk.value.length;
        for (const record of chunk.done ? splitter.flush() : splitter.push(chunk.value)) await enqueue(record);
        if (chunk.done) break;
      }
      await sendQueued();
    } catch (error) {
      const resumeLine = (error as { resumeLine?: number }).resumeLine ?? null;
      setTotals(sums);
      setBadLines(bad);
      setState({
        phase: "failed",
        resumeLine,
        message: `The import stopped${resumeLine ? ` at line ${resumeLine}` : ""}: ${(error as Error).message} Lines before it are imported; nothing from line ${resumeLine ?? "?"} on was stored.`,
      });
      if (sums.created) router.refresh();
      return;
    }
    setTotals(sums);
    setBadLines(bad);
    setState({ phase: "done" });
    router.refresh();
  }

  function start(fromLine = 1) {
    const file = input.current?.files?.[0];
    if (file) void run(file, fromLine);
    else setState({ phase: "failed", message: "Choose a file first.", resumeLine: null });
  }

  const running = state.phase === "running";
  const fraction = state.phase === "running" ? state.fraction : state.phase === "done" ? 1 : null;

  return (
    <div className="space-y-4">
      <div className="space-y-1.5">
        <Label htmlFor="comparison-file">JSONL file</Label>
        <input
          ref={input}
          id="comparison-file"
          type="file"
          accept=".jsonl,.ndjson,.json,application/x-ndjson"
          disabled={running}
          aria-describedby="comparison-file-hint"
          className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-700 hover:file:bg-slate-200"
        />
        <p id="comparison-file-hint" className="text-xs text-slate-500">
          One ranking task per line: <code className="font-mono">{'{"prompt_id", "outputs": [{"model", "text", "metadata"?}]}'}</code> with
          4 to 9 outputs. Outputs are redacted like prompts.
        </p>
      </div>
      <Button pending={running} onClick={() => start()} data-testid="comparison-import-start">
        Import comparisons
      </Button>

      {fraction !== null ? (
        <div>
          <div
            className="h-2 w-full overflow-hidden rounded-full bg-slate-100"
            role="progressbar"
            aria-label="Import progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(fraction * 100)}
          >
            <div className="h-full rounded-full bg-indigo-500 transition-[width]" style={{ width: `${Math.round(fraction * 100)}%` }} />
          </div>
          <p className="mt-1 text-xs text-slate-500">{formatPercent(fraction)} read</p>
        </div>
      ) : null}
      {state.phase === "failed" ? (
        <Alert tone="error">
          <p>{state.message}</p>
          {state.resumeLine ? (
            <Button
              variant="secondary"
              size="sm"
              className="mt-2"
              onClick={() => start(state.resumeLine!)}
              data-testid="comparison-import-resume"
            >
              Resume from line {state.resumeLine}
            </Button>
          ) : null}
        </Alert>
      ) : null}
      {state.phase === "done" ? (
        <Alert tone={totals?.invalid ? "warning" : "success"} testId="comparison-import-done">
          Import finished
          {totals?.invalid
            ? `: ${formatCount(totals.invalid)} ${totals.invalid === 1 ? "line was" : "lines were"} not imported, listed below.`
            : "."}
        </Alert>
      ) : null}

      {totals ? (
        <dl className="grid grid-cols-3 gap-2" data-testid="comparison-import-totals">
          {(
            [
              ["Lines", totals.lines, "lines"],
              ["Tasks created", totals.created, "created"],
              ["Bad lines", totals.invalid, "invalid"],
            ] as const
          ).map(([label, value, key]) => (
            <div key={key} className="rounded-md border border-slate-200 bg-white px-3 py-2">
              <dt className="text-xs text-slate-500">{label}</dt>
              <dd
                className={`text-lg font-semibold tabular-nums ${key === "invalid" && value ? "text-red-700" : "text-slate-900"}`}
                data-testid={`comparison-import-${key}`}
              >
                {formatCount(value)}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}

      {badLines.length ? <BadLineList lines={badLines} total={totals?.invalid ?? badLines.length} /> : null}
    </div>
  );
}

function BadLineList({ lines, total }: { lines: BadLine[]; total: number }) {
  function download() {
    const csv = ["line,reason", ...lines.map((bad) => `${bad.line},"${bad.reason.replaceAll('"', '""')}"`)].join("\n");
    const url = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
    const link = Object.assign(document.createElement("a"), { href: url, download: "bad-lines.csv" });
    link.click();
    URL.revokeObjectURL(url);
  }
  return (
    <div className="rounded-md border border-slate-200" data-testid="comparison-bad-lines">
      <div className="flex items-center justify-between gap-2 border-b border-slate-200 bg-slate-50 px-3 py-2">
        <p className="text-xs font-semibold text-slate-700">
          Bad lines{total > BAD_LINES_SHOWN ? ` (first ${BAD_LINES_SHOWN} of ${formatCount(total)})` : ""}
        </p>
        <button type="button" onClick={download} className="text-xs font-medium text-indigo-600 hover:text-indigo-500">
          Download CSV{total > lines.length ? ` (first ${formatCount(lines.length)})` : ""}
        </button>
      </div>
      <ul className="max-h-64 divide-y divide-slate-100 overflow-y-auto text-sm">
        {lines.slice(0, BAD_LINES_SHOWN).map((bad) => (
          <li key={bad.line} className="grid grid-cols-[4.5rem_minmax(0,1fr)] gap-2 px-3 py-1.5" data-testid="comparison-bad-line">
            <span className="font-mono text-xs text-slate-500 tabular-nums">line {bad.line}</span>
            <span className="text-slate-700">{bad.reason}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
