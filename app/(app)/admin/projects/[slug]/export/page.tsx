import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { exportBaseUrl } from "@/components/exports/admin/base-url";
import { CodeSnippet } from "@/components/exports/admin/code-snippet";
import { CountTable } from "@/components/exports/admin/count-table";
import { type ExportChoice, ExportPicker } from "@/components/exports/admin/export-picker";
import { DATASET_LABELS } from "@/components/exports/admin/labels";
import { previewText } from "@/components/exports/admin/preview";
import { SnapshotForm } from "@/components/exports/admin/snapshot-form";
import { SnapshotList } from "@/components/exports/admin/snapshot-list";
import { curlSnippet, pythonSnippet } from "@/components/exports/admin/snippets";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getExportCounts, getExportPreview, recordCount } from "@/lib/exports/admin-queries";
import { EXPORT_DATASETS, type ExportDataset, exportQuerySchema, FORMATS_BY_DATASET } from "@/lib/exports/schema";
import { listSnapshots } from "@/lib/exports/snapshots";
import { loadProjectForAdmin } from "@/lib/projects/load";
import { SPLITS } from "@/lib/prompts/split";
import { formatCount, formatDateTime } from "@/lib/ui/format";

export const metadata: Metadata = { title: "Export" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

// The screen's choice from the URL; anything unknown falls back to the default rather than failing.
const choiceSchema = z.object({
  dataset: z.enum(EXPORT_DATASETS).catch("comparisons"),
  format: z.string().optional().catch(undefined),
  split: z.enum(SPLITS).optional().catch(undefined),
  ties: z.enum(["include", "exclude"]).catch("exclude"),
});

function parseChoice(raw: Record<string, string | string[] | undefined>): {
  dataset: ExportDataset;
  format: string;
  split?: (typeof SPLITS)[number];
  ties: "include" | "exclude";
} {
  const parsed = choiceSchema.parse({
    dataset: first(raw.dataset),
    format: first(raw.format),
    split: first(raw.split) || undefined,
    ties: first(raw.ties) ?? "exclude",
  });
  const formats: readonly string[] = FORMATS_BY_DATASET[parsed.dataset];
  const format = parsed.format && formats.includes(parsed.format) ? parsed.format : formats[0]!;
  return { ...parsed, format };
}

export default async function ExportPage({ params, searchParams }: Props) {
  const { project } = await loadProjectForAdmin(params);
  const choice = parseChoice(await searchParams);
  const query = exportQuerySchema(choice.dataset).parse({ format: choice.format, split: choice.split, ties: choice.ties });
  const [counts, preview, snapshots, base] = await Promise.all([
    getExportCounts(project.id),
    getExportPreview(project, choice.dataset, query),
    listSnapshots(project),
    exportBaseUrl(),
  ]);
  const total = recordCount(counts, choice.dataset, query);
  const snippetInput = { base, slug: project.slug, dataset: choice.dataset, format: query.format, split: choice.split, ties: query.ties };
  // The Python snippet reads the newest snapshot of this dataset and format, when there is one.
  const latest = snapshots.find(
    (snapshot) => snapshot.dataset === choice.dataset && snapshot.format === query.format && snapshot.files.length,
  );
  const latestFile = latest ? (latest.files.find((file) => file.split === (choice.split ?? "train")) ?? latest.files[0]!) : null;
  const pickerValue: ExportChoice = { dataset: choice.dataset, format: query.format, split: choice.split ?? "", ties: query.ties };
  const what = `${DATASET_LABELS[choice.dataset]} · ${query.format}${choice.split ? ` · ${choice.split}` : ""}`;

  return (
    <div className="space-y-4">
      <Card>
        <CardHeader>
          <CardTitle>What there is to export</CardTitle>
          <CardDescription>
            Per split (assigned by end user, so no user&apos;s prompts are in two splits). A ranking of K outputs gives C(K,2) pairs; tied
            pairs are counted apart, as the exports leave them out unless asked.
          </CardDescription>
        </CardHeader>
        <CountTable counts={counts} />
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Preview and pull</CardTitle>
          <CardDescription>
            The first records of an export exactly as the API streams them (NDJSON, one record a line), and the commands that fetch it with
            an API key that has the <code className="font-mono text-xs">export:read</code> scope (
            <Link href="/admin/api-keys" className="font-medium text-indigo-600 hover:text-indigo-500">
              API keys
            </Link>
            ). Every parameter is in the{" "}
            <Link href="/docs" className="font-medium text-indigo-600 hover:text-indigo-500" data-testid="docs-link">
              API reference
            </Link>
            .
          </CardDescription>
        </CardHeader>
        <CardBody className="space-y-5">
          <ExportPicker formats={FORMATS_BY_DATASET} splits={SPLITS} value={pickerValue} />
          <section aria-labelledby="preview-title" className="min-w-0">
            <div className="mb-1.5 flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
              <h3 id="preview-title" className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
                Preview: {what}
              </h3>
              <p className="text-xs text-slate-500" data-testid="export-preview-total">
                {preview.length ? `First ${preview.length} of ${formatCount(total)} ${total === 1 ? "record" : "records"}` : "No records"}
                {preview.length ? " · texts over 400 characters shortened here" : ""}
              </p>
            </div>
            <pre
              data-testid="export-preview"
              tabIndex={0}
              role="region"
              aria-label={`First records of ${what}`}
              className="max-h-[28rem] overflow-auto rounded-md border border-slate-200 bg-slate-50 px-3 py-2.5 font-mono text-xs leading-5 break-words whitespace-pre-wrap text-slate-800"
            >
              {preview.length ? previewText(preview) : `Nothing to export yet for ${what}.`}
            </pre>
          </section>
          <CodeSnippet id="snippet-curl-text" title="curl" text={curlSnippet(snippetInput)} testId="snippet-curl" />
          <CodeSnippet
            id="snippet-python-text"
            title="Python (requests + datasets)"
            text={pythonSnippet({ ...snippetInput, snapshot: latest && latestFile ? { name: latest.name, file: latestFile.name } : null })}
            testId="snippet-python"
          />
        </CardBody>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Freeze a snapshot</CardTitle>
          <CardDescription>
            Everything settled up to now, as gzipped NDJSON with a sha256 per file, and a dataset card (README.md) that the Hugging Face Hub
            reads. A snapshot never changes: downloading it later returns the same bytes.
          </CardDescription>
        </CardHeader>
        <CardBody>
          <SnapshotForm
            slug={project.slug}
            base={base}
            formats={FORMATS_BY_DATASET}
            splits={SPLITS}
            initial={{ dataset: choice.dataset, format: query.format }}
          />
        </CardBody>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Snapshots</CardTitle>
          <CardDescription>
            Newest first. Their files are served to API keys only; each comes with its curl line. The dataset card also opens here.
          </CardDescription>
        </CardHeader>
        <SnapshotList
          base={base}
          slug={project.slug}
          snapshots={snapshots.map((snapshot) => ({
            name: snapshot.name,
            dataset: snapshot.dataset,
            format: snapshot.format,
            filters: snapshot.filters,
            created: formatDateTime(snapshot.created_at),
            recordsPerSplit: snapshot.records_per_split,
            files: snapshot.files.map((file) => ({ ...file, bytes: Number(file.bytes) })),
            card: snapshot.card ? { ...snapshot.card, bytes: Number(snapshot.card.bytes) } : undefined,
          }))}
        />
      </Card>
    </div>
  );
}
