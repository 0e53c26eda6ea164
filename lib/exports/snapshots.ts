// Snapshots: an export frozen under a name. Its files are gzipped NDJSON whose bytes are stored
// (in chunks, written as they are produced), so a download months later is byte-identical and a
// manifest can vouch for it with sha256 sums.
import { createHash } from "node:crypto";
import { createGzip } from "node:zlib";
import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { writeAudit } from "@/lib/audit/log";
import { db } from "@/lib/db";
import { type DatasetCardInput, FeatureCollector, renderDatasetCard } from "@/lib/exports/dataset-card";
import { encodeCursor, exportRecords, type Position, planExport } from "@/lib/exports/records";
import {
  EXPORT_DATASETS,
  type ExportDataset,
  type ExportQuery,
  exportQuerySchema,
  FORMATS_BY_DATASET,
  type GoldFilter,
  goldFilterSchema,
  type LabelerFilter,
  labelerFilterSchema,
} from "@/lib/exports/schema";
import { Prisma, type Project } from "@/lib/generated/prisma/client";
import { FIELD_BYTES, safeString } from "@/lib/input/schema";
import { SPLITS } from "@/lib/prompts/split";
import { getQualityReport } from "@/lib/quality/report";

/** The dataset card every snapshot carries beside its data files (see lib/exports/dataset-card.ts). */
export const DATASET_CARD_FILE = "README.md";

const CHUNK_BYTES = 4 * 1024 * 1024;

export const snapshotNameSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, { message: "Use 1–80 lowercase letters, digits, dots, dashes or underscores." });

export const createSnapshotSchema = z
  .object({
    name: snapshotNameSchema,
    dataset: z.enum(EXPORT_DATASETS, { error: `Use one of: ${EXPORT_DATASETS.join(", ")}.` }),
    format: safeString(FIELD_BYTES.name).optional(),
    split: z.enum(SPLITS).optional(),
    model: safeString(FIELD_BYTES.name).trim().min(1).max(200).optional(),
    ties: z.enum(["exclude", "include"]).optional(),
    gold: goldFilterSchema.optional(),
    labelers: labelerFilterSchema.optional(),
  })
  .superRefine((value, ctx) => {
    const formats: readonly string[] = FORMATS_BY_DATASET[value.dataset];
    if (value.format !== undefined && !formats.includes(value.format)) {
      ctx.addIssue({ code: "custom", path: ["format"], message: `Use one of: ${formats.join(", ")}.` });
    }
    for (const filter of ["gold", "labelers"] as const) {
      if (value[filter] !== undefined && value.dataset !== "comparisons") {
        ctx.addIssue({ code: "custom", path: [filter], message: "Only comparisons take this filter." });
      }
    }
  });
export type CreateSnapshotInput = z.infer<typeof createSnapshotSchema>;

export type SnapshotManifest = {
  name: string;
  dataset: ExportDataset;
  format: string;
  /** `gold` and `labelers` are null for datasets other than comparisons. */
  filters: { split: string | null; model: string | null; ties: string; gold: GoldFilter | null; labelers: LabelerFilter | null };
  cursor: string | null;
  files: { name: string; split: string; records: number; bytes: number; sha256: string }[];
  records_per_split: Record<string, number>;
  /** The dataset card (README.md, for the Hugging Face Hub); absent from snapshots made before cards existed. */
  card?: { name: string; bytes: number; sha256: string };
  created_at: string;
};

/** Writes one file of a snapshot: records → NDJSON → gzip → sha256 and 4 MB chunks in the database. */
async function writeFile(snapshotId: string, name: string, records: AsyncGenerator<unknown>, features?: FeatureCollector) {
  const file = await db.exportSnapshotFile.create({ data: { snapshotId, name, records: 0, bytes: 0, sha256: "" } });
  const gzip = createGzip({ level: 6 });
  const hash = createHash("sha256");
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let index = 0;
  let bytes = 0;
  let count = 0;
  const flush = async () => {
    if (!pendingBytes) return;
    const data = Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    await db.exportSnapshotChunk.create({ data: { fileId: file.id, index: index++, data } });
  };
  const compressed = (async () => {
    for await (const piece of gzip as AsyncIterable<Buffer>) {
      hash.update(piece);
      bytes += piece.length;
      pending.push(piece);
      pendingBytes += piece.length;
      if (pendingBytes >= CHUNK_BYTES) await flush();
    }
    await flush();
  })();
  for await (const record of records) {
    count++;
    features?.add(record);
    if (!gzip.write(`${JSON.stringify(record)}\n`)) await new Promise((resolve) => gzip.once("drain", resolve));
  }
  gzip.end();
  await compressed;
  const sha256 = hash.digest("hex");
  await db.exportSnapshotFile.update({ where: { id: file.id }, data: { records: count, bytes, sha256 } });
  return { name, records: count, bytes, sha256 };
}

/**
 * Freezes an export: one gzipped file per split (or the one split asked for), each holding every
 * settled record up to now. The name is unique per project; a snapshot is never changed. A project
 * stores at most its `snapshotLimit` snapshots (those being written count): one more is a 409,
 * never a silently dropped older snapshot that a trainer may still cite.
 */
export async function createSnapshot(
  project: Project,
  input: CreateSnapshotInput,
  actor: { userId?: string; apiKeyId?: string },
): Promise<SnapshotManifest> {
  const query: ExportQuery = exportQuerySchema(input.dataset).parse({
    format: input.format,
    model: input.model,
    ties: input.ties,
    gold: input.gold,
    labelers: input.labelers,
  });
  let snapshot: Awaited<ReturnType<typeof db.exportSnapshot.create>>;
  try {
    snapshot = await db.$transaction(async (tx) => {
      // The project's row is the lock that makes count-then-insert hold across instances.
      const [locked] = await tx.$queryRaw<{ snapshotLimit: number }[]>`
        SELECT "snapshotLimit" FROM "Project" WHERE id = ${project.id} FOR UPDATE`;
      const stored = await tx.exportSnapshot.count({ where: { projectId: project.id } });
      if (stored >= locked!.snapshotLimit) {
        throw new AppError(
          "conflict",
          `This project stores at most ${locked!.snapshotLimit} snapshots and has ${stored}. Delete one ` +
            `(DELETE /api/v1/projects/${project.slug}/snapshots/{name}, scope export:write) or raise snapshot_limit in the project's settings.`,
        );
      }
      return tx.exportSnapshot.create({
        data: {
          projectId: project.id,
          name: input.name,
          dataset: input.dataset,
          format: query.format,
          manifest: {},
          createdById: actor.userId,
          apiKeyId: actor.apiKeyId,
        },
      });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", `There is already a snapshot named "${input.name}".`, [{ path: "name", message: "Already used." }]);
    }
    throw error;
  }
  try {
    // One end for every file, fixed before the first is written, so the files agree.
    const everything = await planExport(project, input.dataset, query);
    const splits = input.split ? [input.split] : [...SPLITS];
    const files: SnapshotManifest["files"] = [];
    // One set of features for every split: the card declares one config.
    const features = new FeatureCollector();
    for (const split of splits) {
      const name = `${input.dataset}-${query.format}-${split}.jsonl.gz`;
      const splitQuery = { ...query, split };
      const records = everything ? exportRecords(project, input.dataset, splitQuery, everything) : (async function* () {})();
      files.push({ ...(await writeFile(snapshot.id, name, records, features)), split });
    }
    const filters = {
      split: input.split ?? null,
      model: input.model ?? null,
      ties: query.ties,
      gold: query.gold ?? null,
      labelers: query.labelers ?? null,
    };
    const readme = renderDatasetCard({
      project: { name: project.name, slug: project.slug, description: project.description },
      snapshot: { name: input.name, dataset: input.dataset, format: query.format, created_at: snapshot.createdAt.toISOString(), filters },
      files,
      features: features.result,
      figures: await collectionFigures(project, everything?.until ?? null),
    });
    const card = await writeStoredFile(snapshot.id, DATASET_CARD_FILE, Buffer.from(readme, "utf8"));
    const manifest: SnapshotManifest = {
      name: input.name,
      dataset: input.dataset,
      format: query.format,
      filters,
      cursor: everything ? encodeCursor(everything.until) : null,
      files,
      records_per_split: Object.fromEntries(files.map((file) => [file.split, file.records])),
      card,
      created_at: snapshot.createdAt.toISOString(),
    };
    await db.exportSnapshot.update({ where: { id: snapshot.id }, data: { manifest } });
    return manifest;
  } catch (error) {
    await db.exportSnapshot.delete({ where: { id: snapshot.id } }).catch(() => {});
    throw error;
  }
}

/** Stores a small file of a snapshot as it is (the dataset card): one chunk, its sha256. */
async function writeStoredFile(snapshotId: string, name: string, data: Buffer) {
  const sha256 = createHash("sha256").update(data).digest("hex");
  await db.exportSnapshotFile.create({
    data: { snapshotId, name, records: 0, bytes: data.length, sha256, chunks: { create: [{ index: 0, data: new Uint8Array(data) }] } },
  });
  return { name, bytes: data.length, sha256 };
}

/**
 * The collection's figures for a snapshot's card, as of its end (`until`: the submissions and
 * prompts the snapshot could contain): prompts (and how many are conversations), tasks, rankings,
 * demonstrations, labelers, submissions per instructions version, and the quality report's
 * inter-labeler agreement.
 */
async function collectionFigures(project: Project, until: Position | null): Promise<DatasetCardInput["figures"]> {
  const end = until ?? { txid: -1n, id: "" };
  const upTo = (alias: string) => Prisma.sql`(${Prisma.raw(alias)}."txid", ${Prisma.raw(alias)}."id") <= (${end.txid}, ${end.id})`;
  const [prompts, submissions, versions, tasks, agreement] = await Promise.all([
    db.$queryRaw<{ all: bigint; conversations: bigint }[]>`
      SELECT count(*) AS "all", count(*) FILTER (WHERE p."messages" IS NOT NULL) AS "conversations"
      FROM "Prompt" p WHERE p."projectId" = ${project.id} AND p."status" = 'active' AND ${upTo("p")}`,
    db.$queryRaw<{ rankings: bigint; demonstrations: bigint; labelers: bigint }[]>`
      SELECT count(*) FILTER (WHERE s."kind" = 'ranking') AS "rankings", count(*) FILTER (WHERE s."kind" = 'demonstration') AS "demonstrations",
             count(DISTINCT s."labelerId") AS "labelers"
      FROM "Submission" s WHERE s."projectId" = ${project.id} AND ${upTo("s")}`,
    db.$queryRaw<{ version: number; submissions: bigint }[]>`
      SELECT s."instructionsVersion" AS "version", count(*) AS "submissions"
      FROM "Submission" s WHERE s."projectId" = ${project.id} AND ${upTo("s")}
      GROUP BY 1 ORDER BY 1`,
    db.task.count({ where: { projectId: project.id } }),
    getQualityReport(project).then(
      (report) => report.overall,
      () => null,
    ),
  ]);
  return {
    prompts: Number(prompts[0]?.all ?? 0),
    conversation_prompts: Number(prompts[0]?.conversations ?? 0),
    tasks,
    rankings: Number(submissions[0]?.rankings ?? 0),
    demonstrations: Number(submissions[0]?.demonstrations ?? 0),
    labelers: Number(submissions[0]?.labelers ?? 0),
    instructions_versions: versions.map((row) => ({ version: row.version, submissions: Number(row.submissions) })),
    agreement,
  };
}

/** Deletes a snapshot and its stored files (also one left half-written by a crash), freeing its place under the limit. */
export async function deleteSnapshot(project: Project, name: string, actor: { userId?: string; apiKeyId?: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const deleted = await tx.exportSnapshot.deleteMany({ where: { projectId: project.id, name } });
    if (!deleted.count) throw new AppError("not_found", `No snapshot named "${name}".`);
    await writeAudit(tx, {
      actorId: actor.userId ?? null,
      apiKeyId: actor.apiKeyId ?? null,
      action: "snapshot.delete",
      targetType: "project",
      targetId: project.id,
      details: { name },
    });
  });
}

export async function listSnapshots(project: Project) {
  const rows = await db.exportSnapshot.findMany({
    where: { projectId: project.id },
    orderBy: { createdAt: "desc" },
    select: { manifest: true },
  });
  return rows.map((row) => readManifest(row.manifest)).filter((manifest) => manifest.files);
}

/**
 * A stored manifest as this version describes it. Manifests written before the gold and labeler
 * filters existed have neither: their comparisons were exported unfiltered, which is what
 * `gold: "include"` and `labelers: "all"` say.
 */
export function readManifest(stored: unknown): SnapshotManifest {
  const manifest = stored as Omit<SnapshotManifest, "filters"> & { filters?: Partial<SnapshotManifest["filters"]> };
  if (!manifest.filters || (manifest.filters.gold !== undefined && manifest.filters.labelers !== undefined))
    return manifest as SnapshotManifest;
  const comparisons = manifest.dataset === "comparisons";
  return {
    ...manifest,
    filters: {
      split: manifest.filters.split ?? null,
      model: manifest.filters.model ?? null,
      ties: manifest.filters.ties ?? "exclude",
      gold: manifest.filters.gold ?? (comparisons ? "include" : null),
      labelers: manifest.filters.labelers ?? (comparisons ? "all" : null),
    },
  };
}

export async function getSnapshot(project: Project, name: string) {
  const row = await db.exportSnapshot.findUnique({ where: { projectId_name: { projectId: project.id, name } } });
  if (!row || !(row.manifest as SnapshotManifest).files) throw new AppError("not_found", `No snapshot named "${name}".`);
  return { ...row, manifest: readManifest(row.manifest) };
}

/** A snapshot file's stored bytes, chunk by chunk. */
export async function openSnapshotFile(project: Project, snapshotName: string, fileName: string) {
  const snapshot = await getSnapshot(project, snapshotName);
  const file = await db.exportSnapshotFile.findUnique({ where: { snapshotId_name: { snapshotId: snapshot.id, name: fileName } } });
  if (!file) throw new AppError("not_found", `No file "${fileName}" in snapshot "${snapshotName}".`);
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = await db.exportSnapshotChunk.findUnique({ where: { fileId_index: { fileId: file.id, index: index++ } } });
      if (!chunk) return controller.close();
      controller.enqueue(new Uint8Array(chunk.data));
    },
  });
  return { file, body };
}
