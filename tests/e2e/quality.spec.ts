// The admin Quality screen on a month of seeded labeling: the headline figures with their
// intervals and n, agreement by week, the labeler table sorted and acted on (warn, block,
// reinstate, each confirmed and audited), a gold task retired and the settings saved. Screenshots
// at desktop and phone widths are kept in test-results/screens/.
import { type Browser, expect, type Page, test } from "@playwright/test";
import { db } from "@/lib/db";
import { signInInBrowser } from "./support/browser";
import { screenshot, seedQualityProject } from "./support/quality-seed";

test.describe.configure({ timeout: 180_000 });

async function adminPage(browser: Browser, email: string, password: string, width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: width > 600 ? 900 : 844 } });
  const page = await context.newPage();
  await signInInBrowser(page, email, password);
  return page;
}

const row = (page: Page, email: string) => page.locator(`[data-testid="quality-labeler-row"][data-labeler="${email}"]`);

test("an admin reads the quality figures, sorts the labelers, warns, blocks and reinstates, retires a gold task and changes the bars", async ({
  browser,
}) => {
  const seeded = await seedQualityProject();
  const { project, admin, labelers } = seeded;
  const page = await adminPage(browser, admin.email, admin.password, 1440);
  await page.goto(`/admin/projects/${project.slug}`);
  await page.getByRole("navigation", { name: "Project sections" }).getByRole("link", { name: "Quality" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/projects/${project.slug}/quality$`));

  // Headline figures, each with its interval and n.
  for (const id of ["figure-agreement", "figure-tau", "figure-alpha"]) {
    await expect(page.getByTestId(id)).toHaveAttribute("data-state", "ok");
    await expect(page.getByTestId(id)).toContainText("95% CI");
    await expect(page.getByTestId(id)).toContainText("n = ");
  }
  await expect(page.getByTestId("figure-agreement-value")).toHaveText(/^\d{1,3}\.\d%$/);
  await expect(page.getByTestId("quality-basis")).toContainText("From 12 tasks ranked by two or more labelers (36 rankings)");
  // Four weeks of agreement, drawn on the server as SVG.
  await expect(page.locator('[data-testid="agreement-chart"] [data-plot-width="wide"] svg')).toBeVisible();
  await expect(page.getByTestId("agreement-chart")).toHaveAttribute("aria-label", /Pairwise agreement by week/);

  // The labeler table: everyone with a standing; the careless labeler was blocked by gold answers.
  const table = page.getByTestId("quality-labeler-table");
  await expect(table.getByTestId("quality-labeler-row")).toHaveCount(4);
  await expect(row(page, labelers.careless.email).getByTestId("labeler-status")).toHaveText("Blocked");
  await expect(row(page, labelers.careful.email)).toContainText("Ada Lovelace");
  await expect(row(page, labelers.careful.email).getByTestId("labeler-agreement")).toHaveAttribute("data-state", "ok");
  await expect(row(page, labelers.careful.email).getByTestId("labeler-gold-accuracy")).toContainText("100%");
  // The newcomer has one gold answer and no shared task: the screen says so rather than showing a number.
  await expect(row(page, labelers.newcomer.email).getByTestId("labeler-gold-accuracy")).toHaveText(/Too few answers\s*1 of 3/);
  await expect(row(page, labelers.newcomer.email).getByTestId("labeler-agreement")).toHaveAttribute("data-state", "none");

  // Sorting: agreement, highest first, then lowest first; unmeasured rows stay last.
  await page.getByTestId("sort-agreement").click();
  await expect(page.getByTestId("sort-agreement").locator("xpath=..")).toHaveAttribute("aria-sort", "descending");
  const agreements = async () =>
    (await table.locator('[data-testid="labeler-agreement"][data-state="ok"] span.font-medium').allTextContents()).map(parseFloat);
  const descending = await agreements();
  expect(descending.length).toBe(3);
  expect(descending).toEqual([...descending].sort((a, b) => b - a));
  await expect(table.getByTestId("quality-labeler-row").last()).toHaveAttribute("data-labeler", labelers.newcomer.email);
  await page.getByTestId("sort-agreement").click();
  await expect(page.getByTestId("sort-agreement").locator("xpath=..")).toHaveAttribute("aria-sort", "ascending");
  expect(await agreements()).toEqual([...descending].reverse());
  await page.getByTestId("sort-labeler").click();
  await expect(table.getByTestId("quality-labeler-row").first()).toHaveAttribute("data-labeler", labelers.careful.email);
  await screenshot(page, "quality-1440");

  // Warn the steady labeler (or, if the gold answers already warned them, block them).
  const steady = row(page, labelers.steady.email);
  const steadyWasWarned = (await steady.getAttribute("data-status")) === "warned";
  await steady.getByTestId(steadyWasWarned ? "labeler-block" : "labeler-warn").click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(steadyWasWarned ? "Block Grace Hopper?" : "Warn Grace Hopper?");
  await screenshot(page, "quality-confirm-1440", { fullPage: false });
  await dialog.getByRole("button", { name: steadyWasWarned ? "Block" : "Warn" }).click();
  await expect(steady.getByTestId("labeler-status")).toHaveText(steadyWasWarned ? "Blocked" : "Warned");
  await expect(page.getByTestId("labeler-action-message")).toContainText(`Grace Hopper was ${steadyWasWarned ? "blocked" : "warned"}.`);

  // The warned labeler sees it, their own standing only, in the label screen's header.
  if (!steadyWasWarned) {
    const own = await adminPage(browser, labelers.steady.email, labelers.steady.password, 1440);
    await own.goto(`/projects/${project.slug}/label`);
    await expect(own.getByTestId("own-standing")).toHaveAttribute("data-status", "warned");
    await expect(own.getByTestId("label-header")).toContainText("Your answers to quality checks are below this project's bar.");
    await expect(own.getByTestId("label-header")).not.toContainText("Ada Lovelace");
    await screenshot(own, "label-warned-1440", { fullPage: false });
    await own.context().close();
  }

  // Reinstate the careless labeler: a dialog, then Active, audited.
  const careless = row(page, labelers.careless.email);
  await careless.getByTestId("labeler-reinstate").click();
  await expect(dialog).toContainText("fresh start");
  await dialog.getByRole("button", { name: "Reinstate" }).click();
  await expect(careless.getByTestId("labeler-status")).toHaveText("Active");
  const standing = await db.labelerQuality.findUniqueOrThrow({
    where: { projectId_labelerId: { projectId: project.id, labelerId: labelers.careless.id } },
  });
  expect(standing).toMatchObject({ status: "active", goldAnswered: 0 });
  expect(await db.auditLog.count({ where: { action: "labeler.reinstate", targetId: labelers.careless.id, actorId: admin.id } })).toBe(1);

  // Block them again; a cancelled dialog changes nothing.
  await careless.getByTestId("labeler-block").click();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(careless.getByTestId("labeler-status")).toHaveText("Active");
  await careless.getByTestId("labeler-block").click();
  await dialog.getByRole("button", { name: "Block" }).click();
  await expect(careless.getByTestId("labeler-status")).toHaveText("Blocked");

  // Gold tasks: three, answered by everyone who had them; retire one.
  const gold = page.getByTestId("gold-task-table");
  await expect(gold.getByTestId("gold-task-row")).toHaveCount(3);
  await gold.getByTestId("gold-task-row").first().getByTestId("gold-retire").click();
  await expect(dialog).toContainText("Retire this gold task?");
  await dialog.getByRole("button", { name: "Retire" }).click();
  await expect(gold.getByTestId("gold-task-row")).toHaveCount(2);
  expect(await db.task.count({ where: { projectId: project.id, gold: true } })).toBe(2);

  // Settings: a warning bar under the blocking bar is refused on the page; then a screening test.
  await page.getByTestId("quality-gold_warn_below").fill("40");
  await page.getByTestId("quality-settings-submit").click();
  await expect(page.getByText("The warning bar must be at or above the blocking bar.")).toBeVisible();
  await page.getByTestId("quality-gold_warn_below").fill("70");
  await page.getByTestId("quality-screening_tasks").fill("2");
  await page.getByTestId("quality-screening_pass").fill("80");
  await page.getByTestId("quality-settings-submit").click();
  await expect(page.getByTestId("quality-settings-message")).toContainText("Saved.");
  const saved = await db.project.findUniqueOrThrow({ where: { id: project.id } });
  expect(saved).toMatchObject({ screeningTasks: 2, screeningPass: 0.8, goldWarnBelow: 0.7 });

  // The same screen on a phone.
  const phone = await adminPage(browser, admin.email, admin.password, 390);
  await phone.goto(`/admin/projects/${project.slug}/quality`);
  await expect(phone.locator('[data-testid="agreement-chart"] [data-plot-width="narrow"] svg')).toBeVisible();
  await expect(phone.getByTestId("figure-agreement")).toHaveAttribute("data-state", "ok");
  // On a phone each labeler is a card, sorted by a select, with the same actions.
  await expect(phone.getByTestId("quality-labeler-table")).toBeHidden();
  await expect(phone.getByTestId("quality-labeler-card")).toHaveCount(4);
  await expect(phone.locator(`[data-testid="quality-labeler-card"][data-labeler="${labelers.careless.email}"]`)).toContainText("Blocked");
  await screenshot(phone, "quality-390");
  await seeded.dispose();
});
