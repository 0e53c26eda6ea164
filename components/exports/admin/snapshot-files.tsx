import { snapshotFileCurl, snapshotFileUrl } from "@/components/exports/admin/snippets";
import { CopyButton } from "@/components/ui/copy-button";
import { formatBytes, formatCount } from "@/lib/ui/format";

export type SnapshotFileRow = { name: string; split: string; records: number; bytes: number; sha256: string };
/** The manifest's `card`: the dataset card (README.md); absent from snapshots made before cards existed. */
export type SnapshotCardRow = { name: string; bytes: number; sha256: string };

/** Where the signed-in admin reads a snapshot's card (the API's file route wants a key). */
export function snapshotCardViewUrl(slug: string, snapshot: string): string {
  return `/api/admin/projects/${encodeURIComponent(slug)}/snapshots/${encodeURIComponent(snapshot)}/card`;
}

/**
 * A snapshot's files: records, size, checksum and how to fetch each. The file URLs are API routes
 * that want a key (a browser session is not enough), so each comes with its curl line.
 */
export function SnapshotFiles({
  base,
  slug,
  snapshot,
  files,
  card,
}: {
  base: string;
  slug: string;
  snapshot: string;
  files: SnapshotFileRow[];
  card?: SnapshotCardRow;
}) {
  return (
    <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" data-testid="snapshot-files">
      {card ? <CardItem base={base} slug={slug} snapshot={snapshot} card={card} /> : null}
      {files.map((file, index) => {
        const url = snapshotFileUrl(base, slug, snapshot, file.name);
        const curl = snapshotFileCurl(url, file.name, file.sha256);
        const id = `snapshot-${snapshot}-file-${index}`;
        return (
          <li key={file.name} className="space-y-2 px-3 py-2.5" data-testid="snapshot-file">
            <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
              <a
                href={url}
                className="min-w-0 font-mono text-xs break-all text-indigo-600 hover:text-indigo-500"
                title="Needs an API key with export:read: use the curl line below"
              >
                {file.name}
              </a>
              <span className="text-slate-500">
                <span className="font-medium text-slate-700">{file.split}</span> ·{" "}
                <span className="tabular-nums">{formatCount(file.records)}</span> records ·{" "}
                <span className="tabular-nums">{formatBytes(file.bytes)}</span>
              </span>
              <Sha256Prefix sha256={file.sha256} />
            </div>
            <CurlLine id={id} curl={curl} />
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The dataset card, first: the README.md the Hugging Face Hub reads beside the data files. The
 * admin opens it here with the session; scripts fetch it like the other files.
 */
function CardItem({ base, slug, snapshot, card }: { base: string; slug: string; snapshot: string; card: SnapshotCardRow }) {
  const url = snapshotFileUrl(base, slug, snapshot, card.name);
  const curl = snapshotFileCurl(url, card.name, card.sha256);
  const view = snapshotCardViewUrl(slug, snapshot);
  const id = `snapshot-${snapshot}-card`;
  return (
    <li className="space-y-2 px-3 py-2.5" data-testid="snapshot-card">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
        <span className="font-mono text-xs font-medium text-slate-900">{card.name}</span>
        <span className="text-slate-500">
          <span className="font-medium text-slate-700">dataset card</span> for the Hugging Face Hub ·{" "}
          <span className="tabular-nums">{formatBytes(card.bytes)}</span>
        </span>
        <Sha256Prefix sha256={card.sha256} />
        <span className="ml-auto flex gap-3 text-xs font-medium">
          <a href={view} target="_blank" rel="noopener" className="text-indigo-600 hover:text-indigo-500" data-testid="snapshot-card-view">
            View
          </a>
          <a href={view} download={card.name} className="text-indigo-600 hover:text-indigo-500" data-testid="snapshot-card-download">
            Download
          </a>
        </span>
      </div>
      <CurlLine id={id} curl={curl} />
    </li>
  );
}

/** A file's checksum, shortened (the whole of it on hover). */
function Sha256Prefix({ sha256 }: { sha256: string }) {
  return (
    <span className="font-mono text-xs text-slate-500" title={`sha256 ${sha256}`}>
      sha256 {sha256.slice(0, 12)}…
    </span>
  );
}

/** The curl line that downloads a file and checks it, with its copy button. */
function CurlLine({ id, curl }: { id: string; curl: string }) {
  return (
    <div className="flex items-start gap-2">
      <code
        id={id}
        className="block min-w-0 flex-1 overflow-x-auto rounded bg-slate-900 px-2.5 py-1.5 font-mono text-[11px] leading-5 whitespace-pre text-slate-100"
      >
        {curl}
      </code>
      <CopyButton text={curl} targetId={id} />
    </div>
  );
}
