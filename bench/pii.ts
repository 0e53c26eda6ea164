// PII bench: precision, recall and F2 per type on the Presidio synthetic dev set, our own unseen
// fixtures and our own dev set, and throughput, for lib/pii beside its baseline (lib/pii when issue
// 16 was filed, taken from git history) and the npm redactors. Run: npm run bench:pii
//
// Dev-set type mapping. In scope: PERSON, STREET_ADDRESS, PHONE_NUMBER→PHONE, CREDIT_CARD,
// EMAIL_ADDRESS→EMAIL, IBAN_CODE→IBAN, US_SSN, IP_ADDRESS, ZIP_CODE→STREET_ADDRESS (a postcode is
// the locating part of an address), and DATE_TIME→DATE_OF_BIRTH only where birth wording precedes
// it ("born on", "date of birth"). Out of scope (reported, not chased): ORGANIZATION, GPE (a
// country or city alone), NRP, TITLE, AGE, DOMAIN_NAME (company websites), US_DRIVER_LICENSE, and
// other DATE_TIME (years, weekdays, timestamps).
import fs from "node:fs";
import path from "node:path";
import { redact } from "@/lib/pii";
import type { RedactResult } from "@/lib/pii/types";
import { f2, isCaught, overlaps, parseMarked, removedRegions, type Span, survivingChars } from "./pii/metrics";
import {
  BASELINE_COMMIT,
  BASELINE_ISSUE_MBS,
  baselineRedactor,
  type Contender,
  DEV_SET,
  inTurns,
  median,
  TARGET_MBS,
  throughput,
} from "./pii/throughput";

const FIXTURES = path.resolve(import.meta.dirname, "../tests/unit/pii/fixtures");
const DEVSET = path.resolve(import.meta.dirname, "../tests/unit/pii/devset/devset.txt");

type Sample = { text: string; spans: Span[]; group: "dev" | "holdout" | "fixture" | "ours"; batch?: number };
type Redactor = {
  name: string;
  run: (text: string) => Promise<{ redacted: string; findings?: Span[] }>;
  /**
   * Ours and its baseline: their throughput is measured in processes of their own, taking turns, and
   * printed under ours (throughputInTurns).
   */
  inTurns?: "ours" | "baseline";
};

const _IN_SCOPE = ["PERSON", "STREET_ADDRESS", "PHONE", "CREDIT_CARD", "EMAIL", "IBAN", "US_SSN", "IP_ADDRESS", "DATE_OF_BIRTH"];

function mapType(t: string, text: string, start: number): string {
  switch (t) {
    case "PHONE_NUMBER":
      return "PHONE";
    case "EMAIL_ADDRESS":
      return "EMAIL";
    case "IBAN_CODE":
      return "IBAN";
    case "ZIP_CODE":
      return "STREET_ADDRESS";
    case "DATE_TIME":
      return /\b(born|birth|dob)\b[^\n]{0,30}$/i.test(text.slice(Math.max(0, start - 45), start)) ? "DATE_OF_BIRTH" : "OUT:DATE_TIME";
    case "PERSON":
    case "STREET_ADDRESS":
    case "CREDIT_CARD":
    case "US_SSN":
    case "IP_ADDRESS":
      return t;
    default:
      return `OUT:${t}`;
  }
}

function loadDev(): Sample[] {
  const raw = JSON.parse(fs.readFileSync(DEV_SET, "utf8")) as Array<{
    full_text: string;
    template_id: number;
    spans: Array<{ entity_type: string; start_position: number; end_position: number }>;
  }>;
  // Templates whose id is a multiple of 5 are held out: rules were tuned on the other 80% only.
  return raw.map((r) => ({
    text: r.full_text,
    group: r.template_id % 5 === 0 ? "holdout" : "dev",
    spans: r.spans.map((s) => ({
      start: s.start_position,
      end: s.end_position,
      type: mapType(s.entity_type, r.full_text, s.start_position),
    })),
  }));
}

/** The planted fixtures, each tagged with its batch (batches are headed by "# … batch" comments). */
function loadFixtures(): { planted: Sample[]; clean: string[] } {
  let batch = 1;
  const planted: Sample[] = [];
  for (const line of fs.readFileSync(path.join(FIXTURES, "planted.txt"), "utf8").split("\n")) {
    if (/^# \S+ batch\b/.test(line)) batch++;
    if (line.trim() && !line.startsWith("#")) planted.push({ ...parseMarked(line.replace(/\\n/g, "\n")), group: "fixture", batch });
  }
  const clean = fs
    .readFileSync(path.join(FIXTURES, "pii-free.txt"), "utf8")
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"))
    .map((l) => l.replace(/\\n/g, "\n"));
  return { planted, clean };
}

/** Our own dev set (tests/unit/pii/devset): marked lines, and lines without a marker that must stay untouched. */
function loadOwnDevset(): Sample[] {
  let batch = 0;
  const out: Sample[] = [];
  for (const line of fs.readFileSync(DEVSET, "utf8").split("\n")) {
    if (/^# \S+ batch\b/.test(line)) batch++;
    if (line.trim() && !line.startsWith("#")) out.push({ ...parseMarked(line.replace(/\\n/g, "\n")), group: "ours", batch });
  }
  return out;
}

// `--ours` leaves the npm redactors out (they take minutes); `--shapes` runs only the dense shapes.
const ONLY_OURS = process.argv.includes("--ours");
const ONLY_SHAPES = process.argv.includes("--shapes");

async function loadRedactors(): Promise<Redactor[]> {
  const withFindings = (r: RedactResult) => ({
    redacted: r.redacted,
    findings: r.findings.map((f) => ({ start: f.start, end: f.end, type: f.type })),
  });
  const list: Redactor[] = [{ name: "ranklab lib/pii", run: async (text) => withFindings(redact(text)), inTurns: "ours" }];
  // Scored beside ours, so that "the same recall or better" is read off the same run.
  const baseline = baselineRedactor();
  if ("module" in baseline) {
    const old = (await import(baseline.module)) as { redact: (text: string) => RedactResult };
    list.push({
      name: `ranklab lib/pii at ${BASELINE_COMMIT}, when issue 16 was filed (the baseline)`,
      run: async (text) => withFindings(old.redact(text)),
      inTurns: "baseline",
    });
  } else console.log(`(no baseline redactor: ${baseline.unavailable})`);
  if (ONLY_OURS) return list;
  try {
    const { SyncRedactor } = (await import("redact-pii")) as unknown as { SyncRedactor: new () => { redact(s: string): string } };
    const r = new SyncRedactor();
    list.push({ name: "redact-pii@3.4.0", run: async (text) => ({ redacted: r.redact(text) }) });
  } catch (e) {
    console.log(`redact-pii unavailable: ${(e as Error).message}`);
  }
  try {
    const { OpenRedaction } = (await import("@openredaction/openredaction")) as unknown as {
      OpenRedaction: new () => { detect(s: string): Promise<{ redacted: string }> };
    };
    const r = new OpenRedaction();
    list.push({ name: "@openredaction/openredaction@1.0.4", run: async (text) => ({ redacted: (await r.detect(text)).redacted }) });
  } catch (e) {
    console.log(`@openredaction/openredaction unavailable: ${(e as Error).message}`);
  }
  return list;
}

type Tally = { tp: number; fp: number; caught: number; gold: number };
const tally = (): Tally => ({ tp: 0, fp: 0, caught: 0, gold: 0 });

async function score(r: Redactor, samples: Sample[]) {
  const perType = new Map<string, Tally>();
  const all = tally();
  const allIncludingOut = { caught: 0, gold: 0 };
  const get = (t: string) => {
    if (!perType.has(t)) perType.set(t, tally());
    return perType.get(t)!;
  };
  for (const s of samples) {
    const { redacted, findings } = await r.run(s.text);
    const kept = survivingChars(s.text, redacted);
    for (const g of s.spans) {
      const caught = isCaught(s.text, kept, g.start, g.end);
      allIncludingOut.gold++;
      if (caught) allIncludingOut.caught++;
      if (g.type.startsWith("OUT:")) {
        const t = get(g.type);
        t.gold++;
        if (caught) t.caught++;
        continue;
      }
      const t = get(g.type);
      t.gold++;
      all.gold++;
      if (caught) {
        t.caught++;
        all.caught++;
      }
    }
    const inScope = s.spans.filter((g) => !g.type.startsWith("OUT:"));
    const predicted = findings ?? removedRegions(s.text, kept).map((x) => ({ ...x, type: "?" }));
    for (const p of predicted) {
      const hitAny = inScope.some((g) => overlaps(g, p));
      if (hitAny) all.tp++;
      else all.fp++;
      if (p.type !== "?") {
        const t = get(p.type);
        if (inScope.some((g) => g.type === p.type && overlaps(g, p))) t.tp++;
        else t.fp++;
      }
    }
  }
  return { perType, all, allIncludingOut };
}

const pct = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "  -  ");

async function main() {
  if (ONLY_SHAPES) {
    redact("warm-up: Anna Smith, 12 Main Street");
    longTexts();
    return;
  }
  const dev = loadDev();
  const { planted, clean } = loadFixtures();
  const own = loadOwnDevset();
  const redactors = await loadRedactors();
  console.log("Dev set: presidio-research synth_dataset_v2.json (1,500 sentences). Holdout = templates with id % 5 == 0.");
  console.log("Type mapping: PHONE_NUMBER→PHONE, EMAIL_ADDRESS→EMAIL, IBAN_CODE→IBAN, ZIP_CODE→STREET_ADDRESS,");
  console.log("  DATE_TIME→DATE_OF_BIRTH when birth wording precedes it; out of scope: ORGANIZATION, GPE, NRP, TITLE, AGE,");
  console.log("  DOMAIN_NAME, US_DRIVER_LICENSE, other DATE_TIME (shown as OUT:*, recall only).");
  console.log("Recall: an entity is caught only when none of its letters/digits survive in the redacted text.");
  console.log("Precision: a predicted span is correct when it overlaps an in-scope gold span (of the same type, per type;");
  console.log("  of any in-scope type, overall). Competitors report no offsets: their removed stretches are the predictions.\n");

  for (const r of redactors) {
    console.log(`== ${r.name}`);
    for (const [label, set] of [
      ["dev (80%)", dev.filter((s) => s.group === "dev")],
      ["holdout (20%)", dev.filter((s) => s.group === "holdout")],
      ["all 1,500", dev],
      ["own unseen fixtures", planted],
      ["own dev set (tests/unit/pii/devset)", own],
    ] as const) {
      const { perType, all, allIncludingOut } = await score(r, set as Sample[]);
      const P = all.tp / (all.tp + all.fp);
      const R = all.caught / all.gold;
      console.log(
        `  ${label}: overall in-scope P ${pct(P)} R ${pct(R)} F2 ${pct(f2(P, R))}  | all types incl. out-of-scope R ${pct(allIncludingOut.caught / allIncludingOut.gold)}`,
      );
      if (label === "all 1,500" || label === "own unseen fixtures" || label.startsWith("own dev set")) {
        const rows = [...perType.entries()].sort(
          ([a], [b]) => (a.startsWith("OUT") ? 1 : 0) - (b.startsWith("OUT") ? 1 : 0) || a.localeCompare(b),
        );
        for (const [type, t] of rows) {
          const p = t.tp + t.fp > 0 ? t.tp / (t.tp + t.fp) : NaN;
          const rec = t.gold > 0 ? t.caught / t.gold : NaN;
          console.log(
            `    ${type.padEnd(22)} gold ${String(t.gold).padStart(4)}  P ${pct(p)}  R ${pct(rec)}  F2 ${Number.isFinite(p) && Number.isFinite(rec) ? pct(f2(p, rec)) : "  -  "}`,
          );
        }
        const checks = ["CREDIT_CARD", "IBAN", "US_SSN", "NATIONAL_ID", "IP_ADDRESS", "EMAIL"]
          .map((t) => perType.get(t))
          .filter(Boolean) as Tally[];
        const c = checks.reduce((a, t) => ({ caught: a.caught + t.caught, gold: a.gold + t.gold }), { caught: 0, gold: 0 });
        console.log(`    checksummed/validated types (card, IBAN, SSN, national ID, IP, email) R ${pct(c.caught / c.gold)}`);
      }
      if (label === "own unseen fixtures") {
        // Each batch was written before a tuning pass: the newest batch is the honest unseen figure.
        const batches = [...new Set(planted.map((s) => s.batch!))];
        const recalls = await Promise.all(
          batches.map(
            async (b) =>
              (
                await score(
                  r,
                  planted.filter((s) => s.batch === b),
                )
              ).all,
          ),
        );
        console.log(`    by batch (newest last): ${recalls.map((t, i) => `${batches[i]}: R ${pct(t.caught / t.gold)}`).join(", ")}`);
      }
    }
    let untouched = 0;
    for (const t of clean) if ((await r.run(t)).redacted === t) untouched++;
    console.log(`  PII-free prompts left byte-identical: ${untouched}/${clean.length} (${pct(untouched / clean.length)})`);
    const ownClean = own.filter((s) => s.spans.length === 0);
    let ownUntouched = 0;
    for (const s of ownClean) if ((await r.run(s.text)).redacted === s.text) ownUntouched++;
    console.log(
      `  own dev set lines without PII left byte-identical: ${ownUntouched}/${ownClean.length} (${pct(ownUntouched / ownClean.length)})`,
    );
    if (r.inTurns === "ours") throughputInTurns();
    else if (r.inTurns === "baseline") console.log("  throughput: measured in turns with ours (above)");
    else {
      const mbs = await throughput(
        async (texts) => {
          for (const t of texts) await r.run(t);
        },
        dev.map((s) => s.text),
      );
      console.log(
        `  throughput, one text at a time: ${mbs.wall.toFixed(2)} MB/s wall, ${mbs.cpu.toFixed(2)} MB/s per CPU second (one core, dev-set texts; median of 5 runs in steady state, runs ${mbs.runs.map((x) => x.toFixed(2)).join(" … ")})`,
      );
    }
    console.log("");
  }
  longTexts();
}

const ROUNDS = 5;

/**
 * Ours on the dev set, one text at a time and in the pool's jobs, beside lib/pii as it was when
 * issue 16 was filed, which redacted one text at a time: processes taking turns (see throughput.ts).
 * The ratio is what carries from machine to machine; the issue's target, 5 MB/s where the baseline
 * ran at 2.8, is a ratio of 1.79.
 */
function throughputInTurns(): void {
  const baseline = baselineRedactor();
  const current = path.resolve(import.meta.dirname, "../lib/pii/index.ts");
  // The baseline right before the pool's jobs, so that each round's ratio compares neighbours in time.
  const contenders: Contender[] = [
    { label: "now, in the pool's jobs (redactAll)", module: current, mode: "jobs" },
    { label: "now, one text at a time", module: current, mode: "one" },
  ];
  if ("module" in baseline)
    contenders.unshift({ label: `baseline: lib/pii at ${BASELINE_COMMIT}, one text at a time`, module: baseline.module, mode: "one" });
  const results = inTurns(contenders, ROUNDS);
  console.log(
    `  throughput on the dev set, MB per CPU second of one core: ${contenders.length} processes taking turns, ${ROUNDS} rounds; each process reports the median of 5 runs in steady state:`,
  );
  const medians = results.map((runs) => median(runs.map((t) => t.cpu)));
  contenders.forEach((c, i) => {
    console.log(
      `    ${c.label.padEnd(52)} ${medians[i]!.toFixed(2)}  (rounds ${results[i]!.map((t) => t.cpu.toFixed(2)).join(", ")}; wall ${median(results[i]!.map((t) => t.wall)).toFixed(2)})`,
    );
  });
  if (!("module" in baseline)) return;
  // Each round's ratio is taken within the round: the machine's speed in that minute cancels out.
  const ratios = results[1]!.map((t, round) => t.cpu / results[0]![round]!.cpu);
  const needed = TARGET_MBS / BASELINE_ISSUE_MBS;
  console.log(
    `    pool's jobs ÷ baseline: ${median(ratios).toFixed(2)} (rounds ${ratios.map((x) => x.toFixed(2)).join(", ")}); the target, ${TARGET_MBS} MB/s where the baseline ran at ${BASELINE_ISSUE_MBS}, is ${needed.toFixed(2)}: ${median(ratios) >= needed ? "met" : "not met"}`,
  );
}

/**
 * Ours on a megabyte of text shaped to find quadratic rules (security issue 14): CPU seconds per
 * shape. The competitors are left out: some take minutes on these.
 */
function longTexts(): void {
  const repeat = (unit: string) => unit.repeat(Math.ceil(1e6 / unit.length)).slice(0, 1e6);
  const shapes: Record<string, string> = {
    "one word": repeat("a"),
    digits: repeat("1"),
    "runs of 48 digits": repeat(` ${"1".repeat(48)}`),
    "capitalised words": repeat("Anna "),
    "a list of names": repeat("Anna, "),
    "one line of prose": repeat("the cat sat on the mat "),
    "contact details": repeat("Please write to John Smith at 12 Main Street, Springfield 12345 or call 555-123-4567. "),
    "units without a street": repeat("Flat 1, "),
    "numbers and capitalised words": repeat("12 Ab "),
  };
  console.log("== ranklab lib/pii on 1 MB of one shape (CPU seconds, and MB per CPU second; the best of 2 runs):");
  for (const [name, text] of Object.entries(shapes)) {
    let best = Infinity;
    for (let run = 0; run < 2; run++) {
      const before = process.cpuUsage();
      redact(text);
      const used = process.cpuUsage(before);
      best = Math.min(best, (used.user + used.system) / 1e6);
    }
    console.log(`    ${name.padEnd(32)} ${best.toFixed(2)} s  ${(1 / best).toFixed(2)} MB/s`);
  }
}

await main();
