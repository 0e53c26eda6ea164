// A new labeler in a project with a screening test (two gold tasks made through the comparisons
// API with a gold_ranking) ranks both backwards on the label screen, is screened out and sees why
// instead of a task; the home page shows their standing; an admin reinstates them and the next
// task arrives. Screenshots at desktop and phone widths in test-results/screens/.
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { db } from "@/lib/db";
import { makeApiKey, makeProject, makeUser } from "../support/factory";
import { unique } from "../support/unique";
import { signInInBrowser } from "./support/browser";
import { BASE_URL, newClient } from "./support/http";
import { screenshot } from "./support/quality-seed";

test.describe.configure({ timeout: 120_000 });

type Project = Awaited<ReturnType<typeof makeProject>>;

/** A comparison of four outputs; with `gold`, its reference ranks them in the order sent. */
async function comparison(api: APIRequestContext, project: Project, topic: string, gold: boolean) {
  const prompts = await api.post(`/api/v1/projects/${project.slug}/prompts`, {
    data: { prompts: [{ text: `Explain ${topic} in two sentences. ${unique("v")}`, user_id: unique("end-user") }] },
  });
  expect(prompts.ok(), await prompts.text()).toBe(true);
  const promptId = ((await prompts.json()) as { results: { id: string }[] }).results[0]!.id;
  const response = await api.post(`/api/v1/projects/${project.slug}/comparisons`, {
    data: {
      prompt_id: promptId,
      outputs: ["Clear and correct", "Correct but dense", "Vague", "Wrong"].map((quality, i) => ({
        model: `model-${i}`,
        text: `${quality}: an explanation of ${topic}.`,
      })),
      ...(gold ? { gold_ranking: [[0], [1], [2], [3]] } : {}),
    },
  });
  expect(response.status(), await response.text()).toBe(201);
}

/** Rates every output 4 and ranks them backwards against the reference, by keyboard, then submits. */
async function answerBackwards(page: Page, email: string, projectId: string) {
  // After a submit the screen shows the answered task until the next one is leased and loaded:
  // wait for the lease, then for its prompt on the screen.
  const leased = { projectId, labeler: { email }, status: "leased" as const };
  await expect.poll(() => db.assignment.count({ where: leased }), { timeout: 15_000 }).toBe(1);
  const assignment = await db.assignment.findFirstOrThrow({
    where: leased,
    include: { task: { select: { prompt: { select: { text: true } } } } },
  });
  await expect(page.getByTestId("task-prompt")).toContainText(assignment.task.prompt.text.slice(0, 30));
  await expect(page.getByTestId("output-card")).toHaveCount(4);
  const outputs = await db.taskOutput.findMany({ where: { taskId: assignment.taskId }, select: { id: true, position: true } });
  const letterOfPosition = (position: number) =>
    String.fromCharCode(65 + assignment.displayOrder.indexOf(outputs.find((output) => output.position === position)!.id));
  await page.getByTestId("output-card").first().focus();
  // A digit rates the output in focus and moves on to the next unrated one.
  for (const key of ["4", "4", "4", "4"]) await page.keyboard.press(key);
  for (let rank = 1; rank <= 4; rank++) {
    await page.locator(`[data-testid="rank-chip"][data-label="${letterOfPosition(4 - rank)}"]`).focus();
    await page.keyboard.press(String(rank));
  }
  await page.getByTestId("prompt-category").selectOption("open_qa");
  await page.getByTestId("submit-task").click();
}

test("a labeler who fails the screening test is told why, and works again once an admin reinstates them", async ({ browser }) => {
  const admin = await makeUser("admin");
  const labeler = await makeUser("labeler");
  const created = await makeProject();
  const project = await db.project.update({ where: { id: created.id }, data: { screeningTasks: 2, screeningPass: 0.75 } });
  const api = await newClient(BASE_URL, { authorization: `Bearer ${(await makeApiKey(["prompts:write", "outputs:write"])).key}` });
  await comparison(api, project, "photosynthesis", true);
  await comparison(api, project, "compound interest", true);
  await comparison(api, project, "tides", false);
  await api.dispose();

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signInInBrowser(page, labeler.email, labeler.password);
  await page.goto(`/projects/${project.slug}/label`);

  // Both screening tasks look like any other task; each is answered backwards.
  await answerBackwards(page, labeler.email, project.id);
  await expect(page.getByTestId("progress-done")).toHaveText("1");
  await answerBackwards(page, labeler.email, project.id);

  // Screened out: a full-page explanation, not a generic error, and no task.
  const barred = page.getByTestId("label-barred");
  await expect(barred).toBeVisible();
  await expect(barred).toHaveAttribute("data-code", "screening_failed");
  await expect(barred).toContainText("You did not pass this project's screening test");
  await expect(page.getByTestId("load-error")).toHaveCount(0);
  await expect(page.getByTestId("output-card")).toHaveCount(0);
  await screenshot(page, "screened-out-1440");
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, "screened-out-390");

  // The home page shows the labeler their own standing in the project.
  await page.goto("/");
  const card = page.locator('[data-testid="project-card"]', { hasText: project.name });
  await expect(card.getByTestId("own-standing")).toHaveAttribute("data-status", "failed_screening");
  await expect(card.getByTestId("own-standing")).toContainText("Not admitted");
  await expect(card.getByTestId("own-standing")).toContainText("Quality checks: 0% matched over 2 answers");
  await expect(card.getByRole("link", { name: "See why" })).toBeVisible();
  await screenshot(page, "home-standing-390");

  // An admin reinstates them from the Quality tab.
  const adminContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const adminPage = await adminContext.newPage();
  await signInInBrowser(adminPage, admin.email, admin.password);
  await adminPage.goto(`/admin/projects/${project.slug}/quality`);
  const row = adminPage.locator(`[data-testid="quality-labeler-row"][data-labeler="${labeler.email}"]`);
  await expect(row.getByTestId("labeler-status")).toHaveText("Failed screening");
  await row.getByTestId("labeler-reinstate").click();
  await adminPage.getByRole("dialog").getByRole("button", { name: "Reinstate" }).click();
  await expect(row.getByTestId("labeler-status")).toHaveText("Active");

  // Back on the label screen, the next (ordinary) task arrives.
  await page.goto(`/projects/${project.slug}/label`);
  await expect(page.getByTestId("output-card")).toHaveCount(4);
  await expect(page.getByTestId("task-prompt")).toContainText("tides");
});
