// First-load JavaScript per key page, read from the production build (`.next`): the runtime's
// chunks (build-manifest.json rootMainFiles) plus the chunks of the route's layouts, page and
// boundaries (its client reference manifest's entryJSFiles), each gzipped at level 9 and summed:
// the scripts the page's HTML names (tests/e2e/js-budget.spec.ts checks that they are the same).
// Chunks loaded later (next/dynamic, React.lazy, import()) are not first-load and are not counted.
//
//   npx tsx scripts/js-budget.ts          prints the table; exit 1 when a page is over its budget
//   npm run build                         builds, then runs this
//   npm test                              counts it as one test after the build

import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

export type PageBudget = { route: string; page: string; budgetKb: number };

/** Key pages and their first-load budgets in kB (1,000 bytes) gzip. Issue 16: the label screen ≤ 200. */
export const PAGE_BUDGETS: PageBudget[] = [
  { route: "/projects/[slug]/label", page: "/(app)/projects/[slug]/label/page", budgetKb: 200 },
  { route: "/projects/[slug]/write", page: "/(app)/projects/[slug]/write/page", budgetKb: 200 },
  { route: "/", page: "/(app)/page", budgetKb: 160 },
  { route: "/admin/projects/[slug]", page: "/(app)/admin/projects/[slug]/page", budgetKb: 250 },
  { route: "/login", page: "/login/page", budgetKb: 160 },
];

export type PageReport = PageBudget & { files: { file: string; gzipBytes: number }[]; gzipBytes: number };

type ClientManifest = { entryJSFiles?: Record<string, string[]> };

function readClientManifest(distDir: string, page: string): ClientManifest {
  const file = path.join(distDir, "server", "app", `${page}_client-reference-manifest.js`);
  if (!existsSync(file)) throw new Error(`No client reference manifest for ${page} (${file}): build first.`);
  // The manifest is a script that assigns globalThis.__RSC_MANIFEST[page]; run it in a sandbox.
  const sandbox = { globalThis: {} as { __RSC_MANIFEST?: Record<string, ClientManifest> } };
  vm.runInNewContext(readFileSync(file, "utf8"), sandbox);
  const manifest = sandbox.globalThis.__RSC_MANIFEST?.[page];
  if (!manifest) throw new Error(`${file} has no entry for ${page}.`);
  return manifest;
}

const gzipCache = new Map<string, number>();
function gzipSize(file: string): number {
  let size = gzipCache.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(file), { level: 9 }).length;
    gzipCache.set(file, size);
  }
  return size;
}

export function measurePage(distDir: string, budget: PageBudget): PageReport {
  const buildManifest = JSON.parse(readFileSync(path.join(distDir, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const entries = readClientManifest(distDir, budget.page).entryJSFiles ?? {};
  if (!entries[`[project]/app${budget.page}`]) throw new Error(`The manifest of ${budget.page} lists no chunks for the page itself.`);
  const files = new Set(buildManifest.rootMainFiles);
  // Every entry of the route's manifest: its layouts, the page, and the boundaries the page's HTML
  // names too (not-found, forbidden, global-error), as the browser loads them all at once.
  for (const list of Object.values(entries)) for (const file of list) files.add(file);
  const sizes = [...files].map((file) => ({ file, gzipBytes: gzipSize(path.join(distDir, file)) }));
  return { ...budget, files: sizes, gzipBytes: sizes.reduce((sum, entry) => sum + entry.gzipBytes, 0) };
}

export function measureBudgets(distDir: string, budgets = PAGE_BUDGETS): PageReport[] {
  return budgets
    .filter((budget) => existsSync(path.join(distDir, "server", "app", `${budget.page}.js`)))
    .map((budget) => measurePage(distDir, budget));
}

const kb = (bytes: number) => (bytes / 1000).toFixed(1);

/** Prints one line per page; returns the pages over budget. */
export function printBudgetReport(reports: PageReport[], log = console.log): PageReport[] {
  log("First-load JavaScript (gzip -9, kB = 1,000 bytes):");
  const width = Math.max(...reports.map((report) => report.route.length));
  for (const report of reports) {
    const over = report.gzipBytes > report.budgetKb * 1000;
    log(`  ${report.route.padEnd(width)}  ${kb(report.gzipBytes).padStart(6)} kB  budget ${report.budgetKb} kB${over ? "  OVER" : ""}`);
  }
  return reports.filter((report) => report.gzipBytes > report.budgetKb * 1000);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const distDir = path.resolve(
    process.argv.slice(2).find((arg) => !arg.startsWith("--")) ?? path.join(path.dirname(fileURLToPath(import.meta.url)), "..", ".next"),
  );
  const reports = measureBudgets(distDir);
  if (process.argv.includes("--verbose"))
    for (const report of reports) {
      console.log(report.route);
      for (const entry of report.files) console.log(`  ${entry.file}  ${kb(entry.gzipBytes)} kB`);
    }
  const over = printBudgetReport(reports);
  if (over.length > 0) {
    console.error(`Over budget: ${over.map((report) => report.route).join(", ")}`);
    process.exit(1);
  }
}
