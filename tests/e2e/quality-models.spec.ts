// The admin Models screen: win rate against the project's baseline with 95% intervals, the
// Bradley–Terry leaderboard, flag rates per model; another baseline chosen, then saved as the
// project's, and a split filter. Screenshots at desktop and phone widths in test-results/screens/.
import { expect, test } from "@playwright/test";
import { db } from "@/lib/db";
import { signInInBrowser } from "./support/browser";
import { BASELINE, MODELS, screenshot, seedQualityProject } from "./support/quality-seed";

test.describe.configure({ timeout: 180_000 });

test("an admin compares models against a baseline, switches and saves the baseline, and filters by split", async ({ browser }) => {
  const seeded = await seedQualityProject(11);
  const { project, admin } = seeded;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signInInBrowser(page, admin.email, admin.password);
  await page.goto(`/admin/projects/${project.slug}`);
  await page.getByRole("navigation", { name: "Project sections" }).getByRole("link", { name: "Models" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/projects/${project.slug}/models$`));

  // The project's baseline is chosen; every other model gets a bar with its interval.
  await expect(page.getByTestId("model-baseline")).toHaveValue(BASELINE);
  await expect(page.getByRole("heading", { name: `Win rate against ${BASELINE}` })).toBeVisible();
  const chart = page.locator('[data-testid="win-rate-chart"] [data-plot-width="wide"] svg');
  await expect(chart).toBeVisible();
  await expect(page.getByTestId("win-rate-chart")).toHaveAttribute(
    "aria-label",
    `Win rate of each model against ${BASELINE}, with 95% intervals`,
  );
  // Three models against the baseline: three bars, and the 50% reference line among the rules.
  await expect(chart.locator('g[aria-label="bar"] rect')).toHaveCount(3);

  // The leaderboard: every model, the baseline marked, the best model first and winning over half the time.
  const rows = page.getByTestId("leaderboard-row");
  await expect(rows).toHaveCount(MODELS.length);
  await expect(rows.first()).toHaveAttribute("data-model", MODELS[0]);
  await expect(page.locator(`[data-testid="leaderboard-row"][data-model="${BASELINE}"]`)).toContainText("baseline");
  const best = await rows.first().getByTestId("leaderboard-win-rate").textContent();
  expect(parseInt(best!, 10)).toBeGreaterThan(50);

  // Flag rates: one panel per flag, a colour per model.
  await expect(page.locator('[data-testid="flag-rates-chart"] [data-plot-width="wide"] svg')).toBeVisible();
  await expect(page.getByTestId("model-legend").locator("li")).toHaveCount(MODELS.length);
  await screenshot(page, "models-1440");

  // Another baseline: the URL keeps it, the chart follows; then it becomes the project's.
  await page.getByTestId("model-baseline").selectOption("instruct-6b");
  await expect(page).toHaveURL(/baseline=instruct-6b/);
  await expect(page.getByRole("heading", { name: "Win rate against instruct-6b" })).toBeVisible();
  await expect(page.locator(`[data-testid="leaderboard-row"][data-model="instruct-6b"]`)).toContainText("baseline");
  await page.getByTestId("save-baseline").click();
  await expect(page).not.toHaveURL(/baseline=/);
  await expect(page.getByTestId("save-baseline")).toHaveCount(0);
  await expect(page.getByTestId("model-baseline")).toHaveValue("instruct-6b");
  expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).baselineModel).toBe("instruct-6b");

  // The split filter narrows the rankings to one split's prompts.
  await page.getByTestId("model-split").selectOption("train");
  await expect(page).toHaveURL(/split=train/);
  await expect(page.getByText("From the rankings of prompts in the train split")).toBeVisible();

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const small = await phone.newPage();
  await signInInBrowser(small, admin.email, admin.password);
  await small.goto(`/admin/projects/${project.slug}/models`);
  await expect(small.locator('[data-testid="win-rate-chart"] [data-plot-width="narrow"] svg')).toBeVisible();
  await screenshot(small, "models-390");
  await seeded.dispose();
});
