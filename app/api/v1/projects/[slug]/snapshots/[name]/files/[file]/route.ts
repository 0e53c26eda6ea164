import { z } from "zod";
import { defineOperation } from "@/lib/api/operation";
import { projectSlugParam, snapshotNameParam } from "@/lib/api/params";
import { DATASET_CARD_FILE, openSnapshotFile } from "@/lib/exports/snapshots";

/** A snapshot file's stored bytes (gzipped NDJSON, or the README.md dataset card), the same bytes on every download. */
export const GET = defineOperation(
  {
    operationId: "downloadSnapshotFile",
    method: "get",
    path: "/api/v1/projects/{slug}/snapshots/{name}/files/{file}",
    tag: "Export",
    summary: "Download a snapshot file",
    description:
      "The file's stored bytes (gzipped NDJSON), identical on every download; check them against the manifest's sha256. " +
      "`README.md` is the snapshot's dataset card (the manifest's `card`): Markdown with the YAML header the Hugging Face Hub reads " +
      "(configs with data_files per split, features, a license placeholder) and the collection's figures. Download it and the data files into one folder " +
      "and the folder uploads to the Hub as a dataset unchanged.",
    auth: { kind: "apiKey", scope: "export:read" },
    params: {
      slug: projectSlugParam,
      name: snapshotNameParam,
      file: {
        schema: z.string().regex(/^[\w.-]{1,200}$/),
        description: "A file name from the snapshot's manifest.",
        example: "comparisons-batches-train.jsonl.gz",
        label: "file name",
      },
    },
    responses: [
      {
        status: 200,
        description: "Gzipped NDJSON, one record per line once decompressed (for `README.md`: text/markdown).",
        contentType: "application/gzip",
        headers: {
          "X-Content-SHA256": { description: "The sha256 of the bytes sent, as in the manifest.", schema: z.string() },
          "Content-Disposition": { description: "`attachment` with the file name.", schema: z.string() },
        },
      },
    ],
    errors: { 404: "No project, snapshot or file with these names.", 422: "The slug, the snapshot name or the file name is malformed." },
  },
  async ({ project, params }) => {
    const opened = await openSnapshotFile(project, params.name, params.file);
    return {
      status: 200,
      body: opened.body,
      headers: {
        "Content-Disposition": `attachment; filename="${params.file}"`,
        "X-Content-SHA256": opened.file.sha256,
        ...(params.file === DATASET_CARD_FILE ? { "Content-Type": "text/markdown; charset=utf-8" } : {}),
      },
    };
  },
);
