"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import type { POST as SendBatch } from "@/app/api/admin/projects/[slug]/imports/[id]/batches/route";
import type { POST as StartImport } from "@/app/api/admin/projects/[slug]/imports/route";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import type { ResponseOf } from "@/lib/api/operation";
import { type ImportFormat, type RawRecord, RecordSplitter } from "@/lib/imports/records";
import { MAX_RECORDS_PER_BATCH } from "@/lib/imports/schema";
import { callApi } from "@/lib/ui/api";
import { formatCount, formatPercent } from "@/lib/ui/format";

type Totals = ResponseOf<typeof SendBatch>["totals"];
type State =
  | { phase: "idle" }
  | { phase: "running"; fraction: number; totals: Totals }
  | { phase: "done"; importId: string; totals: Totals }
  | { phase: "failed"; message: string; importId?: string; totals?: Totals };

// Keeps a request well under the server's body limit even with long prompts.
const MAX_BATCH_CHARS = 4_000_000;
const RETRIES = 3;
// Two batches at a time: the server redacts one while the database stores the other.
const BATCHES_IN_FLIGHT = 2;

function formatOf(file: File): ImportFormat {
  return /\.csv$/i.test(file.name) || file.type === "text/csv" ? "csv" : "jsonl";
}

/**
 * Streams a JSONL or CSV file of any size from the browser in numbered batches: the file is read
 * as a stream and never held whole in memory; a batch that fails is sent again with the same
 * number, which the server answers without counting it twice. With two batches in flight, a
 * prompt repeated across them may be kept from the later line; the counts are the same.
 */
export function ImportForm({ slug }: { slug: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State>({ phase: "idle" });

  async function sendBatch(importId: string, batch: number, records: RawRecord[]): Promise<Totals> {
    let lastError = "";
    for (let attempt = 1; attempt <= RETRIES; attempt++) {
      const result = await callApi<{ totals: Totals }>(`/api/admin/projects/${slug}/imports/${importId}/batches`, {
        method: "POST",
        body: { batch, records },
      });
      if (result.ok) return result.data.totals;
      lastError = result.message;
      if (result.status >= 400 && result.status < 500) break; // the server refused it: retrying will not help
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
    throw new Error(lastError);
  }

  async function run(file: File) {
    const format = formatOf(file);
    const splitter = new RecordSplitter(format);
    const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
    const empty: Totals = { lines: 0, accepted: 0, duplicate: 0, quota: 0, rejected: 0, invalid: 0 };
    setState({ phase: "running", fraction: 0, totals: empty });

    let pending: RawRecord[] = [];
    let header: string | undefined;
    let charsRead = 0;
    let done = false;
    // For CSV the first record is the header, which the import needs before any batch.
    while (format === "csv" && header === undefined && !done) {
      const chunk = await reader.read();
      done = chunk.done;
      const records = chunk.done ? splitter.flush() : splitter.push(chunk.value);
      charsRead += chunk.value?.length ?? 0;
      if (records.length) {
        header = records[0]!.raw;
        pending = records.slice(1);
      }
    }
    const created = await callApi<ResponseOf<typeof StartImport>>(`/api/admin/projects/${slug}/imports`, {
      method: "POST",
      body: { file_name: file.name, format, header },
    });
    if (!created.ok) return setState({ phase: "failed", message: created.message });
    const importId = created.data.import.id;

    let batch = 0;
    let totals = empty;
    let queued: RawRecord[] = [];
    let queuedChars = 0;
    const inFlight = new Set<Promise<void>>();
    let failure: unknown = null;
    const sendQueued = async () => {
      if (queued.length) {
        const sending = sendBatch(importId, batch++, queued).then(
          // Answers can arrive out of order: the totals with the most lines are the newest.
          (latest) => {
            if (latest.lines >= totals.lines) totals = latest;
            setState({ phase: "running", fraction: Math.min(charsRead / Math.max(file.size, 1), 1), totals });
          },
          (error: unknown) => void (failure ??= error),
        );
        inFlight.add(sending);
        void sending.finally(() => inFlight.delete(sending));
        queued = [];
        queuedChars = 0;
      }
      if (inFlight.size >= BATCHES_IN_FLIGHT) await Promise.race(inFlight);
      if (failure) throw failure;
    };
    const enqueue = async (record: RawRecord) => {
      queued.push(record);
      queuedChars += record.raw.length;
      if (queued.length >= MAX_RECORDS_PER_BATCH || queuedChars >= MAX_BATCH_CHARS) await sendQueued();
    };
    try {
      for (const record of pending) await enqueue(record);
      while (!done) {
        const chunk = await reader.read();
        done = chunk.done;
        if (!chunk.done) charsRead += chunk.value.length;
        for (const record of chunk.done ? splitter.flush() : splitter.push(chunk.value)) await enqueue(record);
      }
      await sendQueued();
      await Promise.all(inFlight);
      if (failure) throw failure;
    } catch (error) {
      return setState({
        phase: "failed",
        importId,
        totals,
        message: `The import stopped: ${(error as Error).message} Lines sent so far are kept.`,
      });
    }
    await callApi(`/api/admin/projects/${slug}/imports/${importId}/finish`, { method: "POST" });
    setState({ phase: "done", importId, totals });
    router.refresh();
  }

  const totals = state.phase === "idle" ? null : "totals" in state ? state.totals : null;
  const importId = state.phase === "done" || state.phase === "failed" ? state.importId : undefined;

  return (
    <div className="space-y-4">
      <div className="space-y-1.5">
        <Label htmlFor="import-file">File (JSONL or CSV)</Label>
        <input
          ref={input}
          id="import-file"
          type="file"
          accept=".jsonl,.ndjson,.json,.csv,text/csv,application/x-ndjson"
          disabled={state.phase === "running"}
          className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-700 hover:file:bg-slate-200"
        />
        <div className="space-y-1 text-xs leading-relaxed text-slate-500" data-testid="import-hint">
          <p>
            One prompt per line. JSONL: a text <code className="font-mono">{'{"text", "user_id", "category"?, "metadata"?}'}</code> or a
            conversation (roles system, user, assistant; the last turn is the user&apos;s):
          </p>
          <pre className="rounded bg-slate-50 px-2 py-1.5 font-mono text-[11px] leading-5 whitespace-pre-wrap text-slate-700 [overflow-wrap:anywhere] ring-1 ring-slate-200 ring-inset">
            {'{"messages": [{"role": "system", "content": "…"}, {"role": "user", "content": "…"}], "user_id": "u1"}'}
          </pre>
          <p>
            CSV: a header row with <code className="font-mono">text,user_id</code>, optionally <code className="font-mono">category</code>{" "}
            (other columns become metadata). For a conversation, a <code className="font-mono">messages</code> column holds the JSON array
            in place of the text.
          </p>
        </div>
      </div>
      <Button
        pending={state.phase === "running"}
        onClick={() => {
          const file = input.current?.files?.[0];
          if (file) void run(file);
          else setState({ phase: "failed", message: "Choose a file first." });
        }}
        data-testid="import-start"
      >
        Import
      </Button>

      {state.phase === "running" ? (
        <div>
          <div
            className="h-2 w-full overflow-hidden rounded-full bg-slate-100"
            role="progressbar"
            aria-label="Import progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(state.fraction * 100)}
          >
            <div
              className="h-full rounded-full bg-indigo-500 transition-[width]"
              style={{ width: `${Math.round(state.fraction * 100)}%` }}
            />
          </div>
          <p className="mt-1 text-xs text-slate-500">{formatPercent(state.fraction)} read</p>
        </div>
      ) : null}
      {state.phase === "failed" ? <Alert tone="error">{state.message}</Alert> : null}
      {state.phase === "done" ? (
        <Alert tone="success" testId="import-done">
          Import finished.
        </Alert>
      ) : null}

      {totals ? (
        <dl className="grid grid-cols-3 gap-2 sm:grid-cols-6" data-testid="import-totals">
          {(
            [
              ["Lines", totals.lines, "lines"],
              ["Accepted", totals.accepted, "accepted"],
              ["Duplicate", totals.duplicate, "duplicate"],
              ["Over quota", totals.quota, "quota"],
              ["Rejected", totals.rejected, "rejected"],
              ["Invalid lines", totals.invalid, "invalid"],
            ] as const
          ).map(([label, value, key]) => (
            <div key={key} className="rounded-md border border-slate-200 bg-white px-3 py-2">
              <dt className="text-xs text-slate-500">{label}</dt>
              <dd className="text-lg font-semibold text-slate-900 tabular-nums" data-testid={`import-${key}`}>
                {formatCount(value)}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {importId ? (
        <a
          className="inline-block text-sm font-medium text-indigo-600 hover:text-indigo-500"
          href={`/api/admin/projects/${slug}/imports/${importId}/report`}
          data-testid="import-report"
        >
          Download the report (CSV: every line not accepted, and why)
        </a>
      ) : null}
    </div>
  );
}
