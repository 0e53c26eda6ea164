import { defineConfig, devices } from "@playwright/test";

// scripts/test.ts starts the app on a throwaway database and passes its address in BASE_URL.
const baseURL = process.env.BASE_URL ?? "http://localhost:3000";
const ALONE = /redaction-load\.spec\.ts/;

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/artifacts",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    baseURL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "chromium", testIgnore: ALONE, use: { ...devices["Desktop Chrome"], channel: undefined } },
    // Specs that time the server run after the others, with no other test worker busy beside them
    // on the same cores (the health bound beside the biggest redactions was missed twice that way).
    { name: "alone", testMatch: ALONE, dependencies: ["chromium"], use: { ...devices["Desktop Chrome"], channel: undefined } },
  ],
});
