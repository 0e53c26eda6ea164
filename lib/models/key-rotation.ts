// No "server-only" marker: the operator CLI (scripts/cli.ts) runs this outside Next.
import { db } from "@/lib/db";
import { type Keyring, keyringFromEnv, open, seal, sealedWith } from "@/lib/models/secret-box";

/**
 * Reseals every stored endpoint key under the current RANKLAB_SECRET_KEY (opening old ones with
 * RANKLAB_SECRET_KEY_PREVIOUS), so the previous key can then be retired. Each row is rewritten
 * only if unchanged since it was read, so an edit made meanwhile is never overwritten.
 */
export async function rotateGeneratorKeys(keyring: Keyring = keyringFromEnv()): Promise<{ rotated: number; current: number }> {
  let rotated = 0;
  let current = 0;
  let cursor: string | undefined;
  for (;;) {
    const batch = await db.generator.findMany({
      where: { apiKeyCiphertext: { not: null }, ...(cursor ? { id: { gt: cursor } } : {}) },
      select: { id: true, projectId: true, apiKeyCiphertext: true },
      orderBy: { id: "asc" },
      take: 500,
    });
    if (!batch.length) return { rotated, current };
    for (const row of batch) {
      const box = row.apiKeyCiphertext!;
      if (sealedWith(box) === keyring.current.id) {
        current++;
        continue;
      }
      const resealed = seal(open(box, keyring, row.projectId), keyring, row.projectId);
      const { count } = await db.generator.updateMany({
        where: { id: row.id, apiKeyCiphertext: box },
        data: { apiKeyCiphertext: resealed },
      });
      rotated += count;
    }
    cursor = batch.at(-1)!.id;
  }
}
