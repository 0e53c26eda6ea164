import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { describe, expect, it, vi } from "vitest";
import { redact } from "@/lib/pii";
import { INLINE_MAX_CHARS, redactorFor, redactText, redactTexts } from "@/lib/pii/pool";
import { compactResults, expandResults } from "@/lib/pii/pool-protocol";

// The worker pool that keeps redaction off the request thread (security issue 14, item 2).

const names = (n: number) =>
  Array.from({ length: n }, (_, i) => `Dear Anna Kowalski (${i}), call +44 20 7946 0958 or ana.ruiz@example.com.`).join("\n");

/** The longest gap between timer ticks every 5 ms while `work` runs: how long this thread was held. */
async function longestStall(work: Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  await work;
  clearInterval(timer);
  return longest;
}

describe("redaction pool", () => {
  it("gives what redact gives, in order, for small and large batches", async () => {
    const texts = ["Call Ada Lovelace at +1 415 555 0100.", names(2_000), "", "nothing here", names(300)];
    expect(await redactTexts(texts)).toEqual(texts.map((text) => redact(text)));
    expect(await redactText("Mail bob@example.org")).toEqual(redact("Mail bob@example.org"));
  });

  it("sends a text left as it was back from a thread as null, and answers it as itself", () => {
    const texts = ["nothing here", "Mail bob@example.org", "", "Ada Lovelace wrote the first program."];
    const results = texts.map((text) => redact(text));
    const reply = compactResults(texts, results);
    expect(reply.map((result) => result === null)).toEqual([true, false, true, false]);
    expect(expandResults(texts, reply)).toEqual(results);
    // A result whose text changed without findings is sent whole.
    expect(compactResults(["a\u00a0b"], [{ redacted: "a b", findings: [] }])).toEqual([{ redacted: "a b", findings: [] }]);
  });

  it("redacts small texts inline, below the threshold", async () => {
    const small = "Mail bob@example.org";
    expect(small.length).toBeLessThan(INLINE_MAX_CHARS);
    expect(await redactTexts([small])).toEqual([redact(small)]);
  });

  it("keeps this thread free while megabytes are redacted", async () => {
    const texts = Array.from({ length: 8 }, () => names(3_000));
    const warm = redactTexts([names(100)]);
    await warm;
    const stall = await longestStall(redactTexts(texts));
    // Redacting the same texts here holds the thread for all of it: the bound is a share of that,
    // measured now, so that a loaded machine (which slows both) does not fail the test.
    const started = performance.now();
    for (const text of texts) redact(text);
    const inline = performance.now() - started;
    expect(stall).toBeLessThan(inline / 3);
  }, 60_000);

  it("answers a lookup for the texts it was given, and refuses others", async () => {
    const texts = [names(50), "Mail bob@example.org", names(50)];
    const redactor = await redactorFor(texts);
    expect(redactor(texts[1]!)).toEqual(redact(texts[1]!));
    expect(() => redactor("never given")).toThrow(/redaction pool/);
  });

  it("replaces a thread that died, and fails only the job it was running", async () => {
    await redactTexts([names(100)]);
    const { threads } = (globalThis as unknown as { redactPool: { threads: { worker: Worker }[] } }).redactPool;
    const dying = threads[0]!.worker;
    const running = redactTexts([names(2_000)]);
    await dying.terminate();
    // The job on the dead thread fails, or finished first; either way the next one is served.
    await running.catch((error: Error) => expect(error.message).toMatch(/redaction thread/));
    expect(threads.map((thread) => thread.worker)).not.toContain(dying);
    const text = names(200);
    expect(await redactTexts([text])).toEqual([redact(text)]);
  }, 60_000);

  it.skipIf(availableParallelism() < 2)(
    "stops threads idle for 30 s, all but one, and still serves the next job",
    async () => {
      const { threads } = (globalThis as unknown as { redactPool: { threads: { worker: Worker }[] } }).redactPool;
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
      try {
        // Two jobs of 64k characters or more: two threads at once.
        await redactTexts([names(1_000), names(1_000)]);
        const busy = threads.length;
        expect(busy).toBeGreaterThanOrEqual(2);
        vi.advanceTimersByTime(29_000);
        expect(threads.length).toBe(busy);
        vi.advanceTimersByTime(1_000);
        expect(threads.length).toBe(1);
      } finally {
        vi.useRealTimers();
      }
      const text = names(2_000);
      expect(await redactTexts([text])).toEqual([redact(text)]);
    },
    60_000,
  );
});
