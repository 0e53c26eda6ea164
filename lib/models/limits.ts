import { sleep } from "@/lib/models/openai-client";
import { DEFAULT_CONCURRENCY } from "@/lib/models/schema";
import { type Bucket, newBucket, takeToken } from "@/lib/models/token-bucket";

/*
 * Per-generator concurrency and rate limits, held in this process: with several app instances each
 * one keeps its own limits (documented on the generator's fields).
 */

type Waiter = { resolve: () => void; reject: (reason: unknown) => void; signal?: AbortSignal; onAbort: () => void };

/** Slots held at once, waiters served in order. */
class Semaphore {
  private held = 0;
  private readonly waiters: Waiter[] = [];
  constructor(public limit: number) {}

  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw signal.reason;
    if (this.held < this.limit) this.held++;
    else {
      await new Promise<void>((resolve, reject) => {
        const waiter: Waiter = {
          resolve,
          reject,
          signal,
          onAbort: () => {
            this.waiters.splice(this.waiters.indexOf(waiter), 1);
            reject(signal!.reason);
          },
        };
        signal?.addEventListener("abort", waiter.onAbort, { once: true });
        this.waiters.push(waiter);
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held--;
      this.next();
    };
  }

  private next() {
    while (this.held < this.limit && this.waiters.length) {
      const waiter = this.waiters.shift()!;
      waiter.signal?.removeEventListener("abort", waiter.onAbort);
      this.held++;
      waiter.resolve();
    }
  }

  resize(limit: number) {
    this.limit = limit;
    this.next();
  }
}

export type Limits = { concurrency: number | null; requestsPerMinute: number | null };

export class EndpointLimiter {
  private readonly slots = new Map<string, Semaphore>();
  private readonly buckets = new Map<string, { rate: number; bucket: Bucket }>();

  /**
   * Waits for a concurrency slot, then for a token, and returns the slot's release. The slot is
   * taken first so that requests leave at the bucket's pace rather than bunching up after a wait.
   */
  async acquire(generatorId: string, limits: Limits, signal?: AbortSignal): Promise<() => void> {
    const concurrency = limits.concurrency ?? DEFAULT_CONCURRENCY;
    let slot = this.slots.get(generatorId);
    if (!slot) this.slots.set(generatorId, (slot = new Semaphore(concurrency)));
    else if (slot.limit !== concurrency) slot.resize(concurrency);
    const release = await slot.acquire(signal);
    try {
      if (limits.requestsPerMinute !== null) await this.takeToken(generatorId, limits.requestsPerMinute, signal);
    } catch (error) {
      release();
      throw error;
    }
    return release;
  }

  private async takeToken(generatorId: string, rate: number, signal?: AbortSignal) {
    const now = Date.now();
    const held = this.buckets.get(generatorId);
    const bucket = held && held.rate === rate ? held.bucket : newBucket(rate, now);
    const taken = takeToken(bucket, rate, now);
    this.buckets.set(generatorId, { rate, bucket: taken.bucket });
    if (taken.waitMs > 0) await sleep(taken.waitMs, signal);
  }
}
