// Pure logic for gold tasks and labeler standing; browser-safe, unit-tested.

export type LabelerStatus = "active" | "warned" | "blocked" | "screening" | "failed_screening";

/** Tie groups of ids (best first) → the group index of each id: ranks by output position. */
export function ranksByPosition(groups: readonly (readonly string[])[], outputIdsByPosition: readonly string[]): number[] {
  const groupOf = new Map<string, number>();
  groups.forEach((group, index) => {
    for (const id of group) groupOf.set(id, index);
  });
  return outputIdsByPosition.map((id) => groupOf.get(id) ?? -1);
}

/**
 * A gold answer's score: over the output pairs the reference orders strictly, how many the
 * labeler orders the same way. A tie where the reference has an order is a miss; pairs the
 * reference ties are not scored.
 */
export function scoreGoldAnswer(reference: ArrayLike<number>, answer: ArrayLike<number>): { pairs: number; correct: number } {
  let pairs = 0;
  let correct = 0;
  for (let i = 0; i < reference.length; i++) {
    for (let j = i + 1; j < reference.length; j++) {
      const expected = Math.sign(reference[j]! - reference[i]!);
      if (expected === 0) continue;
      pairs++;
      if (Math.sign(answer[j]! - answer[i]!) === expected) correct++;
    }
  }
  return { pairs, correct };
}

export type QualitySettings = {
  goldMinAnswered: number;
  goldWarnBelow: number;
  goldBlockBelow: number;
  screeningTasks: number;
  screeningPass: number;
};

export type Standing = {
  status: LabelerStatus;
  goldAnswered: number;
  goldPairs: number;
  goldCorrect: number;
  screeningAnswered: number;
  screeningPairs: number;
  screeningCorrect: number;
};

/** Accuracy as a share of pairs; a set of gold answers with no strictly ordered pair scores 1. */
function accuracy(correct: number, pairs: number): number {
  return pairs === 0 ? 1 : correct / pairs;
}

/**
 * The status a labeler's gold tallies call for. Screening ends after `screeningTasks` answers:
 * below `screeningPass` the labeler fails, otherwise they join the queue. Afterwards, once at
 * least `goldMinAnswered` gold answers are in, accuracy below `goldBlockBelow` blocks and below
 * `goldWarnBelow` warns. Blocked and failed labelers stay so until an admin reinstates them.
 */
export function decideStatus(standing: Standing, settings: QualitySettings): LabelerStatus {
  if (standing.status === "blocked" || standing.status === "failed_screening") return standing.status;
  if (standing.status === "screening") {
    if (standing.screeningAnswered < settings.screeningTasks) return "screening";
    if (accuracy(standing.screeningCorrect, standing.screeningPairs) < settings.screeningPass) return "failed_screening";
  }
  if (standing.goldAnswered < settings.goldMinAnswered) return "active";
  const gold = accuracy(standing.goldCorrect, standing.goldPairs);
  if (gold < settings.goldBlockBelow) return "blocked";
  if (gold < settings.goldWarnBelow) return "warned";
  return "active";
}
