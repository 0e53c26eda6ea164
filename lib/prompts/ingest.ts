import { createHash, randomUUID } from "node:crypto";
import { AppError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { inTransaction, type SqlRun } from "@/lib/db-bulk";
import { isConcurrencyError } from "@/lib/db-retry";
import type { Prisma, Project } from "@/lib/generated/prisma/client";
import { redactorFor } from "@/lib/pii/pool";
import { type Decision, decideBatch, type QuotaState } from "@/lib/prompts/decide";
import {
  type EndUserIdentity,
  knownEndUser,
  type PipelineInput,
  type PreparedPrompt,
  prepareAdmitted,
  refuseBeforeRedaction,
  rememberEndUser,
  stringsToRedact,
  type ValidPrompt,
} from "@/lib/prompts/prepare";
import type { PromptOutcome } from "@/lib/prompts/schema";
import type { Split } from "@/lib/prompts/split";

type Tx = Prisma.TransactionClient;
type Source = "api" | "import" | "labeler";

export type IngestOptions = {
  project: Project;
  prompts: PipelineInput[];
  source: Source;
  kind?: "plain" | "few_shot" | "user_based";
  createdById?: string;
  importId?: string;
  /** Scope (who is calling) and key of an Idempotency-Key header. */
  idempotency?: { scope: string; key: string };
  /** Extra writes that must commit with the batch (an import's tallies). */
  inSameTransaction?: (tx: Tx, outcomes: PromptOutcome[]) => Promise<void>;
};

/** A key we could not claim was given back before we could read who held it: decide the batch again. */
class LostDedupRace extends Error {}
/** An admin changed the pipeline settings while the batch was being prepared: prepare it again. */
class SettingsChanged extends Error {}
/** Another batch used some of our end users' quota after we read it: decide again, under their locks. */
class QuotasMoved extends Error {}

const MAX_ATTEMPTS = 5;
// Counters are spread over a few rows so that concurrent batches do not queue on one row lock.
const COUNTER_SHARDS = 8;

type SettingsColumns = Pick<
  Project,
  "dedupPrefixWords" | "maxPromptTokens" | "splitSalt" | "splitTrain" | "splitValid" | "splitTest" | "keepPublicFigures"
>;

export function settingsOf(project: SettingsColumns) {
  return {
    dedupPrefixWords: project.dedupPrefixWords,
    maxPromptTokens: project.maxPromptTokens,
    splitSalt: project.splitSalt,
    split: { train: project.splitTrain, valid: project.splitValid, test: project.splitTest },
    keepPublicFigures: project.keepPublicFigures,
  };
}

/**
 * The one door every prompt goes through: validate → redact → dedup → quota → store, with one
 * outcome per prompt, in order. The CPU work happens before the transaction. In it, the quota
 * decisions are checked under the end users' row locks before commit (so quotas are exact under
 * concurrency), and the dedup key's primary key catches a concurrent duplicate; a batch that loses
 * either race is decided again.
 */
export async function ingestPrompts(options: IngestOptions): Promise<PromptOutcome[]> {
  let project = options.project;
  let prepared = await prepareAll(options.prompts, project);
  const requestHash = options.idempotency ? hashRequest(options.prompts) : "";
  let lockUsersFirst = false;
  for (let attempt = 1; ; attempt++) {
    try {
      const batch = { ...options, project };
      return await inBatchTransaction(options, (run, tx) => ingestInTransaction(run, tx, batch, prepared, requestHash, lockUsersFirst));
    } catch (error) {
      if (error instanceof QuotasMoved) lockUsersFirst = true;
      else if (error instanceof SettingsChanged) {
        project = await db.project.findUniqueOrThrow({ where: { id: project.id } });
        prepared = await prepareAll(options.prompts, project);
      } else if (!isRetryable(error) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

const TRANSACTION_TIMEOUT_MS = 60_000;

/**
 * The batch's transaction, run on node-postgres (lib/db-bulk.ts): its statements carry a thousand
 * rows each, as array parameters, which Prisma would check and convert value by value. A caller that
 * adds Prisma writes of its own (an import's tallies) gets a Prisma transaction, with the same
 * statements.
 */
function inBatchTransaction<T>(options: IngestOptions, work: (run: SqlRun, tx?: Tx) => Promise<T>): Promise<T> {
  if (!options.inSameTransaction) return inTransaction((run) => work(run), { timeoutMs: TRANSACTION_TIMEOUT_MS });
  return db.$transaction((tx) => work(<Row>(text: string, values: unknown[]) => tx.$queryRawUnsafe<Row[]>(text, ...values), tx), {
    timeout: TRANSACTION_TIMEOUT_MS,
    maxWait: 30_000,
  });
}

// Preparing a full batch takes tens of milliseconds of CPU. Done in one go, it would hold up the
// other batches' transactions (and the end-user row locks they hold until commit) for that long.
const PREPARE_SLICE = 100;

/**
 * Prepares a batch: the prompts refused before redaction (empty, too long as sent) are set aside
 * first, then every string the others need redacted goes to the worker pool at once (a megabyte of
 * text must not hold this thread, which serves every other request), then each prompt is prepared
 * with those results.
 */
async function prepareAll(prompts: PipelineInput[], project: Project): Promise<PreparedPrompt[]> {
  const settings = settingsOf(project);
  const refused = prompts.map((prompt) => refuseBeforeRedaction(prompt, settings));
  // The end users this process already knows (most of them, as the same users send batch after
  // batch) need no redaction of their ID: only the others' IDs go to the pool with the texts. They
  // are looked up before the redaction is awaited, so a memo emptied meanwhile changes nothing.
  const endUsers = new Map<string, EndUserIdentity | undefined>();
  prompts.forEach((prompt, i) => {
    if (!refused[i] && !endUsers.has(prompt.user_id)) endUsers.set(prompt.user_id, knownEndUser(settings.splitSalt, prompt.user_id));
  });
  const redactor = await redactorFor(
    prompts.flatMap((prompt, i) => (refused[i] ? [] : stringsToRedact(prompt, !endUsers.get(prompt.user_id)))),
    { keepPublicFigures: settings.keepPublicFigures },
  );
  for (const [id, known] of endUsers) if (!known) endUsers.set(id, rememberEndUser(settings.splitSalt, id, redactor));
  const prepared: PreparedPrompt[] = [];
  for (let from = 0; from < prompts.length; from += PREPARE_SLICE) {
    if (from > 0) await new Promise((resolve) => setImmediate(resolve));
    for (let i = from; i < Math.min(prompts.length, from + PREPARE_SLICE); i++)
      prepared.push(refused[i] ?? prepareAdmitted(prompts[i]!, settings, redactor, endUsers.get(prompts[i]!.user_id)));
  }
  return prepared;
}

// Locks are taken in a fixed order, but PostgreSQL may still report a deadlock or serialization
// failure under heavy load; the batch is then simply run again.
function isRetryable(error: unknown): boolean {
  return error instanceof LostDedupRace || isConcurrencyError(error);
}

function hashRequest(prompts: PipelineInput[]): string {
  return createHash("sha256").update(JSON.stringify(prompts)).digest("hex");
}

async function ingestInTransaction(
  run: SqlRun,
  tx: Tx | undefined,
  options: IngestOptions,
  prepared: PreparedPrompt[],
  requestHash: string,
  lockUsersFirst: boolean,
): Promise<PromptOutcome[]> {
  const { project } = options;
  // A shared lock: batches run side by side, but not while an admin changes the settings (which
  // takes this row exclusively, e.g. to rebuild the dedup index for a new prefix length).
  const [current] = await run<SettingsColumns>(
    `SELECT "dedupPrefixWords", "maxPromptTokens", "splitSalt", "splitTrain", "splitValid", "splitTest", "keepPublicFigures"
     FROM "Project" WHERE "id" = $1 FOR SHARE`,
    [project.id],
  );
  if (!current) throw new AppError("not_found", "The project was deleted.");
  if (JSON.stringify(settingsOf(current)) !== JSON.stringify(settingsOf(project))) throw new SettingsChanged();

  if (options.idempotency) {
    const replay = await claimIdempotencyKey(run, options.idempotency, requestHash);
    if (replay) return replay;
  }

  // Rows that concurrent batches also write are locked in one order on every path: dedup keys,
  // then end users, then the shared counters (and an import's tallies). So two batches may queue
  // for each other, but never in a circle.
  //
  // Each distinct dedup key is claimed up front with the id of the prompt that would keep it: in
  // the common case (no duplicates) that is one insert and no lookup.
  const valid = prepared.filter((prompt): prompt is ValidPrompt => prompt.ok);
  const idForKey = new Map<string, string>();
  for (const prompt of valid) if (!idForKey.has(prompt.dedupKey)) idForKey.set(prompt.dedupKey, randomUUID());
  const kept = await claimDedupKeys(run, project.id, idForKey);
  const idOf = (prompt: ValidPrompt) => idForKey.get(prompt.dedupKey)!;

  // Quotas are decided on counts read without locks, and checked under the end users' row locks
  // near the end: batches for the same users then queue only for that last part, not for the
  // whole insert. A batch whose counts moved meanwhile is run again, locking its users first.
  const endUsers = endUsersOf(valid);
  const quotas = lockUsersFirst ? await lockEndUsers(run, project, endUsers) : await readEndUsers(run, project, endUsers);
  const decisions = decideBatch(prepared, kept, quotas, idOf);

  // An end user keeps the split they were first given, even after the proportions change.
  const splitOf = (prompt: ValidPrompt) => quotas.get(prompt.userRef)?.split ?? prompt.split;
  const accepted: AcceptedPrompt[] = [];
  decisions.forEach((decision, index) => {
    const prompt = prepared[index]!;
    if (decision.status === "accepted" && prompt.ok) accepted.push({ id: decision.id, prompt, split: splitOf(prompt) });
  });
  if (accepted.length) await insertAccepted(run, options, accepted);
  // Keys claimed for prompts that were then refused for quota go back.
  const keptKeys = new Set(accepted.map((a) => a.prompt.dedupKey));
  const unused = [...idForKey.keys()].filter((key) => !kept.has(key) && !keptKeys.has(key));
  if (unused.length) {
    await run(`DELETE FROM "PromptDedupKey" WHERE "projectId" = $1 AND "key" = ANY(${DEDUP_KEYS_OF_$2})`, [
      project.id,
      arrayLiteral(unused),
    ]);
  }

  const perUser = new Map<string, number>();
  for (const { prompt } of accepted) perUser.set(prompt.userRef, (perUser.get(prompt.userRef) ?? 0) + 1);
  if (lockUsersFirst) {
    await run(
      `UPDATE "EndUser" AS e SET "acceptedCount" = e."acceptedCount" + t.n
       FROM unnest($2::text[], $3::int[]) AS t(ref, n)
       WHERE e."projectId" = $1 AND e."userRef" = t.ref`,
      [project.id, arrayLiteral([...perUser.keys()]), arrayLiteral([...perUser.values()])],
    );
  } else {
    // Adds this batch's counts under the users' locks, then decides again on the counts as they
    // were just before: any different outcome means another batch used some of the quota meanwhile.
    const refused = decisions.flatMap((decision, index) => {
      const prompt = prepared[index]!;
      return decision.status === "quota_exceeded" && prompt.ok ? [prompt.userRef] : [];
    });
    const locked = await addToEndUsers(run, project, endUsers, perUser, refused);
    const recheck = decideBatch(prepared, kept, locked, idOf);
    if (recheck.some((decision, index) => decision.status !== decisions[index]!.status)) throw new QuotasMoved();
  }

  const outcomes = decisions.map((decision, index) => {
    const prompt = prepared[index]!;
    return toOutcome(decision, prompt, prompt.ok ? splitOf(prompt) : undefined);
  });
  await addCounters(run, project.id, prepared, outcomes);
  if (options.inSameTransaction) await options.inSameTransaction(tx!, outcomes);
  if (options.idempotency) {
    await run(`UPDATE "IdempotencyRecord" SET "status" = 200, "response" = $3::jsonb WHERE "scope" = $1 AND "key" = $2`, [
      options.idempotency.scope,
      options.idempotency.key,
      JSON.stringify(outcomes),
    ]);
  }
  return outcomes;
}

/** A prompt to store, with the split it is stored in (its end user's, which may differ from prompt.split). */
type AcceptedPrompt = { id: string; prompt: ValidPrompt; split: Split };

/** The dedup keys sent in $2 (a text[] of base64 strings, as the app holds them) as the bytea[] the table holds. */
const DEDUP_KEYS_OF_$2 = `ARRAY(SELECT decode(k, 'base64') FROM unnest($2::text[]) AS k)`;

/**
 * A text[] or int[] parameter spelled as PostgreSQL's array literal (each text quoted), for a
 * column of a thousand values: unnest reads it for about half of what json_to_recordset costs the
 * database (which builds a hash table per row), and spelling it here is one pass, where
 * node-postgres escapes each value with two regexes. It has no NULL: columns that may hold one go
 * as node-postgres's own array parameters (see insertAccepted).
 */
function arrayLiteral(values: ReadonlyArray<string | number>): string {
  let literal = "{";
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (i) literal += ",";
    if (typeof value === "number") literal += String(value);
    // Ids, keys and pseudonyms never hold a quote or a backslash, and most prompts hold neither: most values need no escaping pass.
    else if (value.includes('"') || value.includes("\\")) literal += `"${value.replace(/[\\"]/g, "\\$&")}"`;
    else literal += `"${value}"`;
  }
  return `${literal}}`;
}

/**
 * Claims dedup keys for the prompt ids given, and returns those that an earlier prompt holds,
 * with its id. A key that a concurrent batch is claiming is waited for (the primary key's
 * conflict check), so two duplicates are never both kept.
 */
async function claimDedupKeys(run: SqlRun, projectId: string, idForKey: ReadonlyMap<string, string>): Promise<Map<string, string>> {
  if (!idForKey.size) return new Map();
  const keys = [...idForKey.keys()];
  // In key order, so that two batches wait for each other's keys in one order (no deadlocks).
  const [{ claimed }] = (await run<{ claimed: number }>(
    `WITH claimed AS (
       INSERT INTO "PromptDedupKey" ("projectId", "key", "promptId")
       SELECT $1, decode(t.k, 'base64'), t.p FROM unnest($2::text[], $3::text[]) AS t(k, p)
       ORDER BY 2
       ON CONFLICT DO NOTHING
       RETURNING 1)
     SELECT count(*)::int AS "claimed" FROM claimed`,
    [projectId, arrayLiteral(keys), arrayLiteral([...idForKey.values()])],
  )) as [{ claimed: number }];
  if (claimed === keys.length) return new Map();
  const rows = await run<{ key: string; promptId: string }>(
    `SELECT encode("key", 'base64') AS "key", "promptId" FROM "PromptDedupKey" WHERE "projectId" = $1 AND "key" = ANY(${DEDUP_KEYS_OF_$2})`,
    [projectId, arrayLiteral(keys)],
  );
  const ours = new Set(idForKey.values());
  const held = new Map(rows.filter((row) => !ours.has(row.promptId)).map((row) => [row.key, row.promptId]));
  // A key held when we claimed it but gone now was given back by a batch that was refused for quota.
  if (held.size !== keys.length - claimed) throw new LostDedupRace();
  return held;
}

/** Stores the accepted prompts (their dedup keys are already claimed). */
async function insertAccepted(run: SqlRun, options: IngestOptions, accepted: AcceptedPrompt[]) {
  const { project } = options;
  // One INSERT over parallel arrays; a column with no value in the whole batch is sent as one NULL.
  // (Rows as one JSON text, read by json_to_recordset, cost the database and this process more: in
  // eight alternating 50k-prompt bench runs, 159 against 142 ms of database CPU and 112 against
  // 96 ms of app CPU per 1k prompts, ratio 0.53 against 0.56.)
  const json = (value: unknown) => (value === undefined || (Array.isArray(value) && !value.length) ? null : JSON.stringify(value));
  const column = (values: Array<string | null>) => (values.some((value) => value !== null) ? values : null);
  await run(
    `INSERT INTO "Prompt" ("id", "projectId", "text", "userRef", "split", "source", "kind", "category",
                           "metadata", "structure", "messages", "redactions", "createdById", "importId")
     SELECT t.id, $1, t.text, t.ref, t.split::"Split", $2::"PromptSource", $3::"PromptKind", t.category::"UseCase",
            t.metadata::jsonb, t.structure::jsonb, t.messages::jsonb, t.redactions::jsonb, $4::text, $5::text
     FROM unnest($6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
       AS t(id, text, ref, split, category, metadata, structure, messages, redactions)`,
    [
      project.id,
      options.source,
      options.kind ?? "plain",
      options.createdById ?? null,
      options.importId ?? null,
      arrayLiteral(accepted.map((a) => a.id)),
      arrayLiteral(accepted.map((a) => a.prompt.text)),
      arrayLiteral(accepted.map((a) => a.prompt.userRef)),
      arrayLiteral(accepted.map((a) => a.split)),
      column(accepted.map((a) => a.prompt.category ?? null)),
      column(accepted.map((a) => json(a.prompt.metadata))),
      column(accepted.map((a) => json(a.prompt.structure))),
      column(accepted.map((a) => json(a.prompt.messages?.length ? a.prompt.messages : undefined))),
      column(accepted.map((a) => json(a.prompt.redactions))),
    ],
  );
}

function toOutcome(decision: Decision, prompt: PreparedPrompt, split: Split | undefined): PromptOutcome {
  const redactions = prompt.redactions;
  switch (decision.status) {
    case "accepted":
      return { status: "accepted", id: decision.id, split, redactions };
    case "duplicate":
      return { status: "duplicate", duplicate_of: decision.duplicateOf, redactions };
    default:
      return { status: decision.status, reason: decision.reason, redactions };
  }
}

/**
 * Claims an Idempotency-Key inside the batch's transaction. A retry that arrives while the first
 * request is still running waits on the key's row, then finds its answer. The same key with a
 * different body is the caller's mistake.
 */
async function claimIdempotencyKey(run: SqlRun, idempotency: { scope: string; key: string }, requestHash: string) {
  const [{ inserted }] = (await run<{ inserted: number }>(
    `WITH inserted AS (
       INSERT INTO "IdempotencyRecord" ("scope", "key", "requestHash") VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING
       RETURNING 1)
     SELECT count(*)::int AS "inserted" FROM inserted`,
    [idempotency.scope, idempotency.key, requestHash],
  )) as [{ inserted: number }];
  if (inserted === 1) return null;
  const [record] = await run<{ requestHash: string; response: string | null }>(
    `SELECT "requestHash", "response"::text AS "response" FROM "IdempotencyRecord" WHERE "scope" = $1 AND "key" = $2`,
    [idempotency.scope, idempotency.key],
  );
  if (!record) throw new Error("The Idempotency-Key's record was not found after it conflicted.");
  if (record.requestHash !== requestHash) {
    throw new AppError("unprocessable", "This Idempotency-Key was already used with a different request body.");
  }
  return JSON.parse(record.response ?? "null") as PromptOutcome[];
}

/** An end user's quota, and their split once they have one. */
type EndUserQuota = QuotaState & { split?: Split };
type EndUserRow = { userRef: string; acceptedCount: number; quotaOverride: number | null; split: Split };

// An end user with room for every prompt of the batch: their exact count changes no decision, so
// it is not read (most batches then read and return no end-user rows at all).
const ROOM_FOR_ALL: EndUserQuota = { used: 0, limit: Number.POSITIVE_INFINITY };

/** A user's quota from their row, as it was before `adding` of this batch's prompts were counted. */
function quotaOf(row: EndUserRow, project: Project, adding = 0): EndUserQuota {
  return { used: row.acceptedCount - adding, limit: row.quotaOverride ?? project.promptQuota, split: row.split };
}

/** The batch's end users and how many of its valid prompts each has, in a fixed (sorted) order. */
type BatchEndUsers = { refs: string[]; users: Array<{ label: string; split: Split; prompts: number }> };

function endUsersOf(prompts: ValidPrompt[]): BatchEndUsers {
  const users = new Map<string, { label: string; split: Split; prompts: number }>();
  for (const prompt of prompts) {
    const user = users.get(prompt.userRef);
    if (user) user.prompts++;
    else users.set(prompt.userRef, { label: prompt.userLabel, split: prompt.split, prompts: 1 });
  }
  const refs = [...users.keys()].sort();
  return { refs, users: refs.map((ref) => users.get(ref)!) };
}

/**
 * The batch's end users' quotas as they are now, without locking. Only users whose count can
 * change a decision are read: new users, users whose prompts in this batch could take them past
 * their limit, and users first given another split; every other user has room for all.
 */
async function readEndUsers(run: SqlRun, project: Project, { refs, users }: BatchEndUsers): Promise<Map<string, EndUserQuota>> {
  const quotas = new Map(refs.map((ref) => [ref, ROOM_FOR_ALL]));
  if (!refs.length) return quotas;
  // A user with no row yet comes back with nulls (the left join).
  const rows = await run<EndUserRow | { userRef: string; acceptedCount: null }>(
    `SELECT t.ref AS "userRef", e."acceptedCount", e."quotaOverride", e."split"
     FROM unnest($2::text[], $3::int[], $4::text[]) AS t(ref, n, split)
     LEFT JOIN "EndUser" AS e ON e."projectId" = $1 AND e."userRef" = t.ref
     WHERE e."userRef" IS NULL
        OR e."acceptedCount" + t.n > COALESCE(e."quotaOverride", $5::int)
        OR e."split" <> t.split::"Split"`,
    [
      project.id,
      arrayLiteral(refs),
      arrayLiteral(users.map((user) => user.prompts)),
      arrayLiteral(users.map((user) => user.split)),
      project.promptQuota,
    ],
  );
  for (const row of rows) {
    quotas.set(row.userRef, row.acceptedCount === null ? { used: 0, limit: project.promptQuota } : quotaOf(row, project));
  }
  return quotas;
}

/**
 * The statement that creates the batch's end users if new and adds to their counts, locking their
 * rows until commit: $1 the project, $2… $5 the users' refs, labels, splits and the counts to add (endUserColumns).
 */
const UPSERT_END_USERS = `
  INSERT INTO "EndUser" ("projectId", "userRef", "label", "split", "acceptedCount")
  SELECT $1, t.ref, t.label, t.split::"Split", t.n
  FROM unnest($2::text[], $3::text[], $4::text[], $5::int[]) AS t(ref, label, split, n)
  ORDER BY t.ref
  ON CONFLICT ("projectId", "userRef") DO UPDATE SET "lastSeenAt" = now(), "acceptedCount" = "EndUser"."acceptedCount" + EXCLUDED."acceptedCount"
  RETURNING "userRef", "acceptedCount", "quotaOverride", "split"`;

/** UPSERT_END_USERS's $2… $5 for the batch's users, adding `adding` to their counts. */
function endUserColumns({ refs, users }: BatchEndUsers, adding: ReadonlyMap<string, number>): string[] {
  // Rows are locked in a fixed order (no deadlocks between two batches): the statement sorts them.
  return [
    arrayLiteral(refs),
    arrayLiteral(users.map((user) => user.label)),
    arrayLiteral(users.map((user) => user.split)),
    arrayLiteral(refs.map((ref) => adding.get(ref) ?? 0)),
  ];
}

/**
 * Locks the batch's end users (creating new ones) before anything is decided, and returns every
 * user's exact quota: the path for a batch whose quotas moved under it once already.
 */
async function lockEndUsers(run: SqlRun, project: Project, endUsers: BatchEndUsers): Promise<Map<string, EndUserQuota>> {
  if (!endUsers.refs.length) return new Map();
  const rows = await run<EndUserRow>(UPSERT_END_USERS, [project.id, ...endUserColumns(endUsers, new Map())]);
  return new Map(rows.map((row) => [row.userRef, quotaOf(row, project)]));
}

/**
 * Adds the batch's accepted counts to its end users under their row locks, and returns their
 * quotas as they were just before, for deciding again. Only users for whom that can decide
 * differently come back: those refused for quota in this batch, and those now past their limit.
 */
async function addToEndUsers(
  run: SqlRun,
  project: Project,
  endUsers: BatchEndUsers,
  adding: ReadonlyMap<string, number>,
  refused: string[],
): Promise<Map<string, EndUserQuota>> {
  const { refs } = endUsers;
  const quotas = new Map(refs.map((ref) => [ref, ROOM_FOR_ALL]));
  if (!refs.length) return quotas;
  const rows = await run<EndUserRow>(
    `WITH counted AS (${UPSERT_END_USERS})
     SELECT * FROM counted
     WHERE "userRef" = ANY($6::text[]) OR "acceptedCount" > COALESCE("quotaOverride", $7::int)`,
    [project.id, ...endUserColumns(endUsers, adding), arrayLiteral(refused), project.promptQuota],
  );
  for (const row of rows) quotas.set(row.userRef, quotaOf(row, project, adding.get(row.userRef) ?? 0));
  return quotas;
}

async function addCounters(run: SqlRun, projectId: string, prepared: PreparedPrompt[], outcomes: PromptOutcome[]) {
  const counts = new Map<string, number>();
  const bump = (name: string, by = 1) => counts.set(name, (counts.get(name) ?? 0) + by);
  // Counted per status first: one counter name per status, not one string per prompt.
  const perStatus = new Map<PromptOutcome["status"], number>();
  outcomes.forEach((outcome, index) => {
    perStatus.set(outcome.status, (perStatus.get(outcome.status) ?? 0) + 1);
    const prompt = prepared[index]!;
    if (!prompt.ok) bump(`rejected:${prompt.code}`);
    for (const { type, count } of outcome.redactions) bump(`redaction:${type}`, count);
  });
  for (const [status, count] of perStatus) bump(`outcome:${status}`, count);
  const shard = Math.floor(Math.random() * COUNTER_SHARDS);
  // Rows are locked in the order given: sorted, so two batches on one shard never wait on each other in a cycle.
  const names = [...counts.keys()].sort();
  await run(
    `INSERT INTO "IngestCounter" ("projectId", "day", "name", "shard", "count")
     SELECT $1, current_date, t.name, $2::int, t.n FROM json_to_recordset($3::json) AS t(name text, n int)
     ON CONFLICT ("projectId", "day", "name", "shard") DO UPDATE SET "count" = "IngestCounter"."count" + EXCLUDED."count"`,
    [projectId, shard, JSON.stringify(names.map((name) => ({ name, n: counts.get(name)! })))],
  );
}
