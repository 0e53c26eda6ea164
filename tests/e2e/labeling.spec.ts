// Playwright journeys on the labeling screen: rate and rank by mouse (with a tie) and by keyboard
// only, skip with "intent unclear", reload mid-task, write a demonstration, lose a lease. Each
// checks what the server stored.
import { mkdirSync } from "node:fs";
import { type APIRequestContext, expect, type Locator, type Page, test } from "@playwright/test";
import { db } from "@/lib/db";
import { makeApiKey, makeProject, makeUser } from "../support/factory";
import { unique } from "../support/unique";
import { signInInBrowser } from "./support/browser";
import { signIn as apiSignIn, BASE_URL, newClient } from "./support/http";

const shots = process.env.SCREENSHOT_DIR ?? "test-results/screenshots";
mkdirSync(shots, { recursive: true });

test.use({ viewport: { width: 1280, height: 800 } });

type Project = Awaited<ReturnType<typeof makeProject>>;

async function apiClient(): Promise<APIRequestContext> {
  return newClient(BASE_URL, { authorization: `Bearer ${(await makeApiKey(["prompts:write", "outputs:write"])).key}` });
}

async function createPrompt(api: APIRequestContext, project: Project, text: string) {
  const response = await api.post(`/api/v1/projects/${project.slug}/prompts`, {
    data: { prompts: [{ text, user_id: unique("end-user") }] },
  });
  expect(response.ok(), await response.text()).toBe(true);
  const [outcome] = ((await response.json()) as { results: { status: string; id: string }[] }).results;
  expect(outcome!.status).toBe("accepted");
  return outcome!.id;
}

const SAMPLE_OUTPUTS = [
  "Collisions are resolved by **chaining**: each bucket keeps a list.\n\n```python\nbuckets = [[] for _ in range(8)]\nbuckets[hash(k) % 8].append((k, v))\n```",
  "Open addressing probes for the next free slot.\n<script>window.__pwned = true</script>",
  "| Method | Pros |\n|---|---|\n| Chaining | simple |\n| Probing | cache friendly |",
  Array.from({ length: 30 }, (_, i) => `Line ${i + 1} of a long answer about hash tables.`).join("\n"),
  "I don't know.",
  "Hash maps never collide.",
  "Use a balanced tree per bucket when chains get long.",
  "Cuckoo hashing keeps two tables and moves keys between them.",
  "Robin Hood hashing evens out probe lengths: a key far from home takes the slot of one closer to its own.",
];

async function createRankingTask(api: APIRequestContext, project: Project, k: number) {
  const promptId = await createPrompt(api, project, `Explain how a hash map handles collisions ${unique()}`);
  const response = await api.post(`/api/v1/projects/${project.slug}/comparisons`, {
    data: { prompt_id: promptId, outputs: SAMPLE_OUTPUTS.slice(0, k).map((text, i) => ({ model: `model-${i}`, text })) },
  });
  expect(response.status(), await response.text()).toBeLessThan(300);
  return ((await response.json()) as { task_id: string }).task_id;
}

/** The output ids in the order this labeler sees them, so labels (A, B…) can be mapped to ids. */
async function displayOrder(taskId: string, email: string) {
  const assignment = await db.assignment.findFirstOrThrow({ where: { taskId, labeler: { email } } });
  return assignment.displayOrder;
}

async function currentTaskId(email: string, projectId: string) {
  const assignment = await db.assignment.findFirstOrThrow({ where: { projectId, labeler: { email }, status: "leased" } });
  return assignment.taskId;
}

function idsOf(order: string[], labels: string) {
  return [...labels].map((label) => order[label.charCodeAt(0) - 65]!);
}

function sortedGroups(groups: string[][]) {
  return groups.map((group) => [...group].sort());
}

/** Drags with the mouse in small steps, as a person would; `target` is found once the drag started. */
async function drag(page: Page, source: Locator, target: () => Locator) {
  await source.scrollIntoViewIfNeeded();
  const from = (await source.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 8, from.y + from.height / 2 + 8, { steps: 4 });
  await target().scrollIntoViewIfNeeded();
  let to = (await target().boundingBox())!;
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  // Aim again in case the panel scrolled under the pointer, then let go.
  to = (await target().boundingBox())!;
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 3 });
  // Let go only once the board shows the drop target as hovered, as a person would.
  await expect(target()).toHaveAttribute("data-over", "true");
  await page.mouse.up();
}

test("a labeler rates six outputs, ranks them with a tie by drag and drop, and submits", async ({ page }) => {
  const labeler = await makeUser("labeler");
  const project = await makeProject();
  const api = await apiClient();
  const taskId = await createRankingTask(api, project, 6);

  await signInInBrowser(page, labeler.email, labeler.password);
  await page.goto("/");
  await page.locator('[data-testid="project-card"]', { hasText: project.name }).getByRole("link", { name: "Start labeling" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${project.slug}/label$`));
  await expect(page.getByTestId("output-card")).toHaveCount(6);
  await expect(page.getByTestId("task-prompt")).toContainText("Explain how a hash map handles collisions");
  await expect(page.getByTestId("output-card").first()).toHaveAttribute("data-label", "A");
  await expect(page.getByTestId("progress-done")).toHaveText("0");
  // No model names, and no model output rendered as live HTML.
  await expect(page.locator("body")).not.toContainText("model-0");
  expect(await page.evaluate(() => (window as { __pwned?: boolean }).__pwned)).toBeUndefined();
  await expect(page.getByText("<script>window.__pwned = true</script>")).toBeVisible();
  await page.screenshot({ path: `${shots}/labeling-ranking-start.png` });

  // Step 1: Likert for each output, A and B equally good; a flag on D.
  const likert = { A: 6, B: 6, C: 5, D: 3, E: 2, F: 1 } as const;
  for (const [label, value] of Object.entries(likert)) await page.getByTestId(`likert-${label}-${value}`).click();
  await page.getByTestId("flags-toggle-D").click();
  await page.getByTestId("flag-D-hallucination").check();
  await expect(page.getByTestId("submit-task")).toBeDisabled();
  await expect(page.getByTestId("missing")).toContainText("Rank A, B, C, D, E and F.");

  // Step 2 by mouse: A to the top, B dropped onto A's bucket (a tie), the rest each between buckets.
  const chip = (label: string) => page.locator(`[data-testid="rank-chip"][data-label="${label}"]`);
  const gap = (index: number) => page.locator(`[data-testid="rank-gap"][data-gap="${index}"]`);
  const bucket = (rank: number) => page.locator(`[data-testid="rank-bucket"][data-rank="${rank}"]`);
  await drag(page, chip("A"), () => gap(0));
  await expect(bucket(1)).toContainText("A");
  await drag(page, chip("B"), () => bucket(1));
  await expect(bucket(1).getByTestId("rank-chip")).toHaveCount(2);
  await drag(page, chip("C"), () => gap(1));
  await drag(page, chip("E"), () => gap(2));
  // D dropped between C and E.
  await drag(page, chip("D"), () => gap(2));
  await drag(page, chip("F"), () => gap(4));
  await expect(page.getByTestId("rank-bucket")).toHaveCount(5);
  await expect(bucket(3)).toContainText("D");

  await page.getByTestId("prompt-category").selectOption("open_qa");
  await page.getByTestId("prompt-flags-toggle").click();
  await page.getByTestId("prompt-flag-requests_advice").check();
  await page.getByTestId("task-note").fill("A and B are about as good.");
  await expect(page.getByTestId("submit-task")).toBeEnabled();
  await page.screenshot({ path: `${shots}/labeling-ranking-ready.png` });
  await page.screenshot({ path: `${shots}/labeling-ranking-ready-full.png`, fullPage: true });
  await page.getByTestId("submit-task").click();
  await expect(page.getByTestId("queue-empty")).toBeVisible();
  await expect(page.getByTestId("progress-done")).toHaveText("1");
  await page.screenshot({ path: `${shots}/labeling-queue-empty.png` });

  const order = await displayOrder(taskId, labeler.email);
  const submission = await db.submission.findFirstOrThrow({ where: { taskId } });
  expect(submission.kind).toBe("ranking");
  expect(submission.displayOrder).toEqual(order);
  expect(sortedGroups(submission.ranking as string[][])).toEqual(
    sortedGroups([idsOf(order, "AB"), idsOf(order, "C"), idsOf(order, "D"), idsOf(order, "E"), idsOf(order, "F")]),
  );
  const ratings = submission.ratings as Record<string, { likert: number; flags: string[] }>;
  for (const [label, value] of Object.entries(likert)) expect(ratings[idsOf(order, label)[0]!]!.likert).toBe(value);
  expect(ratings[idsOf(order, "D")[0]!]!.flags).toEqual(["hallucination"]);
  expect(ratings[idsOf(order, "A")[0]!]!.flags).toEqual([]);
  expect(submission.promptCategory).toBe("open_qa");
  expect(submission.promptFlags).toEqual(["requests_advice"]);
  expect(submission.note).toBe("A and B are about as good.");
  expect(submission.durationMs).toBeGreaterThan(0);
  // The draft is gone from the browser once the server has the answer.
  expect(await page.evaluate((key) => window.localStorage.getItem(key), `ranklab:task-draft:${taskId}`)).toBeNull();
});

test("a labeler rates and ranks nine outputs by keyboard only, in at most 40 keys, then gets the next task in place", async ({ page }) => {
  const labeler = await makeUser("labeler");
  const project = await makeProject();
  const api = await apiClient();
  await createRankingTask(api, project, 9);
  await createRankingTask(api, project, 5);

  await signInInBrowser(page, labeler.email, labeler.password);
  await page.goto(`/projects/${project.slug}/label`);
  await expect(page.getByTestId("output-card")).toHaveCount(9);
  const taskId = await currentTaskId(labeler.email, project.id);
  await expect(page.getByTestId("progress-remaining")).toHaveText("1");
  const card = (label: string) => page.locator(`[data-testid="output-card"][data-label="${label}"]`);
  const chip = (label: string) => page.locator(`[data-testid="rank-chip"][data-label="${label}"]`);

  // Every key the labeler presses goes through here, so the journey's cost is counted.
  let keys = 0;
  const press = async (...sequence: string[]) => {
    for (const key of sequence) {
      await page.keyboard.press(key);
      keys++;
    }
  };

  // On load the first unrated output has focus: no Tab needed before the first digit.
  await expect(card("A")).toBeFocused();
  // Step 1: j passes over A; each digit rates the output and moves on to the next unrated one,
  // wrapping round to A at the end.
  await press("j");
  await expect(card("B")).toBeFocused();
  const likert = { B: 5, C: 3, D: 3, E: 6, F: 2, G: 4, H: 1, I: 5, A: 7 } as const;
  for (const [label, value] of Object.entries(likert)) {
    await expect(card(label)).toBeFocused();
    await press(String(value));
  }
  for (const [label, value] of Object.entries(likert))
    await expect(page.getByTestId(`likert-${label}-${value}`)).toHaveAttribute("aria-pressed", "true");

  // Step 2: once all are rated, focus is on the first unranked card in the ranking; a digit puts
  // it in that rank (a tie when taken) and moves to the next unranked card.
  await expect(chip("A")).toBeFocused();
  const digits = { A: "1", B: "2", C: "3", D: "3", E: "2", F: "4", G: "5", H: "6", I: "2" } as const;
  for (const [label, digit] of Object.entries(digits)) {
    await expect(chip(label)).toBeFocused();
    await press(digit);
  }
  // I stays in focus after the last placement: up one rank, out of its tie with B and E.
  await expect(chip("I")).toBeFocused();
  await press("ArrowUp");
  await expect(page.getByTestId("rank-bucket")).toHaveCount(7);

  // The category from anywhere: c, the first letter, Enter; focus then goes to the submit button.
  await press("c", "g", "Enter");
  await expect(page.getByTestId("prompt-category")).toHaveValue("generation");
  await expect(page.getByTestId("submit-task")).toBeFocused();
  await page.screenshot({ path: `${shots}/labeling-keyboard-ready.png` });
  await press("Control+Enter");

  // The next task replaces this one without a page load, its first output already in focus.
  await expect(page.getByTestId("output-card")).toHaveCount(5);
  await expect(page.getByTestId("progress-done")).toHaveText("1");
  await expect(page.getByTestId("progress-remaining")).toHaveText("0");
  await expect(page.getByTestId("likert-A-7")).toHaveAttribute("aria-pressed", "false");
  await expect(card("A")).toBeFocused();

  console.log(`Keyboard journey: ${keys} keys for a 9-output task.`);
  test.info().annotations.push({ type: "keys", description: String(keys) });
  expect(keys).toBeLessThanOrEqual(40);

  const order = await displayOrder(taskId, labeler.email);
  const submission = await db.submission.findFirstOrThrow({ where: { taskId } });
  // 1 A · 2 B E I → I moved up: A, I, [B E], [C D], F, G, H.
  expect(sortedGroups(submission.ranking as string[][])).toEqual(
    sortedGroups([
      idsOf(order, "A"),
      idsOf(order, "I"),
      idsOf(order, "BE"),
      idsOf(order, "CD"),
      idsOf(order, "F"),
      idsOf(order, "G"),
      idsOf(order, "H"),
    ]),
  );
  const ratings = submission.ratings as Record<string, { likert: number; flags: string[] }>;
  expect(idsOf(order, "ABCDEFGHI").map((id) => ratings[id]!.likert)).toEqual([7, 5, 3, 3, 6, 2, 4, 1, 5]);
  expect(submission.promptCategory).toBe("generation");
});

test("a labeler skips a task whose intent is unclear", async ({ page }) => {
  const labeler = await makeUser("labeler");
  const project = await makeProject();
  const api = await apiClient();
  const taskId = await createRankingTask(api, project, 4);

  await signInInBrowser(page, labeler.email, labeler.password);
  await page.goto(`/projects/${project.slug}/label`);
  await expect(page.getByTestId("output-card")).toHaveCount(4);
  await page.getByTestId("skip-task").click();
  await expect(page.getByTestId("skip-confirm")).toBeDisabled();
  await page.getByTestId("skip-dialog").getByText("Intent unclear").click();
  await page.getByTestId("skip-text").fill("Could be about Java or Python");
  await page.screenshot({ path: `${shots}/labeling-skip-dialog.png` });
  await page.getByTestId("skip-confirm").click();
  await expect(page.getByTestId("queue-empty")).toBeVisible();
  await expect(page.getByTestId("progress-done")).toHaveText("0");

  const assignment = await db.assignment.findFirstOrThrow({ where: { taskId, labeler: { email: labeler.email } } });
  expect(assignment.status).toBe("skipped");
  expect(assignment.skipReason).toBe("intent_unclear");
  expect(assignment.skipNote).toBe("Could be about Java or Python");
  expect(await db.submission.count({ where: { taskId } })).toBe(0);
});

test("ratings, ranking and prompt labels survive a reload mid-task", async ({ page }) => {
  const labeler = await makeUser("labeler");
  const project = await makeProject();
  const api = await apiClient();
  const taskId = await createRankingTask(api, project, 4);

  await signInInBrowser(page, labeler.email, labeler.password);
  await page.goto(`/projects/${project.slug}/label`);
  await expect(page.getByTestId("output-card")).toHaveCount(4);
  await page.getByTestId("likert-A-4").click();
  await page.getByTestId("likert-B-7").click();
  await page.getByTestId("likert-C-4").click();
  await page.getByTestId("flags-toggle-B").click();
  await page.getByTestId("flag-B-satisfies_constraint").check();
  await page.getByTestId("prompt-category").selectOption("generation");
  await page.getByTestId("sort-by-likert").click();
  await expect(page.getByTestId("rank-bucket")).toHaveCount(2);

  await page.reload();
  await expect(page.getByTestId("output-card")).toHaveCount(4);
  await expect(page.getByText("Picked up where you left off")).toBeVisible();
  // Focus comes back to the first output still to rate.
  await expect(page.locator('[data-testid="output-card"][data-label="D"]')).toBeFocused();
  await expect(page.getByTestId("likert-A-4")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("likert-B-7")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("likert-D-1")).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByTestId("flags-toggle-B")).toHaveText(/Flags · 1/);
  await page.getByTestId("flags-toggle-B").click();
  await expect(page.getByTestId("flag-B-satisfies_constraint")).toBeChecked();
  await expect(page.getByTestId("prompt-category")).toHaveValue("generation");
  await expect(page.getByTestId("rank-bucket")).toHaveCount(2);
  await expect(page.getByTestId("missing")).toContainText("Rate D.");

  // Finish it: D rated, then the ranking refilled from the ratings (A and C tie).
  await page.getByTestId("likert-D-2").click();
  await page.getByTestId("sort-by-likert").click();
  await page.screenshot({ path: `${shots}/labeling-after-reload.png` });
  await page.getByTestId("submit-task").click();
  await expect(page.getByTestId("queue-empty")).toBeVisible();

  const order = await displayOrder(taskId, labeler.email);
  const submission = await db.submission.findFirstOrThrow({ where: { taskId } });
  expect(sortedGroups(submission.ranking as string[][])).toEqual(sortedGroups([idsOf(order, "B"), idsOf(order, "AC"), idsOf(order, "D")]));
  expect((submission.ratings as Record<string, { flags: string[] }>)[idsOf(order, "B")[0]!]!.flags).toEqual(["satisfies_constraint"]);
});

test("a labeler writes a demonstration, on a laptop and on a phone", async ({ page }) => {
  const labeler = await makeUser("labeler");
  const project = await makeProject();
  const api = await apiClient();
  const promptId = await createPrompt(api, project, `Write a friendly two-line reminder to water the plants ${unique()}`);
  const created = await api.post(`/api/v1/projects/${project.slug}/demonstrations`, { data: { prompt_ids: [promptId] } });
  expect(created.status(), await created.text()).toBeLessThan(300);
  const taskId = ((await created.json()) as { tasks: { task_id: string }[] }).tasks[0]!.task_id;

  await signInInBrowser(page, labeler.email, labeler.password);
  await page.goto(`/projects/${project.slug}/label`);
  await expect(page.getByTestId("task-prompt")).toContainText("water the plants");
  await expect(page.getByTestId("submit-task")).toBeDisabled();
  const text = "Hi! Just a reminder to water the plants today.\nThey'll thank you with fresh leaves.";
  await page.getByTestId("demonstration-text").fill(text);
  await expect(page.getByTestId("char-count")).toContainText(`${text.length} characters`);
  await page.screenshot({ path: `${shots}/labeling-demonstration.png` });

  // The draft survives a reload here too.
  await page.reload();
  await expect(page.getByTestId("demonstration-text")).toHaveValue(text);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${shots}/labeling-demonstration-phone.png`, fullPage: true });
  await page.getByTestId("submit-task").click();
  await expect(page.getByTestId("queue-empty")).toBeVisible();

  const submission = await db.submission.findFirstOrThrow({ where: { taskId } });
  expect(submission.kind).toBe("demonstration");
  expect(submission.demonstration).toBe(text);
  expect(submission.durationMs).toBeGreaterThan(0);
});

test("a lost lease keeps the labeler's answer and offers the next task", async ({ page }) => {
  const labeler = await makeUser("labeler");
  const other = await makeUser("labeler");
  const project = await makeProject();
  const api = await apiClient();
  const taskId = await createRankingTask(api, project, 4);

  await signInInBrowser(page, labeler.email, labeler.password);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/projects/${project.slug}/label`);
  await expect(page.getByTestId("output-card")).toHaveCount(4);
  await page.screenshot({ path: `${shots}/labeling-ranking-phone.png` });
  for (const label of "ABCD") await page.getByTestId(`likert-${label}-5`).click();
  await page.getByTestId("sort-by-likert").click();
  await page.getByTestId("prompt-category").selectOption("other");

  // The lease runs out and another labeler takes the task.
  await db.assignment.updateMany({
    where: { taskId, labeler: { email: labeler.email } },
    data: { leaseExpiresAt: new Date(Date.now() - 60_000) },
  });
  const otherClient = await newClient();
  expect(await apiSignIn(otherClient, other.email, other.password)).toBe(200);
  const taken = await otherClient.post(`/api/v1/projects/${project.slug}/tasks/next`);
  expect(((await taken.json()) as { id: string }).id).toBe(taskId);

  await page.getByTestId("submit-task").click();
  await expect(page.getByTestId("lease-lost")).toBeVisible();
  await expect(page.getByTestId("likert-A-5")).toHaveAttribute("aria-pressed", "true");
  await page.screenshot({ path: `${shots}/labeling-lease-lost-phone.png`, fullPage: true });
  const stored = await page.evaluate((key) => window.localStorage.getItem(key), `ranklab:task-draft:${taskId}`);
  expect(JSON.parse(stored!)).toMatchObject({ taskId, category: "other", buckets: [expect.any(Array)] });
  expect(await db.submission.count({ where: { taskId } })).toBe(0);

  await page.getByTestId("lease-lost-next").click();
  await expect(page.getByTestId("queue-empty")).toBeVisible();
});
