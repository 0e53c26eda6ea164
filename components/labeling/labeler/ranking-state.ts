// The ranking screen's pure logic: tie-group ("bucket") operations, completeness, the submission
// body and the draft kept in localStorage. No React, no browser globals, so it is unit-tested;
// no zod either (the draft is checked by hand), so the label screen loads no schema library.
import { OUTPUT_FLAGS, type OutputFlag, PROMPT_FLAGS, type PromptFlag } from "@/lib/labeling/flags";
import type { RankingSubmission } from "@/lib/labeling/schema";
import { USE_CASES, type UseCase } from "@/lib/prompts/use-cases";

/** Tie groups, best first: [["a"], ["b", "c"]] ranks a first, b and c tied second. */
export type Buckets = string[][];
export type Rating = { likert: number | null; flags: OutputFlag[] };
export type Ratings = Record<string, Rating>;

export const LIKERT_MIN = 1;
export const LIKERT_MAX = 7;

/** Drops unknown and repeated ids (first placement wins) and empty buckets. */
export function normalise(buckets: Buckets, knownIds?: readonly string[]): Buckets {
  const known = knownIds ? new Set(knownIds) : null;
  const seen = new Set<string>();
  const out: Buckets = [];
  for (const bucket of buckets) {
    const kept = bucket.filter((id) => {
      if (seen.has(id) || (known && !known.has(id))) return false;
      seen.add(id);
      return true;
    });
    if (kept.length) out.push(kept);
  }
  return out;
}

/** The 0-based bucket holding `id`, or -1 when it is not ranked yet. */
export function rankOf(buckets: Buckets, id: string): number {
  return buckets.findIndex((bucket) => bucket.includes(id));
}

/** Outputs (in display order) not yet placed in any bucket. */
export function unranked(buckets: Buckets, order: readonly string[]): string[] {
  const placed = new Set(buckets.flat());
  return order.filter((id) => !placed.has(id));
}

function without(buckets: Buckets, id: string): Buckets {
  // Keeps empty buckets so indices still refer to what the labeler saw; callers normalise.
  return buckets.map((bucket) => bucket.filter((other) => other !== id));
}

/**
 * Puts `id` into the bucket at 0-based `index` as the labeler currently sees the buckets (a tie
 * with whatever is there); an index past the last bucket makes a new, last rank.
 */
export function moveToBucket(buckets: Buckets, id: string, index: number): Buckets {
  const next = without(buckets, id);
  if (index < 0) index = 0;
  if (index >= next.length) next.push([id]);
  else next[index] = [...next[index]!, id];
  return normalise(next);
}

/**
 * Makes `id` a rank of its own just before the bucket at 0-based `gap` (as currently seen);
 * gap = buckets.length appends it as the last rank. This is "dropping between buckets".
 */
export function insertAsRank(buckets: Buckets, id: string, gap: number): Buckets {
  const next = without(buckets, id);
  const at = Math.max(0, Math.min(gap, next.length));
  next.splice(at, 0, [id]);
  return normalise(next);
}

/** Takes `id` out of the ranking (back to the unranked tray). */
export function unrank(buckets: Buckets, id: string): Buckets {
  return normalise(without(buckets, id));
}

/**
 * One step up: a tied output leaves its group to become the rank just above it; an output alone
 * swaps places with the rank above. An unranked output becomes the last rank.
 */
export function moveUp(buckets: Buckets, id: string): Buckets {
  const at = rankOf(buckets, id);
  if (at === -1) return insertAsRank(buckets, id, buckets.length);
  if (buckets[at]!.length > 1) return insertAsRank(buckets, id, at);
  if (at === 0) return buckets;
  return insertAsRank(buckets, id, at - 1);
}

/** One step down: the mirror of moveUp. An unranked output becomes the last rank. */
export function moveDown(buckets: Buckets, id: string): Buckets {
  const at = rankOf(buckets, id);
  if (at === -1) return insertAsRank(buckets, id, buckets.length);
  if (buckets[at]!.length > 1) return insertAsRank(buckets, id, at + 1);
  if (at === buckets.length - 1) return buckets;
  // Removing a singleton shifts what follows up by one, so "after the next bucket" is at + 2.
  return insertAsRank(buckets, id, at + 2);
}

/**
 * Ties `id` with the rank above it. An output alone at the top, or an unranked one when nothing
 * is ranked, is left where it is; an unranked one joins the last rank.
 */
export function tieWithAbove(buckets: Buckets, id: string): Buckets {
  const at = rankOf(buckets, id);
  if (at === -1) return buckets.length ? moveToBucket(buckets, id, buckets.length - 1) : buckets;
  if (at === 0) return buckets;
  return moveToBucket(buckets, id, at - 1);
}

/**
 * Buckets from the Likert ratings: higher ratings first, equal ratings tied (the paper
 * encourages ties); within a bucket, display order. Unrated outputs stay unranked.
 */
export function bucketsFromRatings(ratings: Ratings, order: readonly string[]): Buckets {
  const byScore = new Map<number, string[]>();
  for (const id of order) {
    const likert = ratings[id]?.likert;
    if (likert == null) continue;
    byScore.set(likert, [...(byScore.get(likert) ?? []), id]);
  }
  return [...byScore.entries()].sort((a, b) => b[0] - a[0]).map(([, ids]) => ids);
}

/**
 * "Sort by Likert" as an undoable step: the ranking from the ratings, and the ranking it replaced
 * when that was a different, non-empty one the labeler made (so the screen can offer to undo it).
 */
export function sortByLikert(buckets: Buckets, ratings: Ratings, order: readonly string[]): { buckets: Buckets; replaced: Buckets | null } {
  const sorted = bucketsFromRatings(ratings, order);
  const same = JSON.stringify(normalise(buckets)) === JSON.stringify(sorted);
  return { buckets: sorted, replaced: buckets.length && !same ? buckets : null };
}

/** Sets an output's Likert (null clears it), keeping its flags. */
export function setLikert(ratings: Ratings, id: string, likert: number | null): Ratings {
  const current = ratings[id] ?? { likert: null, flags: [] };
  return { ...ratings, [id]: { ...current, likert } };
}

/** Turns one output flag on or off, keeping the paper's order of flags. */
export function toggleOutputFlag(ratings: Ratings, id: string, flag: OutputFlag, on: boolean): Ratings {
  const current = ratings[id] ?? { likert: null, flags: [] };
  const set = new Set(current.flags);
  if (on) set.add(flag);
  else set.delete(flag);
  return { ...ratings, [id]: { ...current, flags: OUTPUT_FLAGS.filter((f) => set.has(f)) } };
}

/** Turns one prompt flag on or off, keeping the paper's order of flags. */
export function togglePromptFlag(flags: readonly PromptFlag[], flag: PromptFlag, on: boolean): PromptFlag[] {
  const set = new Set(flags);
  if (on) set.add(flag);
  else set.delete(flag);
  return PROMPT_FLAGS.filter((f) => set.has(f));
}

export type RankingAnswer = {
  ratings: Ratings;
  buckets: Buckets;
  category: UseCase | "";
  promptFlags: PromptFlag[];
  note: string;
};

export type Outputs = readonly { id: string; label: string }[];

export type Missing = { unrated: string[]; unranked: string[]; category: boolean };

/** What still stops a submit, as output labels (A, B…) in display order. */
export function missingParts(outputs: Outputs, answer: Pick<RankingAnswer, "ratings" | "buckets" | "category">): Missing {
  const placed = new Set(answer.buckets.flat());
  return {
    unrated: outputs.filter((o) => answer.ratings[o.id]?.likert == null).map((o) => o.label),
    unranked: outputs.filter((o) => !placed.has(o.id)).map((o) => o.label),
    category: !answer.category,
  };
}

export function isComplete(missing: Missing): boolean {
  return !missing.unrated.length && !missing.unranked.length && !missing.category;
}

function list(labels: string[]): string {
  if (labels.length <= 1) return labels.join("");
  return `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;
}

/** The missing parts as short sentences for the labeler, empty when ready to submit. */
export function describeMissing(missing: Missing): string[] {
  const out: string[] = [];
  if (missing.unrated.length) out.push(`Rate ${list(missing.unrated)}.`);
  if (missing.unranked.length) out.push(`Rank ${list(missing.unranked)}.`);
  if (missing.category) out.push("Choose the prompt's category.");
  return out;
}

// ---- Keyboard focus -----------------------------------------------------------------------------

/** A place keyboard focus can go in a ranking task. */
export type FocusStop = { kind: "output"; label: string } | { kind: "chip"; id: string } | { kind: "category" } | { kind: "submit" };

/**
 * The first thing still to do, in the order a labeler works: an unrated output, then an unranked
 * one (its card in the ranking), then the category, else the submit button. Where focus goes on load.
 */
export function firstStop(outputs: Outputs, answer: Pick<RankingAnswer, "ratings" | "buckets" | "category">): FocusStop {
  const unrated = outputs.find((o) => answer.ratings[o.id]?.likert == null);
  if (unrated) return { kind: "output", label: unrated.label };
  const placed = new Set(answer.buckets.flat());
  const unplaced = outputs.find((o) => !placed.has(o.id));
  if (unplaced) return { kind: "chip", id: unplaced.id };
  return answer.category ? { kind: "submit" } : { kind: "category" };
}

/**
 * Where focus goes once output `label` got its first rating: the next unrated output after it
 * (wrapping round), else the next thing to do. A changed rating keeps focus (null): the labeler
 * is correcting, not moving on.
 */
export function stopAfterRating(
  outputs: Outputs,
  answer: Pick<RankingAnswer, "ratings" | "buckets" | "category">,
  label: string,
  wasRated: boolean,
): FocusStop | null {
  if (wasRated) return null;
  const at = outputs.findIndex((o) => o.label === label);
  const after = [...outputs.slice(at + 1), ...outputs.slice(0, at)];
  const next = after.find((o) => answer.ratings[o.id]?.likert == null);
  return next ? { kind: "output", label: next.label } : firstStop(outputs, answer);
}

/** j / k: the index `delta` outputs away from `current`, kept in range; from none (-1), j is the first and k the last. */
export function stepOutput(count: number, current: number, delta: -1 | 1): number {
  if (current < 0) return delta === 1 ? 0 : count - 1;
  return Math.max(0, Math.min(count - 1, current + delta));
}

/**
 * The card to focus after `id` was placed by a key: when it came from the unranked ones, the next
 * unranked output (display order, wrapping), so a ranking is typed as one digit per output;
 * otherwise `id` itself, to keep moving it.
 */
export function chipAfterPlacing(before: Buckets, after: Buckets, id: string, order: readonly string[]): string {
  if (rankOf(before, id) !== -1) return id;
  const left = unranked(after, order);
  const at = order.indexOf(id);
  return left.find((other) => order.indexOf(other) > at) ?? left[0] ?? id;
}

/** The API body for a complete answer; null when something is missing. */
export function toRankingSubmission(outputs: Outputs, answer: RankingAnswer, durationMs?: number): RankingSubmission | null {
  if (!isComplete(missingParts(outputs, answer)) || !answer.category) return null;
  const ids = outputs.map((o) => o.id);
  const ratings: RankingSubmission["ratings"] = {};
  for (const id of ids) ratings[id] = { likert: answer.ratings[id]!.likert!, flags: [...answer.ratings[id]!.flags] };
  const note = answer.note.trim();
  return {
    ratings,
    ranking: normalise(answer.buckets, ids),
    prompt_labels: { category: answer.category, flags: [...answer.promptFlags] },
    ...(note ? { note } : {}),
    ...(durationMs !== undefined ? { duration_ms: Math.max(0, Math.min(24 * 3600_000, Math.round(durationMs))) } : {}),
  };
}

// ---- The draft in localStorage ----------------------------------------------------------------

export const DRAFT_PREFIX = "ranklab:task-draft:";
/** Drafts older than this are removed when the screen opens. */
export const DRAFT_MAX_AGE_MS = 14 * 24 * 3600_000;

export function draftKey(taskId: string): string {
  return `${DRAFT_PREFIX}${taskId}`;
}

export type TaskDraft = {
  v: 1;
  taskId: string;
  kind: "ranking" | "demonstration";
  savedAt: number;
  elapsedMs: number;
  ratings: Ratings;
  buckets: Buckets;
  category: UseCase | "";
  promptFlags: PromptFlag[];
  note: string;
  text: string;
};

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === "string");

// Stored ratings, all or nothing: one unreadable rating drops them all, as a half-read set would mislead.
function readRatings(value: unknown): Ratings {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const out: Ratings = {};
  for (const [id, rating] of Object.entries(value as Record<string, unknown>)) {
    const { likert, flags } = (rating ?? {}) as { likert?: unknown; flags?: unknown };
    const likertOk = likert === null || (Number.isInteger(likert) && (likert as number) >= LIKERT_MIN && (likert as number) <= LIKERT_MAX);
    if (!rating || typeof rating !== "object" || !likertOk || !isStrings(flags)) return {};
    out[id] = { likert: likert as number | null, flags: OUTPUT_FLAGS.filter((f) => flags.includes(f)) };
  }
  return out;
}

/** A stored draft as the screen uses it, or null when its identity (version, task, kind, time) is unreadable; other fields fall back to empty. */
function readDraftJson(json: unknown): TaskDraft | null {
  if (!json || typeof json !== "object") return null;
  const d = json as Record<string, unknown>;
  if (d.v !== 1 || typeof d.taskId !== "string" || (d.kind !== "ranking" && d.kind !== "demonstration")) return null;
  if (typeof d.savedAt !== "number" || !Number.isFinite(d.savedAt)) return null;
  const category = d.category;
  return {
    v: 1,
    taskId: d.taskId,
    kind: d.kind,
    savedAt: d.savedAt,
    elapsedMs: typeof d.elapsedMs === "number" && d.elapsedMs >= 0 ? d.elapsedMs : 0,
    ratings: readRatings(d.ratings),
    buckets: Array.isArray(d.buckets) && d.buckets.every(isStrings) ? (d.buckets as Buckets) : [],
    category: typeof category === "string" && (USE_CASES as readonly string[]).includes(category) ? (category as UseCase) : "",
    promptFlags: isStrings(d.promptFlags) ? PROMPT_FLAGS.filter((f) => (d.promptFlags as string[]).includes(f)) : [],
    note: typeof d.note === "string" ? d.note : "",
    text: typeof d.text === "string" ? d.text : "",
  };
}

export function emptyDraft(taskId: string, kind: TaskDraft["kind"], now: number): TaskDraft {
  return { v: 1, taskId, kind, savedAt: now, elapsedMs: 0, ratings: {}, buckets: [], category: "", promptFlags: [], note: "", text: "" };
}

/**
 * Reads a stored draft for this task: null when absent, unreadable or for another task. Ratings
 * and buckets are cut down to the task's outputs, so a changed task cannot smuggle ids in.
 */
export function parseDraft(raw: string | null, taskId: string, outputIds: readonly string[]): TaskDraft | null {
  if (!raw) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const draft = readDraftJson(json);
  if (!draft || draft.taskId !== taskId) return null;
  const known = new Set(outputIds);
  const ratings: Ratings = {};
  for (const [id, rating] of Object.entries(draft.ratings)) if (known.has(id)) ratings[id] = rating;
  return { ...draft, ratings, buckets: normalise(draft.buckets, outputIds) };
}

/** Whether a draft holds anything the labeler did (an untouched one need not be kept). */
export function draftHasWork(draft: TaskDraft): boolean {
  return (
    Object.values(draft.ratings).some((r) => r.likert != null || r.flags.length > 0) ||
    draft.buckets.length > 0 ||
    draft.category !== "" ||
    draft.promptFlags.length > 0 ||
    draft.note.trim() !== "" ||
    draft.text.trim() !== ""
  );
}

/** Keys of stored drafts to delete: older than the maximum age, or unreadable. */
export function staleDraftKeys(entries: readonly [key: string, raw: string | null][], now: number, maxAgeMs = DRAFT_MAX_AGE_MS): string[] {
  const stale: string[] = [];
  for (const [key, raw] of entries) {
    if (!key.startsWith(DRAFT_PREFIX)) continue;
    let savedAt = Number.NaN;
    try {
      savedAt = Number((JSON.parse(raw ?? "") as { savedAt?: unknown }).savedAt);
    } catch {}
    if (!Number.isFinite(savedAt) || now - savedAt > maxAgeMs) stale.push(key);
  }
  return stale;
}
