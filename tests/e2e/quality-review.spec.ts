// The admin review queue: tasks whose labelers disagree most, lowest agreement first, with the
// prompt, the outputs and every ranking side by side; the admin adjudicates one into a gold task.
// Screenshots at desktop and phone widths in test-results/screens/.
import { expect, test } from "@playwright/test";
import { db } from "@/lib/db";
import { signInInBrowser } from "./support/browser";
import { screenshot, seedQualityProject } from "./support/quality-seed";

test.describe.configure({ timeout: 180_000 });

test("an admin reviews the most disputed task, records the reference ranking and it becomes gold", async ({ browser }) => {
  const seeded = await seedQualityProject(23);
  const { project, admin } = seeded;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signInInBrowser(page, admin.email, admin.password);
  await page.goto(`/admin/projects/${project.slug}`);
  await page.getByRole("navigation", { name: "Project sections" }).getByRole("link", { name: "Review" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/projects/${project.slug}/review$`));

  // Every work task was ranked by three labelers; lowest agreement first.
  const items = page.getByTestId("review-item");
  await expect(items).toHaveCount(12);
  const agreements = (await items.locator("h2").allTextContents()).map((text) => parseInt(/(\d+)%/.exec(text)![1]!, 10));
  expect(agreements).toEqual([...agreements].sort((a, b) => a - b));

  const first = items.first();
  const taskId = (await first.getAttribute("data-task"))!;
  await expect(first.getByTestId("review-output")).toHaveCount(4);
  // One column per labeler, one row per output.
  await expect(first.getByTestId("review-rankings").locator("thead th")).toHaveCount(4);
  await expect(first.getByTestId("review-rankings").locator("tbody tr")).toHaveCount(4);
  await first.getByTestId("review-output").first().locator("summary").click();
  await expect(first.getByTestId("review-output").first()).toHaveAttribute("open", "");

  // Adjudicate: ranks by number (equal numbers tie), previewed as a line, then saved.
  await first.getByTestId("adjudicate-open").click();
  await expect(first.getByTestId("adjudicate-form")).toBeVisible();
  for (const [letter, rank] of [
    ["A", "2"],
    ["B", "1"],
    ["C", "2"],
    ["D", "4"],
  ] as const) {
    await first.getByTestId(`adjudicate-rank-${letter}`).selectOption(rank);
  }
  await expect(first.getByTestId("adjudicate-preview")).toHaveText("B > A = C > D");
  await first.scrollIntoViewIfNeeded();
  await screenshot(page, "review-adjudicate-1440", { fullPage: false });
  await screenshot(page, "review-1440");
  await first.getByTestId("adjudicate-save").click();
  // Confirmed above the list; the task, now gold, leaves the queue of ordinary work.
  await expect(page.getByTestId("review-saved")).toContainText("B > A = C > D");
  await expect(page.locator(`[data-testid="review-item"][data-task="${taskId}"]`)).toHaveCount(0);
  await expect(items).toHaveCount(11);
  await screenshot(page, "review-saved-1440", { fullPage: false });

  // The server has the reference, by output position, and the task is gold.
  const task = await db.task.findUniqueOrThrow({
    where: { id: taskId },
    select: { gold: true, goldRanking: true, outputs: { select: { id: true, position: true }, orderBy: { position: "asc" } } },
  });
  const [a, b, c, d] = task.outputs.map((output) => output.id);
  expect(task.gold).toBe(true);
  expect(task.goldRanking).toEqual([[b], [a, c], [d]]);
  expect(await db.auditLog.count({ where: { action: "task.promote_gold", targetId: taskId, actorId: admin.id } })).toBe(1);

  // It is listed among the gold tasks on the Quality tab.
  await page.getByRole("navigation", { name: "Project sections" }).getByRole("link", { name: "Quality" }).click();
  await expect(page.getByTestId("gold-task-row")).toHaveCount(4);

  // Its reference can be changed from there: the review screen opens on that task alone, starting
  // from the current reference; the new one replaces it.
  await page.locator(`[data-testid="gold-task-row"]:has-text("${taskId}")`).getByTestId("gold-edit").click();
  await expect(page).toHaveURL(new RegExp(`/review\\?task=${taskId}$`));
  const editing = page.getByTestId("review-item");
  await expect(editing).toHaveCount(1);
  await expect(editing.getByTestId("review-gold")).toBeVisible();
  await expect(editing.getByTestId("adjudicate-preview")).toHaveText("B > A = C > D");
  await editing.getByTestId("adjudicate-rank-C").selectOption("1");
  await expect(editing.getByTestId("adjudicate-preview")).toHaveText("B = C > A > D");
  await screenshot(page, "review-edit-reference-1440", { fullPage: false });
  await editing.getByTestId("adjudicate-save").click();
  await expect(page.getByTestId("review-saved")).toContainText("Reference updated");
  await expect
    .poll(async () => (await db.task.findUniqueOrThrow({ where: { id: taskId }, select: { goldRanking: true } })).goldRanking)
    .toEqual([[b, c], [a], [d]]);
  expect(await db.auditLog.count({ where: { action: "task.gold_update", targetId: taskId, actorId: admin.id } })).toBe(1);
  expect((await page.goto(`/admin/projects/${project.slug}/review?task=not-a-task`))!.status()).toBe(404);

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const small = await phone.newPage();
  await signInInBrowser(small, admin.email, admin.password);
  await small.goto(`/admin/projects/${project.slug}/review`);
  await small.getByTestId("review-item").nth(1).getByTestId("adjudicate-open").click();
  await screenshot(small, "review-390");
  await seeded.dispose();
});
