import type { PreparedPrompt, ValidPrompt } from "@/lib/prompts/prepare";
import type { OutcomeStatus } from "@/lib/prompts/schema";

export type Decision =
  | { status: Extract<OutcomeStatus, "accepted">; id: string }
  | { status: Extract<OutcomeStatus, "duplicate">; duplicateOf: string }
  | { status: Extract<OutcomeStatus, "quota_exceeded">; reason: string }
  | { status: Extract<OutcomeStatus, "rejected">; reason: string };

export type QuotaState = { used: number; limit: number };

/**
 * Decides each prompt of a batch in order, as if they had arrived one by one: a prompt is a
 * duplicate of a kept prompt (already stored, or earlier in the batch) with the same dedup key;
 * otherwise it is accepted while its end user is under their limit. Duplicates and rejected
 * prompts use no quota, and a prompt refused for quota is not kept, so it duplicates nothing.
 */
export function decideBatch(
  prompts: PreparedPrompt[],
  keptByKey: ReadonlyMap<string, string>,
  quotas: ReadonlyMap<string, QuotaState>,
  newId: (prompt: ValidPrompt) => string,
): Decision[] {
  const kept = new Map(keptByKey);
  // What this batch has used so far, per end user it has accepted prompts for (their count before it is in `quotas`).
  const used = new Map<string, number>();
  return prompts.map((prompt) => {
    if (!prompt.ok) return { status: "rejected", reason: prompt.reason };
    const original = kept.get(prompt.dedupKey);
    if (original) return { status: "duplicate", duplicateOf: original };
    const quota = quotas.get(prompt.userRef);
    const limit = quota?.limit ?? 0;
    const count = used.get(prompt.userRef) ?? quota?.used ?? 0;
    if (count >= limit) {
      return { status: "quota_exceeded", reason: `This user ID has reached its limit of ${limit} prompts.` };
    }
    const id = newId(prompt);
    kept.set(prompt.dedupKey, id);
    used.set(prompt.userRef, count + 1);
    return { status: "accepted", id };
  });
}
