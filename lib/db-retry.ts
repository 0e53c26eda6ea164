/**
 * Whether a transaction failed only because of concurrency (deadlock, serialization failure,
 * Prisma's transaction conflict) and may simply be run again.
 */
export function isConcurrencyError(error: unknown): boolean {
  const text = String((error as Error)?.message ?? "");
  return /40P01|40001|deadlock detected|could not serialize/.test(text) || (error as { code?: string })?.code === "P2034";
}

/** Runs `work` again (up to `attempts` times) when it fails with a concurrency error. */
export async function retryOnConflict<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isConcurrencyError(error) || attempt >= attempts) throw error;
    }
  }
}
