// Playwright journey (issue 15 item 2): an admin turns off the redaction of model outputs on the
// settings screen, and reviews what was replaced in a task's prompt and outputs on its page.
import { expect, test } from "@playwright/test";
import { db } from "@/lib/db";
import { createComparisonTask } from "@/lib/labeling/tasks";
import { makeProject, makePrompt, makeUser } from "../support/factory";
import { signInInBrowser } from "./support/browser";

const shots = "test-results/screenshots";
const NAMED = "Dear Margarethe Oyelaran-Whitcombe, your parcel ships on Monday.";
const outputs = (first: string) =>
  [first, "A Roth IRA grows tax-free.", "Pros:\n- cheap\n\nCons:\n- slow", "ok"].map((text, i) => ({ model: `model-${i}`, text }));

test("an admin reviews a task's redactions and turns off the redaction of model outputs", async ({ page }) => {
  test.setTimeout(180_000);
  const admin = await makeUser("admin");
  const project = await makeProject();
  const promptId = await makePrompt(project, "Write a note to Margarethe Oyelaran-Whitcombe about her parcel.");
  const task = await createComparisonTask(project, { prompt_id: promptId, outputs: outputs(NAMED) });

  await signInInBrowser(page, admin.email, admin.password);
  await page.goto(`/admin/projects/${project.slug}/tasks/${task.id}`);
  const review = page.getByTestId("redaction-review");
  await expect(review).toBeVisible();
  await expect(page.getByTestId("redactions-prompt")).toContainText("Person × 1");
  await expect(page.getByTestId("redactions-output-1")).toContainText("Person × 1");
  await expect(page.getByTestId("redactions-output-1").getByTestId("redaction-placeholder").first()).toHaveText("<PERSON_1>");
  // The ordinary words of the other outputs were left alone.
  for (const n of [2, 3, 4]) await expect(page.getByTestId(`redactions-output-${n}`)).toContainText("nothing replaced");
  await expect(review).not.toContainText("Margarethe");
  // At the three sizes: the card fits without sideways scrolling.
  for (const [width, height] of [
    [390, 844],
    [1366, 900],
    [1600, 1000],
  ] as const) {
    await page.setViewportSize({ width, height });
    await review.scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    // From the top: a full-page shot of a scrolled page draws the sticky header mid-page.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${shots}/admin-task-redactions-${width}.png`, fullPage: true });
  }

  await page.goto(`/admin/projects/${project.slug}/settings`);
  const box = page.getByLabel("Redact model outputs");
  await expect(box).toBeChecked();
  await box.uncheck();
  await page.getByTestId("settings-submit").click();
  await expect(page.getByTestId("settings-message")).toContainText("Saved");
  await page.reload();
  await expect(page.getByLabel("Redact model outputs")).not.toBeChecked();

  const off = await db.project.findUniqueOrThrow({ where: { id: project.id } });
  expect(off.redactOutputs).toBe(false);
  const asSent = await createComparisonTask(off, { prompt_id: promptId, outputs: outputs(NAMED) });
  const first = await db.taskOutput.findFirstOrThrow({ where: { taskId: asSent.id, position: 0 } });
  expect(first.text).toBe(NAMED);
  await page.goto(`/admin/projects/${project.slug}/tasks/${asSent.id}`);
  await expect(page.getByTestId("redaction-review")).toContainText("stored as sent");
  await expect(page.getByTestId("redactions-output-1")).toContainText("no placeholders");
});
