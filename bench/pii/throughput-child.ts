// One redactor's throughput on the dev set, in a process of its own (see throughput.ts):
//   tsx bench/pii/throughput-child.ts <a lib/pii module exporting redact> <one|jobs>
// "one" redacts one text at a time; "jobs" redacts the pool's jobs with redactAll, as lib/pii/pool.ts's
// threads do (the module must export redactAll). Prints the figures as JSON.
import fs from "node:fs";
import path from "node:path";
import { DEV_SET, throughput } from "./throughput";

type PiiModule = {
  redact: (text: string) => unknown;
  redactAll?: (texts: readonly string[]) => unknown;
};

const [modulePath, mode] = process.argv.slice(2);
if (!modulePath || (mode !== "one" && mode !== "jobs")) throw new Error("usage: throughput-child.ts <module> <one|jobs>");
const { redact, redactAll } = (await import(modulePath)) as PiiModule;
const texts = (JSON.parse(fs.readFileSync(DEV_SET, "utf8")) as Array<{ full_text: string }>).map((r) => r.full_text);

let pass: (texts: string[]) => void;
if (mode === "one")
  pass = (all) => {
    for (const t of all) redact(t);
  };
else {
  if (!redactAll) throw new Error(`${modulePath} has no redactAll`);
  const { jobsOf } = (await import(path.join(path.dirname(modulePath), "pool.ts"))) as { jobsOf: (texts: string[]) => string[][] };
  pass = (all) => {
    for (const job of jobsOf(all)) redactAll(job);
  };
}
console.log(JSON.stringify(await throughput(pass, texts, { runs: 5, runMs: 1000 })));
