import { describe, expect, it } from "vitest";
import {
  BootstrapBatch,
  bootstrapCI,
  bootstrapRatioCI,
  bootstrapSums,
  DEFAULT_SEED,
  Mulberry32,
  percentileInterval,
  quantileSorted,
  ratioStatistic,
  type Statistic,
} from "@/lib/quality";
import { parallelBatch, runBootstrapBatch } from "@/lib/quality/parallel";

/**
 * The obvious bootstrap, written out: segment s is resampled on its own from the seeded stream
 * restarted at its start; replicate b of a segment of n units takes draws [b·n, (b+1)·n) and maps
 * draw u to unit floor(u·n / 2^32). The engine packs columns into bit lanes and reuses draws; it
 * must give the same intervals.
 */
function naiveIntervals(starts: number[], columns: Float64Array[], statistic: Statistic, resamples: number, seed: number) {
  const out: ([number, number] | null)[] = [];
  for (let s = 0; s + 1 < starts.length; s++) {
    const base = starts[s]!;
    const n = starts[s + 1]! - base;
    if (n === 0) {
      out.push(null);
      continue;
    }
    const rng = new Mulberry32(seed);
    const values = new Float64Array(resamples);
    for (let b = 0; b < resamples; b++) {
      const sums = new Float64Array(columns.length);
      for (let i = 0; i < n; i++) {
        const unit = base + Math.floor((rng.nextUint32() * n) / 2 ** 32);
        columns.forEach((column, c) => {
          sums[c]! += column[unit]!;
        });
      }
      values[b] = statistic(sums, s);
    }
    out.push(percentileInterval(values));
  }
  return out;
}

describe("mulberry32", () => {
  it("gives the same stream for the same seed, in [0, 1), and fill matches nextUint32", () => {
    const a = new Mulberry32(42);
    const b = new Mulberry32(42);
    const first = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(first);
    const filled = new Uint32Array(5);
    new Mulberry32(42).fill(filled, 5);
    expect(Array.from(filled)).toEqual(first);
    const c = new Mulberry32(7);
    for (let i = 0; i < 1000; i++) {
      const x = c.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    expect(new Mulberry32(43).nextUint32()).not.toBe(first[0]);
  });

  it("draws indices uniformly enough: 60,000 draws over 6 cells stay within 3% of 10,000 each", () => {
    const rng = new Mulberry32(DEFAULT_SEED);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[rng.nextIndex(6)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(300);
  });
});

describe("percentile interval", () => {
  it("interpolates between order statistics (type 7) and leaves undefined replicates out", () => {
    // 1..101: the 2.5% quantile sits at position 100 · 0.025 = 2.5 (0-based), between 3 and 4 → 3.5;
    // the 97.5% one at 97.5, between 98 and 99 → 98.5. NaN (an undefined replicate) is dropped.
    const values = [...Array.from({ length: 101 }, (_, i) => 101 - i), Number.NaN];
    expect(percentileInterval(values)).toEqual([3.5, 98.5]);
    expect(quantileSorted([10, 20], 0.5)).toBe(15);
    expect(percentileInterval([Number.NaN])).toBeNull();
    expect(percentileInterval([])).toBeNull();
    expect(percentileInterval([4, 4, 4])).toEqual([4, 4]);
  });
});

describe("bootstrap engine", () => {
  const rng = new Mulberry32(99);
  const ints = (n: number, max: number) => Float64Array.from({ length: n }, () => Math.floor(rng.next() * (max + 1)));

  it("equals the naive bootstrap on integer columns (bit lanes are exact) for one and many segments", () => {
    const n = 700;
    const agree = ints(n, 30);
    const comparisons = Float64Array.from(agree, (a) => a + Math.floor(rng.next() * 10) + 1);
    const starts = [0, 1, 3, 3, 150, 400, 700];
    const expected = naiveIntervals(starts, [agree, comparisons], ratioStatistic, 300, 5);
    const got = bootstrapSums(
      { segmentStarts: starts, columns: [agree, comparisons], statistics: [ratioStatistic] },
      { resamples: 300, seed: 5 },
    );
    expect(got.map((row) => row[0])).toEqual(expected);
    // An empty segment has no interval; a one-unit segment always draws that unit.
    expect(got[2]![0]).toBeNull();
    expect(got[0]![0]).toEqual([agree[0]! / comparisons[0]!, agree[0]! / comparisons[0]!]);
  });

  it("equals the naive bootstrap with many columns (several lanes and passes) and a real-valued column", () => {
    const n = 500;
    const columns = [...Array.from({ length: 11 }, (_, c) => ints(n, c * 40)), Float64Array.from({ length: n }, () => rng.next() * 2 - 1)];
    // A statistic that reads every column, so a wrong lane anywhere shows.
    const statistic = (sums: Float64Array) => sums.reduce((total, s, c) => total + s * (c + 1), 0);
    const expected = naiveIntervals([0, n], columns, statistic, 200, 11)[0]!;
    const got = bootstrapSums({ segmentStarts: [0, n], columns, statistics: [statistic] }, { resamples: 200, seed: 11 })[0]![0]!;
    expect(got[0]).toBeCloseTo(expected[0], 6);
    expect(got[1]).toBeCloseTo(expected[1], 6);
  });

  it("regenerates the stream for segments too long to pool, with the same draws", () => {
    // 5,000 units × 1,000 resamples is too long to pool; the 3-unit segment is not pooled either (a
    // pool must serve several segments): both draw their own, the same draws.
    const n = 5003;
    const numerator = ints(n, 5);
    const denominator = Float64Array.from(numerator, (v) => v + 1);
    const starts = [0, 3, n];
    const expected = naiveIntervals(starts, [numerator, denominator], ratioStatistic, 1000, DEFAULT_SEED);
    const got = bootstrapSums({ segmentStarts: starts, columns: [numerator, denominator], statistics: [ratioStatistic] });
    expect(got.map((row) => row[0])).toEqual(expected);
  });

  it("reuses the intervals of segments whose tallies it has seen, resampling only the others, with the same results", () => {
    const starts = [0, 40, 41, 41, 120, 200];
    const agree = ints(200, 20);
    const comparisons = Float64Array.from(agree, (a) => a + Math.floor(rng.next() * 5) + 1);
    const options = { resamples: 200, seed: 11 };
    const input = { segmentStarts: starts, columns: [agree, comparisons], statistics: [ratioStatistic] };
    const expected = naiveIntervals(starts, [agree, comparisons], ratioStatistic, 200, 11);
    const first = new BootstrapBatch();
    const firstResult = first.add({ ...input, reuseAs: "test-ratio" }, options);
    first.run();
    expect(firstResult().map((row) => row[0])).toEqual(expected);
    // One unit of segment 3 changes (a new ranking): only that segment is resampled.
    const changed = Float64Array.from(agree);
    changed[150] = changed[150]! === 0 ? 1 : changed[150]! - 1;
    const again = new BootstrapBatch();
    const againResult = again.add({ ...input, columns: [changed, comparisons], reuseAs: "test-ratio" }, options);
    expect(again.entries).toHaveLength(1);
    expect(Array.from(again.entries[0]!.input.segmentStarts)).toEqual([0, 80]);
    again.run();
    expect(againResult().map((row) => row[0])).toEqual(naiveIntervals(starts, [changed, comparisons], ratioStatistic, 200, 11));
    // The same tallies under another name, or with another seed, are not taken for these.
    const other = new BootstrapBatch();
    other.add({ ...input, reuseAs: "other" }, options);
    other.add({ ...input, reuseAs: "test-ratio" }, { resamples: 200, seed: 12 });
    expect(other.entries.map((entry) => entry.input.segmentStarts.length - 1)).toEqual([5, 5]);
  });

  it("pools the stream for many segments (one per labeler) and sums large tables by counting, with the same draws", () => {
    // 40 segments of 20–60 units share a pooled stream.
    const sizes = Array.from({ length: 40 }, (_, s) => 20 + ((s * 7) % 41));
    const starts = [0];
    for (const size of sizes) starts.push(starts[starts.length - 1]! + size);
    const n = starts[starts.length - 1]!;
    const agree = ints(n, 30);
    const comparisons = Float64Array.from(agree, (a) => a + Math.floor(rng.next() * 10) + 1);
    const expected = naiveIntervals(starts, [agree, comparisons], ratioStatistic, 250, 3);
    const got = bootstrapSums(
      { segmentStarts: starts, columns: [agree, comparisons], statistics: [ratioStatistic] },
      { resamples: 250, seed: 3 },
    );
    expect(got.map((row) => row[0])).toEqual(expected);
    // Counting the draws per unit, then summing the rows in order, gives the same sums.
    for (const strategy of ["gather", "count"] as const) {
      const forced = bootstrapSums(
        { segmentStarts: starts, columns: [agree, comparisons], statistics: [ratioStatistic], strategy },
        { resamples: 250, seed: 3 },
      );
      expect(forced.map((row) => row[0])).toEqual(expected);
    }
  });

  it("gives the same intervals on two threads as on one", async () => {
    const units = 3000;
    const columns = [ints(units, 40), ints(units, 90), Float64Array.from({ length: units }, () => rng.next())];
    const statistic: Statistic = (sums) => (sums[0]! + sums[2]!) / sums[1]!;
    const input = () => ({ segmentStarts: [0, 1000, 1000, units], columns, statistics: [statistic] });
    const alone = bootstrapSums(input(), { resamples: 1500, seed: 9 });
    const batch = parallelBatch(new BootstrapBatch());
    const result = batch.add(input(), { resamples: 1500, seed: 9 });
    await runBootstrapBatch(batch);
    expect(result()).toEqual(alone);
  });

  it("is reproducible, and a segment's interval does not depend on the other segments", () => {
    const a = ints(200, 9);
    const c = Float64Array.from(a, (v) => v + 3);
    const once = bootstrapRatioCI(a, c);
    expect(bootstrapRatioCI(a, c)).toEqual(once);
    expect(bootstrapRatioCI(a, c, { seed: 1 })).not.toEqual(once);
    const alone = bootstrapSums({ segmentStarts: [0, 50], columns: [a.slice(0, 50), c.slice(0, 50)], statistics: [ratioStatistic] });
    const beside = bootstrapSums({ segmentStarts: [0, 50, 200], columns: [a, c], statistics: [ratioStatistic] });
    expect(beside[0]).toEqual(alone[0]);
  });

  it("gives [v, v] for a constant unit tally and null when every replicate is undefined", () => {
    expect(bootstrapCI([new Float64Array(10).fill(2)], (sums) => sums[0]! / 10)).toEqual([2, 2]);
    expect(bootstrapRatioCI(new Float64Array(4), new Float64Array(4))).toBeNull();
    expect(() => bootstrapRatioCI(new Float64Array(1), new Float64Array(1), { resamples: 0 })).toThrow(RangeError);
  });

  it("brackets the mean of a large sample near ±1.96 standard errors", () => {
    // 2,000 units of 0/1 with p = 0.3: the standard error of the share is sqrt(0.21 / 2000) ≈ 0.0102,
    // so the 95% interval is about ±0.020 around the sample share.
    const n = 2000;
    const hits = Float64Array.from({ length: n }, (_, i) => (i % 10 < 3 ? 1 : 0));
    const ones = new Float64Array(n).fill(1);
    const [lo, hi] = bootstrapRatioCI(hits, ones)!;
    expect(lo).toBeGreaterThan(0.3 - 0.025);
    expect(lo).toBeLessThan(0.3 - 0.015);
    expect(hi).toBeGreaterThan(0.3 + 0.015);
    expect(hi).toBeLessThan(0.3 + 0.025);
  });
});
