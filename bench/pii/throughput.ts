// Throughput of a redactor on the dev set's texts, and the turns that compare ours with the
// redactor as it was when issue 16 was filed, each in a process of its own.
//
// Why processes taking turns: this machine's speed drifts by a factor of up to two from one minute
// to the next (a shared host), so an absolute MB/s says little. Two redactors measured in the same
// minutes, one after the other, several times over, give a ratio that holds. And one process running
// both would share compiled code and heap between them: an in-process comparison of two settings
// once pointed the wrong way.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export type Throughput = { wall: number; cpu: number; runs: number[] };

/**
 * MB per second of one core: per wall-clock second, and per second of this process's CPU time (the
 * figure that holds on a busy machine, where other processes share the cores). Measured in steady
 * state: whole passes over the texts for 1.5 s first (the first passes compile and tune the
 * recognizers' code: the first 1.5 s runs at about half the later rate), then `runs` runs of
 * `runMs`, of which the median is reported with all the runs' figures per CPU second.
 */
export async function throughput(
  pass: (texts: string[]) => void | Promise<void>,
  texts: string[],
  { runs: count = 5, runMs = 1500 } = {},
): Promise<Throughput> {
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const run = async (ms: number) => {
    let done = 0;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    while (performance.now() - t0 < ms) {
      await pass(texts);
      done += bytes;
    }
    const c = process.cpuUsage(c0);
    return { wall: done / 1e6 / ((performance.now() - t0) / 1000), cpu: done / 1e6 / ((c.user + c.system) / 1e6) };
  };
  await run(1500);
  const measured: Array<{ wall: number; cpu: number }> = [];
  for (let i = 0; i < count; i++) measured.push(await run(runMs));
  measured.sort((a, b) => a.cpu - b.cpu);
  return { ...measured[count >> 1]!, runs: measured.map((x) => x.cpu) };
}

/** The commit at which issue 16 was filed ("the redactor runs at 2.8 MB/s"): the redactor's baseline. */
export const BASELINE_COMMIT = "f707787";
/** What the issue measured the baseline at, and its target: the ratio between them is what the bench checks. */
export const BASELINE_ISSUE_MBS = 2.8;
export const TARGET_MBS = 5;

const ROOT = path.resolve(import.meta.dirname, "../..");
/** The Presidio synthetic dev set, in ../shared beside the repository. */
export const DEV_SET = path.resolve(ROOT, "../shared/data/pii-dev/synth_dataset_v2.json");
const CHILD = path.join(import.meta.dirname, "throughput-child.ts");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

/**
 * lib/pii at BASELINE_COMMIT, taken out of the repository's history into .data/ (ignored by git,
 * inside the project so that its imports find node_modules). Undefined, with the reason, when the
 * history lacks the commit (a shallow clone).
 */
export function baselineRedactor(): { module: string } | { unavailable: string } {
  const dir = path.join(ROOT, ".data/bench", `redactor-${BASELINE_COMMIT}`);
  const module = path.join(dir, "lib/pii/redact.ts");
  if (fs.existsSync(module)) return { module };
  try {
    fs.mkdirSync(dir, { recursive: true });
    const archive = execFileSync("git", ["archive", BASELINE_COMMIT, "lib/pii"], { cwd: ROOT, maxBuffer: 1 << 28 });
    execFileSync("tar", ["-x", "-C", dir], { input: archive });
    return { module };
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    return { unavailable: `git archive ${BASELINE_COMMIT} failed (${(e as Error).message.split("\n")[0]})` };
  }
}

export type Contender = { label: string; module: string; mode: "one" | "jobs" };

/** Each contender's throughput in `rounds` rounds, each round running every contender once, in its own process. */
export function inTurns(contenders: Contender[], rounds: number): Throughput[][] {
  const results: Throughput[][] = contenders.map(() => []);
  for (let round = 0; round < rounds; round++) {
    contenders.forEach((c, i) => {
      const child = spawnSync(TSX, [CHILD, c.module, c.mode], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 20 });
      if (child.status !== 0) throw new Error(`throughput of ${c.label} failed: ${child.stderr}`);
      results[i]!.push(JSON.parse(child.stdout.trim().split("\n").at(-1)!) as Throughput);
    });
  }
  return results;
}

export function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
