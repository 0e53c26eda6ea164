/**
 * Gold ("honeypot") accuracy: on tasks with a reference ranking, how often a labeler orders the
 * outputs as the reference does. Only the output pairs the reference orders strictly count; a tie
 * in the labeler's ranking there is a miss. Pooled over all of the labeler's gold tasks.
 */
import { BootstrapBatch, type Interval, ratioStatistic } from "./bootstrap";
import { asTable, groupByTask, stableOrder } from "./rankings";
import type { BootstrapOptions, Rankings } from "./types";

export type GoldAccuracy = {
  /** Gold tasks the labeler ranked. */
  answered: number;
  /** Strictly ordered reference pairs the labeler ordered the same way. */
  correct: number;
  /** Strictly ordered reference pairs over the labeler's gold tasks: the n of the figure. */
  pairs: number;
  /** correct / pairs; null when the references order no pair. */
  accuracy: number | null;
  /** 95% interval resampling the labeler's gold tasks. */
  ci95: Interval | null;
};

/** Reference ranks (tie groups by output position, 0 = best) of each gold task. */
export type ReferenceRanks = ReadonlyMap<number, ArrayLike<number>> | ArrayLike<ArrayLike<number> | null | undefined>;

/**
 * Per labeler, over the gold tasks they ranked (one ranking per task and labeler: the first), the
 * share of strictly ordered reference pairs they ordered the same way. Rankings of tasks without a
 * reference are ignored; labelers with no gold task are not listed.
 */
export function goldAccuracy(
  records: Rankings,
  referenceRanksByTask: ReferenceRanks,
  options: BootstrapOptions = {},
): Map<number, GoldAccuracy> {
  const batch = new BootstrapBatch();
  const result = scheduleGoldAccuracy(records, referenceRanksByTask, options, batch);
  batch.run();
  return result();
}

/** goldAccuracy with its bootstrap queued on `batch`; the returned function gives the figures once it has run. */
export function scheduleGoldAccuracy(
  rankings: Rankings,
  referenceRanksByTask: ReferenceRanks,
  options: BootstrapOptions,
  batch: BootstrapBatch,
): () => Map<number, GoldAccuracy> {
  const records = asTable(rankings);
  const referenceOf = (task: number): ArrayLike<number> | null | undefined =>
    isMap(referenceRanksByTask) ? referenceRanksByTask.get(task) : referenceRanksByTask[task];
  const groups = groupByTask(records);
  const answers: { labeler: number; correct: number; pairs: number }[] = [];
  for (let g = 0; g < groups.task.length; g++) {
    const reference = referenceOf(groups.task[g]!);
    if (!reference) continue;
    for (let x = groups.start[g]!; x < groups.start[g + 1]!; x++) {
      const r = groups.record[x]!;
      const at = records.start[r]!;
      const ranks = records.ranks;
      const k = Math.min(records.outputs[r]!, reference.length);
      let correct = 0;
      let pairs = 0;
      for (let i = 0; i < k; i++) {
        for (let j = i + 1; j < k; j++) {
          const expected = Math.sign(reference[i]! - reference[j]!);
          if (expected === 0) continue;
          pairs++;
          if (Math.sign(ranks[at + i]! - ranks[at + j]!) === expected) correct++;
        }
      }
      answers.push({ labeler: records.labeler[r]!, correct, pairs });
    }
  }
  const order = stableOrder(answers.map((a) => a.labeler));
  const correct = Float64Array.from(order, (o) => answers[o]!.correct);
  const pairs = Float64Array.from(order, (o) => answers[o]!.pairs);
  const labelers: number[] = [];
  const starts: number[] = [];
  order.forEach((o, i) => {
    if (labelers[labelers.length - 1] !== answers[o]!.labeler) {
      labelers.push(answers[o]!.labeler);
      starts.push(i);
    }
  });
  starts.push(order.length);
  const intervals = batch.add(
    { segmentStarts: starts, columns: [correct, pairs], statistics: [ratioStatistic], reuseAs: "ratio" },
    options,
  );
  return () => {
    const result = new Map<number, GoldAccuracy>();
    labelers.forEach((labeler, s) => {
      let c = 0;
      let p = 0;
      for (let i = starts[s]!; i < starts[s + 1]!; i++) {
        c += correct[i]!;
        p += pairs[i]!;
      }
      result.set(labeler, {
        answered: starts[s + 1]! - starts[s]!,
        correct: c,
        pairs: p,
        accuracy: p > 0 ? c / p : null,
        ci95: p > 0 ? intervals()[s]![0]! : null,
      });
    });
    return result;
  };
}

function isMap(value: ReferenceRanks): value is ReadonlyMap<number, ArrayLike<number>> {
  return typeof (value as ReadonlyMap<number, ArrayLike<number>>).get === "function";
}
