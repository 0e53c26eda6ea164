import "server-only";
import { createHash } from "node:crypto";

/**
 * A random order of the outputs that is the same every time for one seed (an assignment's task
 * and labeler), while different labelers see different orders. The order is stored with the
 * assignment, so a reload or a second lease shows the same letters.
 */
export function displayOrderFor(outputIds: readonly string[], seed: string): string[] {
  const order = [...outputIds];
  let state = createHash("sha256").update(seed).digest();
  let cursor = 0;
  const nextUint32 = () => {
    if (cursor + 4 > state.length) {
      state = createHash("sha256").update(state).digest();
      cursor = 0;
    }
    const value = state.readUInt32BE(cursor);
    cursor += 4;
    return value;
  };
  for (let i = order.length - 1; i > 0; i--) {
    const j = nextUint32() % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
