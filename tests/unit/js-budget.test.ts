import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { measureBudgets, measurePage, printBudgetReport } from "@/scripts/js-budget";

// A made-up build: two runtime chunks, a layout chunk shared with the page, a boundary's chunk.
const dist = mkdtempSync(path.join(os.tmpdir(), "js-budget-"));
const chunks: Record<string, string> = {
  "static/chunks/runtime-a.js": "a".repeat(5000),
  "static/chunks/runtime-b.js": "console.log('b');".repeat(300),
  "static/chunks/layout.js": "function layout(){}",
  "static/chunks/not-found.js": "function notFound(){}",
  "static/chunks/page.js": "function page(){ return 42 }",
  "static/chunks/lazy.js": "x".repeat(100_000),
};
mkdirSync(path.join(dist, "static/chunks"), { recursive: true });
for (const [file, text] of Object.entries(chunks)) writeFileSync(path.join(dist, file), text);
writeFileSync(
  path.join(dist, "build-manifest.json"),
  JSON.stringify({ rootMainFiles: ["static/chunks/runtime-a.js", "static/chunks/runtime-b.js"] }),
);
const page = "/(app)/projects/[slug]/label/page";
const manifestDir = path.join(dist, "server/app/(app)/projects/[slug]/label");
mkdirSync(manifestDir, { recursive: true });
writeFileSync(path.join(manifestDir, "page.js"), "");
const entryJSFiles = {
  "[project]/app/layout": ["static/chunks/layout.js"],
  "[project]/app/not-found": ["static/chunks/layout.js", "static/chunks/not-found.js"],
  "[project]/app/(app)/projects/[slug]/label/page": ["static/chunks/layout.js", "static/chunks/page.js"],
};
writeFileSync(
  path.join(manifestDir, "page_client-reference-manifest.js"),
  `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\nglobalThis.__RSC_MANIFEST[${JSON.stringify(page)}] = ${JSON.stringify({ entryJSFiles })};`,
);
afterAll(() => rmSync(dist, { recursive: true, force: true }));

const gzip = (file: string) => gzipSync(chunks[file]!, { level: 9 }).length;

describe("js-budget", () => {
  it("counts each first-load chunk once, gzipped: runtime, layouts, boundaries and page, not lazy chunks", () => {
    const report = measurePage(dist, { route: "/projects/[slug]/label", page, budgetKb: 200 });
    const expected = Object.keys(chunks).filter((file) => file !== "static/chunks/lazy.js");
    expect(report.files.map((entry) => entry.file).sort()).toEqual(expected.sort());
    expect(report.gzipBytes).toBe(expected.reduce((sum, file) => sum + gzip(file), 0));
  });

  it("measures only the pages the build has, and names those over budget", () => {
    const reports = measureBudgets(dist, [
      { route: "/projects/[slug]/label", page, budgetKb: 0.1 },
      { route: "/missing", page: "/missing/page", budgetKb: 1 },
    ]);
    expect(reports.map((report) => report.route)).toEqual(["/projects/[slug]/label"]);
    const lines: string[] = [];
    expect(printBudgetReport(reports, (line) => lines.push(line)).map((report) => report.route)).toEqual(["/projects/[slug]/label"]);
    expect(lines[1]).toMatch(/\/projects\/\[slug\]\/label\s+\d+\.\d kB {2}budget 0\.1 kB {2}OVER/);
  });

  it("says to build first when the route has no manifest", () => {
    expect(() => measurePage(dist, { route: "/x", page: "/(app)/projects/[slug]/write/page", budgetKb: 1 })).toThrow(/build first/);
  });
});
