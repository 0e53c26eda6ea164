// The copy-ready commands on the export screen. Pure: a base URL and the chosen export in, text out.

export type SnippetExport = {
  base: string;
  slug: string;
  dataset: string;
  format: string;
  split?: string;
  ties?: "include" | "exclude";
};

/** The export's URL with only the parameters that differ from the API's defaults (plus the format). */
export function exportUrl({ base, slug, dataset, format, split, ties }: SnippetExport): string {
  const params = new URLSearchParams({ format });
  if (split) params.set("split", split);
  if (ties === "include" && dataset === "comparisons" && format !== "batches") params.set("ties", "include");
  return `${base}/api/v1/projects/${encodeURIComponent(slug)}/export/${dataset}?${params.toString()}`;
}

export function exportFileName({ dataset, format, split }: Pick<SnippetExport, "dataset" | "format" | "split">): string {
  return `${[dataset, dataset === format ? null : format, split ?? "all"].filter(Boolean).join("-")}.jsonl`;
}

export function snapshotFileUrl(base: string, slug: string, snapshot: string, file: string): string {
  return `${base}/api/v1/projects/${encodeURIComponent(slug)}/snapshots/${encodeURIComponent(snapshot)}/files/${encodeURIComponent(file)}`;
}

/** A full pull, then the incremental one: each response's X-Next-Cursor is the next `since`. */
export function curlSnippet(input: SnippetExport): string {
  const url = exportUrl(input);
  const file = exportFileName(input);
  return [
    "# An API key with the export:read scope (Admin → API keys).",
    'export RANKLAB_KEY="rk_…"',
    "",
    "# Everything so far; the response headers go to headers.txt.",
    `curl -fsS --compressed -H "Authorization: Bearer $RANKLAB_KEY" \\`,
    `  -D headers.txt -o ${file} \\`,
    `  "${url}"`,
    "",
    "# Later: only what arrived since, starting from the X-Next-Cursor of the last pull.",
    "CURSOR=$(grep -i '^x-next-cursor:' headers.txt | awk '{print $2}' | tr -d '\\r')",
    `curl -fsS --compressed -H "Authorization: Bearer $RANKLAB_KEY" \\`,
    `  -D headers.txt "${url}&since=$CURSOR" >> ${file}`,
  ].join("\n");
}

const PAIR_FORMATS = new Set(["pairs", "trl", "trl-conversational", "openai", "hh"]);

/** requests (streamed to a file, with the key) → datasets; the snapshot variant reads its file URL. */
export function pythonSnippet(input: SnippetExport & { snapshot?: { name: string; file: string } | null }): string {
  const { base, slug, dataset, format, split, ties } = input;
  const file = exportFileName(input);
  const params: string[] = [`"format": "${format}"`];
  if (split) params.push(`"split": "${split}"`);
  if (ties === "include" && dataset === "comparisons" && format !== "batches") params.push(`"ties": "include"`);
  const lines = [
    "# pip install requests datasets",
    "import os",
    "import requests",
    "from datasets import load_dataset",
    "",
    'headers = {"Authorization": f"Bearer {os.environ[\'RANKLAB_KEY\']}"}',
    "",
    "# Stream the export to a file (memory stays flat however large it is).",
    `url = "${base}/api/v1/projects/${slug}/export/${dataset}"`,
    `params = {${params.join(", ")}}`,
    "with requests.get(url, params=params, headers=headers, stream=True, timeout=60) as response:",
    "    response.raise_for_status()",
    `    with open("${file}", "wb") as out:`,
    "        for chunk in response.iter_content(chunk_size=1 << 20):",
    "            out.write(chunk)",
    '    next_cursor = response.headers["X-Next-Cursor"]  # next time: params["since"] = next_cursor',
    "",
    `ds = load_dataset("json", data_files="${file}", split="train")`,
  ];
  // Without a snapshot of this export yet, the line shows where a future one's name goes.
  const snapshot = input.snapshot ?? { name: "SNAPSHOT-NAME", file: `${dataset}-${format}-${split ?? "train"}.jsonl.gz` };
  lines.push(
    "",
    input.snapshot
      ? "# Or a frozen snapshot file (gzipped NDJSON; the same bytes on every download):"
      : "# Or a frozen snapshot file, once you have made one below (put its name in the URL):",
    "snapshot = load_dataset(",
    '    "json",',
    `    data_files="${snapshotFileUrl(base, slug, snapshot.name, snapshot.file)}",`,
    '    storage_options={"headers": headers},',
    '    split="train",',
    ")",
  );
  if (dataset === "comparisons" && PAIR_FORMATS.has(format)) {
    lines.push(
      "",
      "# InstructGPT batching: the C(K,2) pairs of one ranking are highly correlated, so train",
      "# them as one batch element (one forward pass per output, loss averaged over its pairs).",
      "from collections import defaultdict",
      "groups = defaultdict(list)",
      "for row in ds:",
      '    groups[row["group_id"]].append(row)',
      "batch_elements = list(groups.values())",
    );
  } else if (dataset === "comparisons") {
    lines.push(
      "",
      '# One record per ranking = one InstructGPT batch element: row["pairs"] lists its',
      '# (better, worse) output ids; tied pairs are in row["tied_pairs"] and carry no order.',
    );
  }
  return lines.join("\n");
}

/** Download one snapshot file and check it against the manifest's sha256. */
export function snapshotFileCurl(url: string, file: string, sha256: string): string {
  return `curl -fsS -H "Authorization: Bearer $RANKLAB_KEY" -o ${file} "${url}" && echo "${sha256}  ${file}" | sha256sum -c -`;
}
