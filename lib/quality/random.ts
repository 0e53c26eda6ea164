/**
 * A small seeded PRNG (mulberry32: a 32-bit counter run through an integer hash). It is not
 * cryptographic; it is fast, has no dependencies, and gives the same stream for the same seed in
 * every browser and on the server, which is what makes a bootstrap interval reproducible.
 */
export class Mulberry32 {
  private state: number;

  constructor(seed: number) {
    this.state = seed | 0;
  }

  /** The next 32-bit unsigned integer of the stream. */
  nextUint32(): number {
    const s = (this.state = ((this.state | 0) + 0x6d2b79f5) | 0);
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** The next number of the stream in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A uniform integer in [0, n): the high part of a 32-bit draw times n (bias below n / 2^32). */
  nextIndex(n: number): number {
    return Math.floor(this.nextUint32() * n * TWO_POW_MINUS_32);
  }

  /** Writes the next `count` draws into out[0..count); the same values nextUint32 would return. */
  fill(out: Uint32Array, count: number): void {
    // `| 0` keeps s a 32-bit integer in the JIT (a field read alone can come back as a double, 4× slower).
    let s = this.state | 0;
    for (let i = 0; i < count; i++) {
      s = (s + 0x6d2b79f5) | 0;
      let t = Math.imul(s ^ (s >>> 15), 1 | s);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      out[i] = (t ^ (t >>> 14)) >>> 0;
    }
    this.state = s;
  }
}

/** 2^-32: a 32-bit draw u maps to index floor(u · n · 2^-32), exact in doubles for n < 2^21. */
export const TWO_POW_MINUS_32 = 2 ** -32;
