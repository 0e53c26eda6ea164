import { afterEach, describe, expect, it, vi } from "vitest";
import { shouldCollect, startIdleCollection } from "@/lib/idle-memory";

const MB = 1024 * 1024;

describe("collecting after a burst of work, once the process is idle", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("collects when the heap grew by 16 MB or more and the last interval used under 2% of a core", () => {
    const grown = { intervalMs: 5_000, heapUsed: 80 * MB, heapUsedAfterLastCollection: 60 * MB };
    expect(shouldCollect({ ...grown, cpuMicros: 99_000 })).toBe(true);
    // 100 ms of CPU in 5 s is 2%: busy.
    expect(shouldCollect({ ...grown, cpuMicros: 100_000 })).toBe(false);
    expect(shouldCollect({ ...grown, cpuMicros: 0, heapUsed: 60 * MB + 16 * MB })).toBe(true);
    expect(shouldCollect({ ...grown, cpuMicros: 0, heapUsed: 60 * MB + 16 * MB - 1 })).toBe(false);
  });

  it("calls gc on an idle tick after the heap has grown, and not again until it grows again", () => {
    vi.useFakeTimers({ toFake: ["setInterval"] });
    // A heap that a collection brings back to 50 MB. Timers being fake, the ticks follow each other
    // at once: the process looks idle.
    let heapUsed = 50 * MB;
    const gc = vi.fn(() => {
      heapUsed = 50 * MB;
    });
    startIdleCollection(gc, () => heapUsed);
    heapUsed += 10 * MB;
    vi.advanceTimersByTime(5_000);
    expect(gc).not.toHaveBeenCalled();
    heapUsed += 10 * MB;
    vi.advanceTimersByTime(5_000);
    expect(gc).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10_000);
    expect(gc).toHaveBeenCalledTimes(1);
    heapUsed += 16 * MB;
    vi.advanceTimersByTime(5_000);
    expect(gc).toHaveBeenCalledTimes(2);
  });

  it("does nothing without gc (a server started without --expose-gc)", () => {
    vi.useFakeTimers({ toFake: ["setInterval"] });
    expect(() => startIdleCollection(null)).not.toThrow();
    expect(vi.getTimerCount()).toBe(0);
  });
});
