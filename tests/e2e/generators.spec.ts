// The admin Generators screen: register a generator pointing at the in-repo OpenAI-protocol server,
// start a job, watch its progress bar fill, see the tasks made. Screenshots at 1440 and 390 px in
// test-results/screens/.
import { expect, test } from "@playwright/test";
import { db } from "@/lib/db";
import { makeProject, makePrompt, makeUser } from "../support/factory";
import { type OpenAiServer, startOpenAiServer } from "../support/openai-server";
import { signInInBrowser } from "./support/browser";
import { screenshot } from "./support/quality-seed";

test.describe.configure({ timeout: 180_000 });

let endpoint: OpenAiServer;
test.beforeAll(async () => {
  // Slow enough that the progress bar is seen moving.
  endpoint = await startOpenAiServer({ n: "honour", latencyMs: 150 });
});
test.afterAll(async () => endpoint.close());

test("an admin registers a generator, starts a job and watches it finish", async ({ browser }) => {
  const project = await makeProject();
  for (let i = 0; i < 6; i++) await makePrompt(project);
  const admin = await makeUser("admin");
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signInInBrowser(page, admin.email, admin.password);
  await page.goto(`/admin/projects/${project.slug}`);
  await page.getByRole("navigation", { name: "Project sections" }).getByRole("link", { name: "Generators" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/projects/${project.slug}/generators$`));

  const form = page.getByTestId("generator-form");
  await form.getByLabel("Name").fill("sft-v1");
  await form.getByLabel("Base URL").fill("ftp://nope");
  await form.getByLabel("Model").fill("test-model");
  await form.getByLabel("API key").fill("sk-e2e-secret");
  await page.getByTestId("generator-submit").click();
  await expect(page.getByTestId("generator-message")).toBeVisible();
  await form.getByLabel("Base URL").fill(endpoint.baseUrl);
  await page.getByTestId("generator-submit").click();
  await expect(page.getByTestId("generator-row")).toHaveCount(1);
  await expect(page.getByTestId("generator-row")).toContainText("key set");
  expect(await page.content()).not.toContain("sk-e2e-secret");

  await page.getByLabel("n from sft-v1").fill("4");
  await expect(page.getByTestId("job-k")).toHaveText("K = 4");
  await page.getByTestId("job-submit").click();
  await expect(page.getByTestId("job-message")).toHaveText("Job started.");
  await expect(page.getByTestId("job-row")).toHaveCount(1);
  // The progress bar counts the job's prompts and fills as they finish (the screen polls).
  const bar = page.getByTestId("job-row").getByRole("progressbar", { name: "Prompts finished" });
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute("aria-valuemax", "6");
  const seen = [Number(await bar.getAttribute("aria-valuenow"))];
  await screenshot(page, "generators-1440");
  await expect(async () => {
    seen.push(Number(await bar.getAttribute("aria-valuenow")));
    expect(seen.at(-1)).toBe(6);
  }).toPass({ timeout: 60_000, intervals: [250] });
  expect(seen.every((value, i) => i === 0 || value >= seen[i - 1]!)).toBe(true);
  await expect(page.getByTestId("job-status")).toHaveText("done", { timeout: 60_000 });
  await expect(page.getByTestId("job-counts")).toContainText("6 done · 0 failed");
  // Filled: the done part of the bar spans its whole width.
  const widths = await bar.evaluate((element) => [element.clientWidth, (element.firstElementChild as HTMLElement).clientWidth]);
  expect(widths[1]).toBeGreaterThanOrEqual(widths[0]! - 1);
  expect(endpoint.requests.every((request) => request.authorization === "Bearer sk-e2e-secret")).toBe(true);
  const tasks = await db.task.findMany({ where: { projectId: project.id }, include: { outputs: true } });
  expect(tasks).toHaveLength(6);
  expect(tasks.every((task) => task.outputs.length === 4 && task.outputs.every((output) => output.model === "sft-v1"))).toBe(true);
  await screenshot(page, "generators-done-1440");

  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, "generators-390");
  await context.close();
});
