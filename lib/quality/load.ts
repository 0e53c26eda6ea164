import "server-only";
import { copyRows, queryTextRows, sqlLiteral } from "@/lib/db-bulk";
import { decodeCursor } from "@/lib/exports/records";
import { type LabelerStatus, ranksByPosition } from "@/lib/labeling/gold";
import type { RankingTable } from "@/lib/quality/types";

/*
 * Loads a project's completed rankings in the compact form the quality math takes: dense indexes
 * for tasks, prompts, labelers and models, and per ranking the by-position arrays that submit
 * wrote (Submission.ranks / likerts / flagMasks). Each report reads only the columns it uses
 * (`fields`), as COPY text parsed byte by byte as rows arrive (lib/db-bulk.ts): no JSON, no Date,
 * no string per number. Its tasks' models and the gold references are read at the same time.
 *
 * Deterministic: tasks and labelers are numbered in the order of their sorted ids, and records come
 * sorted by (task, labeler), whatever order PostgreSQL sends the rows in, so the same rows always
 * give the same figures and intervals. Prompt and model numbers are only identities (prompts in
 * order of first appearance in that sequence, models by sorted name).
 */

/** The rankings as a table (RankingTable), with what the reports read beside the figures. */
export type LoadedRankings = RankingTable & {
  /** 1 when the ranking is of a (current) gold task. */
  gold: Uint8Array;
  /** Output flags as bits, bit i = OUTPUT_FLAGS[i], at the positions of `ranks` (zeros for "review"). */
  flagMasks: Int32Array;
  /** Time spent, NaN when not recorded (or for "review"). */
  durationMs: Float64Array;
  /** UTC day of the submission, in days since 1970-01-01 (0 for "review"). */
  day: Int32Array;
};

export type ProjectRankings = {
  rankings: LoadedRankings;
  /** Task ids by task index (sorted). */
  taskIds: string[];
  /** Labeler ids by labeler index (sorted). */
  labelerIds: string[];
  /** Standing per labeler index (a labeler with no row is active). */
  labelerStatus: LabelerStatus[];
  /** Every standing in the project by labeler id, also of labelers who have ranked nothing. */
  standings: Map<string, LabelerStatus>;
  /** Model names by model index, sorted ("report" only; empty otherwise). */
  models: string[];
  /** modelsByTask[task][position] = model index ("report" only). */
  modelsByTask: Int32Array[];
  /** Gold reference ranks by position, per task index (current gold tasks; "report" only). */
  goldReference: Map<number, number[]>;
};

export type RankingFilter = { split?: "train" | "valid" | "test"; since?: string };

/**
 * What is read per ranking, beside task, labeler and ranks: "report" everything the quality and
 * model reports read (one load serves both: likerts, flags, first-shown, duration and day, each
 * task's prompt and models, the gold references); "review" nothing more.
 */
export type RankingFields = "report" | "review";

/** Columns of the COPY, in order; the parser reads them in this order. */
const COLUMNS = {
  report: [`s."ranks"`, `s."likerts"`, `s."flagMasks"`, `s."firstShown"`, `s."durationMs"`, `s."createdAt"::date - DATE '1970-01-01'`],
  review: [`s."ranks"`],
} satisfies Record<RankingFields, string[]>;

/** Below this many pages of Submission, one COPY reads the rankings; above, two read half the pages each, in parallel. */
const SPLIT_PAGES = 256;

/** The COPY of rankings (and their columns) matching `where` (conditions on s, and on t and p when joined). */
function rankingsQuery(fields: RankingFields, where: string, joinPrompt = false): string {
  // No join to Task unless a condition needs it: each task's prompt comes with its models, and the
  // (few) gold tasks are read on their own. No ORDER BY (sorting 100k rows by text ids costs more
  // than the read): the rows are numbered from sorted ids afterwards.
  const join = joinPrompt ? `JOIN "Task" t ON t."id" = s."taskId" JOIN "Prompt" p ON p."id" = t."promptId"` : "";
  return `SELECT s."taskId", s."labelerId", ${COLUMNS[fields].join(", ")} FROM "Submission" s ${join}
          WHERE s."kind" = 'ranking' AND cardinality(s."ranks") > 0 AND ${where}`;
}

/**
 * Reads every matching ranking into `rows`, in two halves of the table's pages read by two
 * connections at once when it is large (PostgreSQL writes the rows on both cores while this thread
 * parses them), and returns the oldest transaction still running before the read began: every
 * ranking written by an older one was read.
 */
async function readAllRankings(rows: RankingRows, where: string, joinPrompt = false): Promise<string> {
  const [[pages, horizon]] = await queryTextRows(
    `SELECT pg_relation_size('"Submission"'::regclass) / current_setting('block_size')::int, pg_snapshot_xmin(pg_current_snapshot())::text`,
    [],
  );
  await Promise.all(
    pageRanges(Number(pages ?? 0)).map((range) =>
      copyRows(rankingsQuery(rows.fields, `${where} ${range}`, joinPrompt), (buffer, from, to) => rows.add(buffer, from, to)),
    ),
  );
  return horizon!;
}

/**
 * What a load reads beside the rankings, at the same time: the standings, every current gold task
 * (a retired one keeps its reference but scores nobody any more) and the project's task ids in byte
 * order, sorted by PostgreSQL on its own core (numbering the tasks from these spares sorting their
 * ids here).
 */
async function readBeside(projectId: string): Promise<{ statuses: TextRows; golds: TextRows; sorted: ByteList }> {
  // The small reads one after the other, on one connection.
  const small = async () => {
    const statuses = await queryTextRows(`SELECT "labelerId", "status" FROM "LabelerQuality" WHERE "projectId" = $1`, [projectId]);
    const golds = await queryTextRows(
      `SELECT t."id", t."goldRanking"::text, (SELECT string_agg(o."id", ' ' ORDER BY o."position") FROM "TaskOutput" o WHERE o."taskId" = t."id")
       FROM "Task" t WHERE t."projectId" = $1 AND t."gold"`,
      [projectId],
    );
    return { statuses, golds };
  };
  const sorted = new ByteList();
  const [{ statuses, golds }] = await Promise.all([
    small(),
    copyRows(
      `SELECT "id" FROM "Task" WHERE "projectId" = ${sqlLiteral(projectId)} AND "kind" = 'ranking' ORDER BY "id" COLLATE "C"`,
      (buffer, from, to) => sorted.add(buffer, from, to - 1),
    ),
  ]);
  return { statuses, golds, sorted };
}

type TextRows = (string | null)[][];

/** Loads a project's rankings (those of a split, or written after an export cursor). */
export async function loadProjectRankings(
  projectId: string,
  options: RankingFilter & {
    fields: RankingFields;
    /** About how many rankings to expect (sizes the buffers; more or fewer is fine). */
    expected?: number;
  },
): Promise<ProjectRankings> {
  const { fields } = options;
  const since = options.since ? decodeCursor(options.since) : null;
  let where = `s."projectId" = ${sqlLiteral(projectId)}`;
  if (options.split) where += ` AND p."split" = ${sqlLiteral(options.split)}::"Split"`;
  if (since) where += ` AND (s."txid", s."id") > (${sqlLiteral(since.txid.toString())}::bigint, ${sqlLiteral(since.id)})`;
  const rows = new RankingRows(fields, options.expected);
  const models = fields === "report" ? new TaskModels(rows) : null;
  const [beside] = await Promise.all([
    readBeside(projectId),
    models?.read(`t."projectId" = ${sqlLiteral(projectId)} AND t."kind" = 'ranking'`),
    readAllRankings(rows, where, Boolean(options.split)),
  ]);
  await models?.readMissing();
  return assembleRankings({ rows, models, ...beside });
}

/**
 * A project's rankings kept in memory (for the reports): the first update reads them all, each
 * later one only those written since (submissions are never changed or deleted, and a labeler
 * ranks a task once, so a ranking read twice is recognized by its task and labeler), with the
 * standings and gold tasks read afresh. The table returned is the same as a full load's.
 */
export class LiveRankings {
  private readonly rows: RankingRows;
  private readonly models: TaskModels;
  /** Whether the tasks' models have been read (only the model report needs them). */
  private modelsRead = false;
  /** The oldest transaction running before the last read (null: nothing read yet). */
  private horizon: string | null = null;
  private last: { data: ProjectRankings; beside: string; models: boolean } | null = null;

  constructor(
    readonly projectId: string,
    expected = 0,
  ) {
    this.rows = new RankingRows("report", expected, { dedup: true });
    this.models = new TaskModels(this.rows);
  }

  /** How many rankings are held. */
  get size(): number {
    return this.rows.count;
  }

  /** The rankings now; with `models`, each task's prompt and models too (read the first time they are asked for). */
  async update(options: { models: boolean }): Promise<ProjectRankings> {
    const project = sqlLiteral(this.projectId);
    const before = this.rows.count;
    const withModels = options.models || this.modelsRead;
    const readModels = withModels && !this.modelsRead ? this.models.read(`t."projectId" = ${project} AND t."kind" = 'ranking'`) : undefined;
    this.modelsRead = withModels;
    let beside: Awaited<ReturnType<typeof readBeside>>;
    if (this.horizon === null) {
      [beside, , this.horizon] = await Promise.all([
        readBeside(this.projectId),
        readModels,
        readAllRankings(this.rows, `s."projectId" = ${project}`),
      ]);
    } else {
      // Rankings of transactions older than the last horizon were all read then; the newer ones
      // may have been (those the rows recognize).
      const [[horizon]] = await queryTextRows(`SELECT pg_snapshot_xmin(pg_current_snapshot())::text`, []);
      [beside] = await Promise.all([
        readBeside(this.projectId),
        readModels,
        copyRows(
          rankingsQuery("report", `s."projectId" = ${project} AND s."txid" >= ${sqlLiteral(this.horizon)}::bigint`),
          (buffer, from, to) => this.rows.add(buffer, from, to),
        ),
      ]);
      this.horizon = horizon!;
    }
    if (withModels) await this.models.readMissing();
    const besideKey = JSON.stringify([beside.statuses, beside.golds]);
    const { last } = this;
    if (last && this.rows.count === before && last.beside === besideKey && last.models === withModels) return last.data;
    const data = assembleRankings({ rows: this.rows, models: withModels ? this.models : null, ...beside });
    this.last = { data, beside: besideKey, models: withModels };
    return data;
  }
}

/**
 * The same parse as loadProjectRankings, from COPY text already in memory (rankings with the
 * columns of COLUMNS[fields]; the sorted task ids; for "report", the tasks' models). The server's
 * warm-up (lib/quality/warm.ts) runs it on synthetic rows.
 */
export function parseRankings(
  fields: RankingFields,
  copies: { rankings: Buffer; sortedTaskIds: Buffer; taskModels?: Buffer },
  statuses: TextRows = [],
  golds: TextRows = [],
): ProjectRankings {
  const rows = new RankingRows(fields);
  const models = fields === "report" ? new TaskModels(rows) : null;
  const sorted = new ByteList();
  forEachRow(copies.rankings, (buffer, from, to) => rows.add(buffer, from, to));
  forEachRow(copies.sortedTaskIds, (buffer, from, to) => sorted.add(buffer, from, to - 1));
  if (models && copies.taskModels) forEachRow(copies.taskModels, (buffer, from, to) => models.add(buffer, from, to));
  return assembleRankings({ rows, sorted, models, statuses, golds });
}

function forEachRow(text: Buffer, onRow: (buffer: Buffer, from: number, to: number) => void): void {
  for (let at = 0, end = text.indexOf(0x0a); end >= 0; at = end + 1, end = text.indexOf(0x0a, at)) onRow(text, at, end + 1);
}

/**
 * What the reads gave (the rankings' rows, the sorted task ids, the tasks' models, the standings
 * and the gold tasks) as the reports take it. Reads the rows without changing what they hold (a
 * LiveRankings assembles them again after each update).
 */
function assembleRankings(read: {
  rows: RankingRows;
  sorted: ByteList;
  models: TaskModels | null;
  statuses: TextRows;
  golds: TextRows;
}): ProjectRankings {
  const { rows, sorted, models, statuses, golds } = read;
  const fields = rows.fields;
  models?.describe();
  rows.markGold(golds.map(([taskId]) => taskId!));
  const { rankings, taskIds, taskRank, labelerIds } = rows.finish(sorted);
  const standings = new Map(statuses.map(([labelerId, status]) => [labelerId!, status as LabelerStatus]));
  const labelerStatus = labelerIds.map((id) => standings.get(id) ?? "active");
  const byModel = models?.finish(taskRank, taskIds.length);
  const goldReference = new Map<number, number[]>();
  if (fields === "report") {
    for (const [taskId, goldRanking, ids] of golds) {
      const task = rows.taskIndex(taskId!, taskRank);
      if (task >= 0 && goldRanking !== null && ids !== null)
        goldReference.set(task, ranksByPosition(JSON.parse(goldRanking) as string[][], ids.split(" ")));
    }
  }
  return {
    rankings,
    taskIds,
    labelerIds,
    labelerStatus,
    standings,
    models: byModel?.names ?? [],
    modelsByTask: byModel?.byTask ?? new Array(taskIds.length),
    goldReference,
  };
}

/** Conditions splitting Submission's pages in two (no condition when the table is small). */
function pageRanges(pages: number): string[] {
  if (pages < SPLIT_PAGES) return [""];
  // Rows are only ever inserted or deleted (migrations aside), never moved: each is in one range
  // whichever snapshot reads it.
  const half = Math.floor(pages / 2);
  return [`AND s.ctid < '(${half},0)'::tid`, `AND s.ctid >= '(${half},0)'::tid`];
}

/**
 * Every ranking task's prompt and models in position order, the models joined by the unit
 * separator (U+001F, which COPY sends as it is), read beside the rankings: tasks are numbered by
 * the rankings' own numbering, and the few distinct lists of models are decoded once.
 */
class TaskModels {
  private readonly lists = new ByteKeys();
  /** Per row of the query: the task's number (the rankings' numbering), its list of models and its prompt. */
  private task = new Int32Array(1024);
  private list = new Int32Array(1024);
  private prompt = new Int32Array(1024);
  private size = 0;
  /** By task number: 1 when the task's models were read. */
  private known = new Uint8Array(1024);

  constructor(private readonly rows: RankingRows) {}

  /** Reads the models of the tasks `where` picks (conditions on t). */
  read(where: string): Promise<void> {
    return copyRows(
      `SELECT t."id", t."promptId", string_agg(o."model", E'\\x1f' ORDER BY o."position")
       FROM "TaskOutput" o JOIN "Task" t ON t."id" = o."taskId"
       WHERE ${where}
       GROUP BY t."id"`,
      (buffer, from, to) => this.add(buffer, from, to),
    );
  }

  /** Reads the models of the ranked tasks not read yet (created after the models were read, before their rankings were). */
  async readMissing(): Promise<void> {
    const missing = this.rows.taskIdsWhere((key) => !this.known[key]);
    if (missing.length) await this.read(`t."id" IN (${missing.map(sqlLiteral).join(", ")})`);
  }

  /** One COPY row, buffer[from, to): "taskId\tpromptId\tmodel\x1fmodel…\n". */
  add(buffer: Buffer, from: number, to: number): void {
    if (this.size === this.task.length) {
      this.task = grow(this.task, this.size * 2);
      this.list = grow(this.list, this.size * 2);
      this.prompt = grow(this.prompt, this.size * 2);
    }
    let tab = from;
    while (buffer[tab] !== 9) tab++;
    const task = this.rows.taskKey(buffer, from, tab);
    if (task >= this.known.length) this.known = grow(this.known, Math.max(task + 1, this.known.length * 2));
    this.known[task] = 1;
    this.task[this.size] = task;
    let next = tab + 1;
    while (buffer[next] !== 9) next++;
    this.prompt[this.size] = this.rows.promptKey(buffer, tab + 1, next);
    this.list[this.size++] = this.lists.of(buffer, next + 1, to - 1);
  }

  /** Gives each ranking its task's prompt. */
  describe(): void {
    const promptOf = new Int32Array(this.rows.taskCount).fill(-1);
    for (let i = 0; i < this.size; i++) promptOf[this.task[i]!] = this.prompt[i]!;
    this.rows.setTaskPrompts(promptOf);
  }

  /** Model names (sorted) and, by task index, the model index of each position. */
  finish(taskRank: Int32Array, tasks: number): { names: string[]; byTask: Int32Array[] } {
    const lists = this.lists.texts().map((joined) => joined.split("\x1f"));
    const names = [...new Set(lists.flat())].sort();
    const index = new Map(names.map((name, i) => [name, i]));
    const numbered = lists.map((list) => Int32Array.from(list, (name) => index.get(name)!));
    const byTask: Int32Array[] = new Array(tasks);
    for (let i = 0; i < this.size; i++) {
      const task = taskRank[this.task[i]!]!;
      if (task >= 0) byTask[task] = numbered[this.list[i]!]!;
    }
    return { names, byTask };
  }
}

/** A text value of a COPY row: bytes [from, to), UTF-8, with COPY's backslash escapes undone. */
export function copyText(row: Buffer, from: number, to: number): string {
  let plain = true;
  for (let i = from; i < to; i++) {
    const byte = row[i]!;
    if (byte >= 0x80 || byte === 0x5c) {
      plain = false;
      break;
    }
  }
  if (plain) return row.latin1Slice(from, to);
  const text = row.toString("utf8", from, to);
  return text.includes("\\") ? unescapeCopyText(text) : text;
}

const COPY_ESCAPES: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };
/** How COPY writes these characters in a text value. */
const COPY_ESCAPED: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\b": "\\b", "\f": "\\f", "\v": "\\v" };

/** COPY text escapes: \\b \\f \\n \\r \\t \\v, \\NNN (octal), \\xHH (hex), and any other character as itself. */
export function unescapeCopyText(text: string): string {
  return text.replace(/\\(?:([0-7]{1,3})|x([0-9A-Fa-f]{1,2})|(.))/gs, (_, octal, hex, other: string) =>
    octal
      ? String.fromCharCode(Number.parseInt(octal, 8))
      : hex
        ? String.fromCharCode(Number.parseInt(hex, 16))
        : (COPY_ESCAPES[other] ?? other),
  );
}

declare global {
  interface Buffer {
    /** Node's own fast path of toString("latin1", from, to), without the argument checks. */
    latin1Slice(from: number, to: number): string;
  }
}

/** Byte strings one after the other (COPY values kept as they came). */
export class ByteList {
  bytes = new Uint8Array(1 << 16);
  /** Value i is bytes[start[i], start[i + 1]). */
  start = new Int32Array(1024);
  size = 0;

  add(buffer: Uint8Array, from: number, to: number): void {
    const used = this.start[this.size]!;
    if (used + (to - from) > this.bytes.length) this.bytes = grow(this.bytes, Math.max(this.bytes.length * 2, used + (to - from)));
    if (this.size + 2 > this.start.length) this.start = grow(this.start, this.start.length * 2);
    const bytes = this.bytes;
    for (let i = from, at = used; i < to; i++, at++) bytes[at] = buffer[i]!;
    this.start[++this.size] = used + (to - from);
  }
}

/** Distinct byte strings numbered in order of first appearance, found by hash: no string per lookup. */
class ByteKeys {
  private slots = new Int32Array(1 << 10).fill(-1);
  private hashes = new Int32Array(256);
  private offsets = new Int32Array(256);
  private lengths = new Int32Array(256);
  private bytes = new Uint8Array(1 << 14);
  private used = 0;
  count = 0;

  /** The number of bytes [from, to) of row, −1 if they are not a key. */
  find(row: Uint8Array, from: number, to: number): number {
    return this.of(row, from, to, false);
  }

  /** The number of bytes [from, to) of row (a new key gets the next number). */
  of(row: Uint8Array, from: number, to: number, add = true): number {
    let hash = 0x811c9dc5 | 0;
    for (let i = from; i < to; i++) hash = Math.imul(hash ^ row[i]!, 0x01000193);
    const length = to - from;
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const key = this.slots[slot]!;
      if (key < 0) return add ? this.insert(slot, hash, row, from, length) : -1;
      if (this.hashes[key] !== hash || this.lengths[key] !== length) continue;
      const at = this.offsets[key]!;
      let same = true;
      for (let i = 0; i < length; i++) {
        if (this.bytes[at + i] !== row[from + i]) {
          same = false;
          break;
        }
      }
      if (same) return key;
    }
  }

  private insert(slot: number, hash: number, row: Uint8Array, from: number, length: number): number {
    const key = this.count++;
    if (key === this.hashes.length) {
      this.hashes = grow(this.hashes, key * 2);
      this.offsets = grow(this.offsets, key * 2);
      this.lengths = grow(this.lengths, key * 2);
    }
    if (this.used + length > this.bytes.length) {
      const larger = new Uint8Array(Math.max(this.bytes.length * 2, this.used + length));
      larger.set(this.bytes.subarray(0, this.used));
      this.bytes = larger;
    }
    // (A loop rather than set(subarray()): no view object per key.)
    const bytes = this.bytes;
    for (let i = 0, at = this.used; i < length; i++, at++) bytes[at] = row[from + i]!;
    this.hashes[key] = hash;
    this.offsets[key] = this.used;
    this.lengths[key] = length;
    this.used += length;
    this.slots[slot] = key;
    // At most half full: rehash into twice the slots.
    if (this.count * 2 > this.slots.length) {
      const slots = new Int32Array(this.slots.length * 2).fill(-1);
      const mask = slots.length - 1;
      for (let k = 0; k < this.count; k++) {
        let s = this.hashes[k]! & mask;
        while (slots[s]! >= 0) s = (s + 1) & mask;
        slots[s] = k;
      }
      this.slots = slots;
    }
    return key;
  }

  /** The keys as text, by number (these numbers, or all). */
  texts(keys?: readonly number[]): string[] {
    const buffer = Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.used);
    const text = (key: number) => copyText(buffer, this.offsets[key]!, this.offsets[key]! + this.lengths[key]!);
    return keys ? keys.map(text) : Array.from({ length: this.count }, (_, key) => text(key));
  }
}

function grow<T extends Int32Array | Float64Array | Uint8Array>(array: T, length: number): T {
  const larger = new (array.constructor as new (length: number) => T)(length);
  larger.set(array);
  return larger;
}

type RankingRowsColumns = {
  size: number;
  fields: RankingFields;
  values: number;
  promptCount: number;
  prompt: Int32Array;
  gold: Uint8Array;
  start: Int32Array;
  outputs: Int32Array;
  firstShown: Int32Array;
  durationMs: Float64Array;
  day: Int32Array;
  ranks: Int32Array;
  likerts: Int32Array;
  flagMasks: Int32Array;
};

/**
 * The rows of a ranking COPY, parsed as they arrive into growing typed columns; finish() numbers
 * tasks and labelers by sorted id and returns the table sorted by (task, labeler).
 */
export class RankingRows {
  private readonly tasks = new ByteKeys();
  private readonly labelers = new ByteKeys();
  private readonly prompts = new ByteKeys();
  private capacity: number;
  private size = 0;
  /** Per row: first-seen task, labeler and prompt numbers, gold, where its outputs start, how many, … */
  private task: Int32Array;
  private labeler: Int32Array;
  private prompt: Int32Array;
  private gold: Uint8Array;
  private start: Int32Array;
  private outputs: Int32Array;
  private firstShown: Int32Array;
  private durationMs: Float64Array;
  private day: Int32Array;
  /** Per output position: rank, rating and flags. */
  private valueCapacity: number;
  private values = 0;
  private ranks: Int32Array;
  private likerts: Int32Array;
  private flagMasks: Int32Array;
  private at = 0;
  private rowBytes = 0;
  /** With `dedup`: task number × 2²⁰ + labeler number of every row held, so a ranking read again is dropped. */
  private readonly pairs: Set<number> | null;

  constructor(
    readonly fields: RankingFields,
    expected = 0,
    options: { dedup?: boolean } = {},
  ) {
    this.pairs = options.dedup ? new Set() : null;
    // Room for the expected rows with up to 9 outputs each; they double when that is not enough.
    this.capacity = Math.max(1024, Math.ceil(expected * 1.02) + 16);
    this.task = new Int32Array(this.capacity);
    this.labeler = new Int32Array(this.capacity);
    this.prompt = new Int32Array(fields === "report" ? this.capacity : 0);
    this.gold = new Uint8Array(this.capacity);
    this.start = new Int32Array(this.capacity);
    this.outputs = new Int32Array(this.capacity);
    this.firstShown = new Int32Array(this.capacity);
    this.durationMs = new Float64Array(this.capacity);
    this.day = new Int32Array(this.capacity);
    this.valueCapacity = this.capacity * 9 + 64;
    this.ranks = new Int32Array(this.valueCapacity);
    this.likerts = new Int32Array(fields === "report" ? this.valueCapacity : 0);
    this.flagMasks = new Int32Array(fields === "report" ? this.valueCapacity : 0);
  }

  /** One COPY row, row[from, to): "taskId\tlabelerId\t…\n" with the columns of COLUMNS[fields]. */
  add(row: Buffer, from = 0, to = row.length): void {
    const r = this.size;
    if (r === this.capacity) this.growRows();
    this.at = from;
    this.rowBytes = to - from;
    const task = this.key(row, this.tasks);
    const labeler = this.key(row, this.labelers);
    if (this.pairs) {
      const pair = task * 1_048_576 + labeler;
      if (this.pairs.has(pair)) return;
      this.pairs.add(pair);
    }
    this.task[r] = task;
    this.labeler[r] = labeler;
    const first = this.values;
    const k = this.ints(row, 0, first, -1);
    this.start[r] = first;
    this.outputs[r] = k;
    this.values = first + k;
    this.firstShown[r] = -1;
    this.durationMs[r] = Number.NaN;
    this.size = r + 1;
    if (this.fields === "review") return;
    this.ints(row, 1, first, k);
    this.ints(row, 2, first, k);
    const firstShown = this.int(row);
    this.firstShown[r] = Number.isNaN(firstShown) ? -1 : firstShown;
    this.durationMs[r] = this.int(row);
    const day = this.int(row);
    this.day[r] = Number.isNaN(day) ? 0 : day;
  }

  private growRows(): void {
    this.capacity *= 2;
    this.task = grow(this.task, this.capacity);
    this.labeler = grow(this.labeler, this.capacity);
    if (this.fields === "report") this.prompt = grow(this.prompt, this.capacity);
    this.gold = grow(this.gold, this.capacity);
    this.start = grow(this.start, this.capacity);
    this.outputs = grow(this.outputs, this.capacity);
    this.firstShown = grow(this.firstShown, this.capacity);
    this.durationMs = grow(this.durationMs, this.capacity);
    this.day = grow(this.day, this.capacity);
  }

  get taskCount(): number {
    return this.tasks.count;
  }

  /** How many rankings are held. */
  get count(): number {
    return this.size;
  }

  /** The ids of the tasks rankings are of whose first-seen number passes `pick`. */
  taskIdsWhere(pick: (key: number) => boolean): string[] {
    const keys = new Set<number>();
    for (let r = 0; r < this.size; r++) if (pick(this.task[r]!)) keys.add(this.task[r]!);
    return this.tasks.texts([...keys]);
  }

  /** The number of a prompt id (bytes [from, to) of buffer), in order of first appearance. */
  promptKey(buffer: Buffer, from: number, to: number): number {
    return this.prompts.of(buffer, from, to);
  }

  /** Each ranking's prompt from its task's (by the tasks' first-seen numbers; a task with no prompt given is a prompt of its own). */
  setTaskPrompts(promptOf: Int32Array): void {
    const { size, task, prompt } = this;
    const prompts = this.prompts.count;
    for (let r = 0; r < size; r++) {
      const key = task[r]!;
      const given = promptOf[key]!;
      prompt[r] = given >= 0 ? given : prompts + key;
    }
  }

  /** Marks the rankings of these tasks gold, and only those. */
  markGold(taskIds: readonly string[]): void {
    const gold = new Uint8Array(this.tasks.count);
    for (const id of taskIds) {
      const key = this.keyOf(id);
      if (key >= 0) gold[key] = 1;
    }
    for (let r = 0; r < this.size; r++) this.gold[r] = gold[this.task[r]!]!;
  }

  /** The first-seen number of a task id, −1 if no row named it. */
  private keyOf(id: string): number {
    const bytes = Buffer.from(
      id.replace(/[\\\t\n\r\b\f\v]/g, (c) => COPY_ESCAPED[c]!),
      "utf8",
    );
    return this.tasks.find(bytes, 0, bytes.length);
  }

  /** The number of a task id (bytes [from, to) of buffer), as the rows number them before sorting. */
  taskKey(buffer: Buffer, from: number, to: number): number {
    return this.tasks.of(buffer, from, to);
  }

  /** The task index of a task id, −1 when no ranking is of it. */
  taskIndex(id: string, taskRank: Int32Array): number {
    const key = this.keyOf(id);
    return key < 0 ? -1 : taskRank[key]!;
  }

  /** The text value at the cursor (ending at a tab), by number. */
  private key(row: Buffer, keys: ByteKeys): number {
    const from = this.at;
    let to = from;
    while (row[to] !== 9) to++;
    this.at = to + 1;
    return keys.of(row, from, to);
  }

  /**
   * An int[] at the cursor ("{3,0,-1}"; "{}" or \N: empty) into out[from…]. limit −1: every
   * element, returns the count; otherwise exactly `limit` values, missing ones 0, extra ones dropped.
   */
  private ints(row: Buffer, column: 0 | 1 | 2, from: number, limit: number): number {
    // Room for the values: an array has fewer elements than its row has bytes.
    const room = from + Math.max(this.rowBytes, limit);
    if (room > this.valueCapacity) {
      while (room > this.valueCapacity) this.valueCapacity *= 2;
      this.ranks = grow(this.ranks, this.valueCapacity);
      if (this.fields === "report") {
        this.likerts = grow(this.likerts, this.valueCapacity);
        this.flagMasks = grow(this.flagMasks, this.valueCapacity);
      }
    }
    const out = column === 0 ? this.ranks : column === 1 ? this.likerts : this.flagMasks;
    let i = this.at;
    let count = 0;
    if (row[i] === 0x7b) {
      i++;
      let value = 0;
      let sign = 1;
      let digits = false;
      for (; ; i++) {
        const byte = row[i]!;
        if (byte >= 0x30 && byte <= 0x39) {
          value = value * 10 + (byte - 0x30);
          digits = true;
        } else if (byte === 0x2c || byte === 0x7d) {
          if (digits || byte === 0x2c) {
            if (limit < 0 || count < limit) out[from + count] = sign * value;
            count++;
          }
          value = 0;
          sign = 1;
          digits = false;
          if (byte === 0x7d) break;
        } else if (byte === 0x2d) sign = -1;
        // Anything else (an element written NULL) reads as 0.
      }
      i++;
    } else while (row[i] !== 9 && row[i] !== 10) i++;
    this.at = i + 1;
    for (let c = count; c < limit; c++) out[from + c] = 0;
    return count;
  }

  /** An integer at the cursor; NaN for \N. */
  private int(row: Buffer): number {
    let i = this.at;
    let value = Number.NaN;
    if (row[i] === 0x5c) i += 2;
    else {
      let sign = 1;
      if (row[i] === 0x2d) {
        sign = -1;
        i++;
      }
      value = 0;
      for (; row[i]! >= 0x30 && row[i]! <= 0x39; i++) value = value * 10 + (row[i]! - 0x30);
      value *= sign;
    }
    this.at = i + 1;
    return value;
  }

  /** The parsed columns, as they came. */
  get columns(): RankingRowsColumns {
    return {
      size: this.size,
      fields: this.fields,
      values: this.values,
      // Prompts given, then one per task that had none.
      promptCount: this.prompts.count + this.tasks.count,
      prompt: this.prompt,
      gold: this.gold,
      start: this.start,
      outputs: this.outputs,
      firstShown: this.firstShown,
      durationMs: this.durationMs,
      day: this.day,
      ranks: this.ranks,
      likerts: this.likerts,
      flagMasks: this.flagMasks,
    };
  }

  /**
   * The table, sorted by (task, labeler); taskRank maps the rows' first-seen task numbers (also
   * those taskKey gave to tasks no ranking is of: −1) to task indexes. The rows held stay as they
   * are (more may be added and the table made again).
   */
  finish(sortedIds?: ByteList): { rankings: LoadedRankings; taskIds: string[]; taskRank: Int32Array; labelerIds: string[] } {
    // (Columns in locals: an optimized loop then reads no property.)
    const { size: n, tasks: taskKeysSeen } = this;
    const rowTask = this.task;
    const rowLabeler = this.labeler;
    // Only tasks with a ranking are numbered.
    const ranked = new Uint8Array(taskKeysSeen.count);
    for (let r = 0; r < n; r++) ranked[rowTask[r]!] = 1;
    const taskKeys: number[] = [];
    for (let key = 0; key < ranked.length; key++) if (ranked[key]) taskKeys.push(key);
    const taskRank = new Int32Array(taskKeysSeen.count).fill(-1);
    // In the order of the sorted ids given, when they name every ranked task (a task created since
    // they were read is not among them); else by sorting the ids here.
    let numbered = 0;
    if (sortedIds) {
      const { bytes, start: idStart, size: idCount } = sortedIds;
      for (let i = 0; i < idCount; i++) {
        const key = taskKeysSeen.find(bytes, idStart[i]!, idStart[i + 1]!);
        if (key >= 0 && ranked[key] && taskRank[key]! < 0) taskRank[key] = numbered++;
      }
    }
    let taskIds: string[];
    if (sortedIds && numbered === taskKeys.length) {
      const byRank: number[] = new Array(numbered);
      for (const key of taskKeys) byRank[taskRank[key]!] = key;
      taskIds = taskKeysSeen.texts(byRank);
    } else {
      const sortedTasks = sortedNumbering(taskKeysSeen.texts(taskKeys));
      taskKeys.forEach((key, i) => {
        taskRank[key] = sortedTasks.rank[i]!;
      });
      taskIds = sortedTasks.keys;
    }
    const labelers = sortedNumbering(this.labelers.texts());
    const labelerRank = labelers.rank;
    const taskOfRow = new Int32Array(n);
    const labelerOfRow = new Int32Array(n);
    for (let r = 0; r < n; r++) {
      taskOfRow[r] = taskRank[rowTask[r]!]!;
      labelerOfRow[r] = labelerRank[rowLabeler[r]!]!;
    }
    // Counting sort by task, then each task's few rows by labeler (insertion sort, stable).
    const taskCount = taskIds.length;
    const first = new Int32Array(taskCount + 1);
    for (let r = 0; r < n; r++) first[taskOfRow[r]! + 1]!++;
    for (let t = 0; t < taskCount; t++) first[t + 1]! += first[t]!;
    const order = new Int32Array(n);
    const next = first.slice(0, taskCount);
    for (let r = 0; r < n; r++) order[next[taskOfRow[r]!]!++] = r;
    for (let t = 0; t < taskCount; t++) {
      const from = first[t]!;
      for (let i = from + 1; i < first[t + 1]!; i++) {
        const r = order[i]!;
        let j = i - 1;
        for (; j >= from && labelerOfRow[order[j]!]! > labelerOfRow[r]!; j--) order[j + 1] = order[j]!;
        order[j + 1] = r;
      }
    }
    // The rows in that order, their outputs' values too (so the figures read them in order).
    const rankings = permuteRows(this.columns, order, taskOfRow, labelerOfRow);
    return { rankings, taskIds, taskRank, labelerIds: labelers.keys };
  }
}

/**
 * The rows of `rows` in `order`, with their outputs' values (so the figures read them in order).
 * A function of its own, its loop reading only locals: a loop compiled while it runs (on-stack
 * replacement) then never reaches code it has no type feedback for.
 */
function permuteRows(rows: RankingRowsColumns, order: Int32Array, taskOfRow: Int32Array, labelerOfRow: Int32Array): LoadedRankings {
  const { size: n, fields, values, promptCount } = rows;
  const report = fields === "report";
  const { prompt: rowPrompt, gold: rowGold, start: rowStart, outputs: rowOutputs } = rows;
  const { firstShown: rowFirstShown, durationMs: rowDuration, day: rowDay } = rows;
  const { ranks: rowRanks, likerts: rowLikerts, flagMasks: rowFlags } = rows;
  const promptNumber = new Int32Array(promptCount).fill(-1);
  let prompts = 0;
  const task = new Int32Array(n);
  const prompt = new Int32Array(n);
  const labeler = new Int32Array(n);
  const start = new Int32Array(n);
  const outputs = new Int32Array(n);
  const firstShown = new Int32Array(n).fill(-1);
  const gold = new Uint8Array(n);
  const durationMs = new Float64Array(n).fill(Number.NaN);
  const day = new Int32Array(n);
  const ranks = new Int32Array(values);
  // Not loaded: zeros (no rating, no flag).
  const likerts = new Int32Array(values);
  const flagMasks = new Int32Array(values);
  for (let i = 0, at = 0; i < n; i++) {
    const r = order[i]!;
    task[i] = taskOfRow[r]!;
    labeler[i] = labelerOfRow[r]!;
    gold[i] = rowGold[r]!;
    const from = rowStart[r]!;
    const k = rowOutputs[r]!;
    start[i] = at;
    outputs[i] = k;
    for (let p = 0; p < k; p++) ranks[at + p] = rowRanks[from + p]!;
    if (report) {
      for (let p = 0; p < k; p++) likerts[at + p] = rowLikerts[from + p]!;
      for (let p = 0; p < k; p++) flagMasks[at + p] = rowFlags[from + p]!;
      const seen = rowPrompt[r]!;
      if (promptNumber[seen] === -1) promptNumber[seen] = prompts++;
      prompt[i] = promptNumber[seen]!;
      firstShown[i] = rowFirstShown[r]!;
      durationMs[i] = rowDuration[r]!;
      day[i] = rowDay[r]!;
    }
    at += k;
  }
  return { size: n, task, prompt, labeler, start, outputs, ranks, likerts, firstShown, gold, flagMasks, durationMs, day };
}

/** The keys sorted (UTF-16 order: Array#sort's), and the sorted position of each key by its first-seen number. */
function sortedNumbering(firstSeen: string[]): { keys: string[]; rank: Int32Array } {
  const keys = firstSeen.slice().sort();
  const position = new Map<string, number>();
  for (let i = 0; i < keys.length; i++) position.set(keys[i]!, i);
  const rank = new Int32Array(firstSeen.length);
  for (let i = 0; i < firstSeen.length; i++) rank[i] = position.get(firstSeen[i]!)!;
  return { keys, rank };
}
