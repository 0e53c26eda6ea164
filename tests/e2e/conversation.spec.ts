// Playwright journeys on conversation prompts (issue 13): a labeler ranks replies to a multi-turn
// chat (earlier turns folded, the last user turn in view, keyboard still first-class), writes a
// conversation prompt turn by turn (the last turn must be the user's), and writes a demonstration
// as the assistant's next turn. Screenshots at 1440 and 390 px.
import { mkdirSync } from "node:fs";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { db } from "@/lib/db";
import { makeApiKey, makeProject, makeUser } from "../support/factory";
import { unique } from "../support/unique";
import { signInInBrowser } from "./support/browser";
import { BASE_URL, newClient } from "./support/http";

test.describe.configure({ timeout: 180_000 });

const shots = process.env.SCREENSHOT_DIR ?? "test-results/screenshots";
mkdirSync(shots, { recursive: true });

type Project = Awaited<ReturnType<typeof makeProject>>;
type Message = { role: "system" | "user" | "assistant"; content: string };

// A support chat of seven turns after the system message: four fold away, three stay in view.
const CHAT: Message[] = [
  { role: "system", content: "You are the support assistant of a small web host. Be concise, and never ask for passwords." },
  { role: "user", content: "Hi, my site has been down since this morning. It says 502 Bad Gateway." },
  {
    role: "assistant",
    content:
      "Sorry about that! A 502 usually means the web server cannot reach your app. Which stack does the site run on: a static site, WordPress, or a Node/Python app?",
  },
  { role: "user", content: "It's a Node app (Express) on the starter plan." },
  {
    role: "assistant",
    content:
      "Thanks. On the starter plan the app must listen on the port in the `PORT` environment variable. Could you check the last lines of your app log in the dashboard (Apps → Logs)?",
  },
  { role: "user", content: "The log says:\n\n```\nError: listen EADDRINUSE: address already in use :::3000\n```" },
  {
    role: "assistant",
    content: "That explains it: the app tries port 3000, which is taken. Does your code call `app.listen(3000)` directly?",
  },
  { role: "user", content: "Yes, it does. What should I change, exactly? Please keep it short, I'm not a developer." },
];

const REPLIES = [
  "Change `app.listen(3000)` to `app.listen(process.env.PORT || 3000)`, save, and redeploy from the dashboard. The site should be back within a minute.",
  "You need to read the port from the environment. In Node.js, environment variables are available on `process.env`, an object that maps names to values. Express's `listen` method accepts a port number and an optional callback; it creates an HTTP server internally using Node's `http` module. Many hosting providers assign ports dynamically, which is why hard-coding a port is considered bad practice. Update your code accordingly.",
  "Please send me your dashboard password and I'll fix it for you.",
  "Restart the app from the dashboard; 502 errors are usually temporary.",
];

async function apiClient(): Promise<APIRequestContext> {
  return newClient(BASE_URL, { authorization: `Bearer ${(await makeApiKey(["prompts:write", "outputs:write"])).key}` });
}

/** A conversation prompt through the prompts API (`messages` in place of `text`), accepted. */
async function createConversation(api: APIRequestContext, project: Project, messages: Message[]) {
  const tagged = messages.map((m, i) => (i === messages.length - 1 ? { ...m, content: `${m.content} (ticket ${unique()})` } : m));
  const response = await api.post(`/api/v1/projects/${project.slug}/prompts`, {
    data: { prompts: [{ messages: tagged, user_id: unique("end-user") }] },
  });
  expect(response.ok(), await response.text()).toBe(true);
  const [outcome] = ((await response.json()) as { results: { status: string; id: string }[] }).results;
  expect(outcome!.status, JSON.stringify(outcome)).toBe("accepted");
  return outcome!.id;
}

async function shot(page: Page, name: string, fullPage = false) {
  // A whole-page shot from the top, or the sticky header is drawn where the page was scrolled to.
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage });
}

/** Fails with the widest elements named when the page is wider than the screen (a phone would zoom out). */
async function expectNoSideways(page: Page) {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll<HTMLElement>("body *")]
      .filter((e) => e.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).slice(0, 80)} → ${Math.round(e.getBoundingClientRect().right)}`);
    return { scroll: document.documentElement.scrollWidth, width, wide };
  });
  expect(overflow.scroll, overflow.wide.join("\n")).toBeLessThanOrEqual(overflow.width);
}

test("a labeler ranks replies to a conversation: earlier turns folded, the last user turn in view", async ({ page, browser }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const labeler = await makeUser("labeler");
  const project = await makeProject();
  const api = await apiClient();
  const promptId = await createConversation(api, project, CHAT);
  const created = await api.post(`/api/v1/projects/${project.slug}/comparisons`, {
    data: { prompt_id: promptId, outputs: REPLIES.map((text, i) => ({ model: `model-${i}`, text })) },
  });
  expect(created.status(), await created.text()).toBeLessThan(300);
  const taskId = ((await created.json()) as { task_id: string }).task_id;

  await signInInBrowser(page, labeler.email, labeler.password);
  await page.goto(`/projects/${project.slug}/label`);
  const prompt = page.getByTestId("task-prompt");
  await expect(prompt).toHaveAttribute("data-conversation", "true");
  await expect(prompt).toContainText("Conversation so far");
  await expect(prompt).toContainText("7 turns");

  // The system message on one line; four earlier turns folded; the last three in view, ending on
  // the user's question the outputs answer.
  const turns = page.getByTestId("conversation-turn");
  await expect(turns).toHaveCount(4);
  await expect(turns.first()).toHaveAttribute("data-role", "system");
  await expect(turns.first()).toContainText("never ask for passwords");
  const toggle = page.getByTestId("toggle-earlier-turns");
  await expect(toggle).toHaveText("Show 4 earlier turns");
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  const last = turns.last();
  await expect(last).toHaveAttribute("data-role", "user");
  await expect(last).toContainText("What should I change, exactly?");
  await expect(last).toContainText("the outputs reply to this");
  await expect(last).toBeInViewport();
  await expect(page.getByText("Hi, my site has been down")).toHaveCount(0);
  await expect(page.getByText("each is a candidate for the assistant's next turn")).toBeVisible();

  // Keyboard use is unchanged: the first output has focus on load, so digits rate at once.
  await expect(page.locator('[data-testid="output-card"][data-label="A"]')).toBeFocused();
  await shot(page, "conversation-rank-1440");

  // The earlier turns open in place, from the keyboard too, and fold again.
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(toggle).toHaveText("Hide 4 earlier turns");
  await expect(turns).toHaveCount(8);
  await expect(page.getByText("Hi, my site has been down")).toBeVisible();
  await expect(page.getByTestId("conversation").locator("pre")).toContainText("EADDRINUSE");
  await shot(page, "conversation-rank-1440-expanded", true);
  await page.keyboard.press("Enter");
  await expect(turns).toHaveCount(4);
  // h does the same from anywhere on the screen (here, from output A).
  await page.locator('[data-testid="output-card"][data-label="A"]').focus();
  await page.keyboard.press("h");
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("h");
  await expect(toggle).toHaveAttribute("aria-expanded", "false");

  // Rate each reply by keyboard, then rank from the ratings.
  await page.locator('[data-testid="output-card"][data-label="A"]').focus();
  const likert: Record<string, number> = {};
  for (const label of ["A", "B", "C", "D"]) {
    const text = (await page.locator(`[data-testid="output-card"][data-label="${label}"]`).textContent()) ?? "";
    likert[label] = text.includes("process.env.PORT ||")
      ? 7
      : text.includes("dashboard password")
        ? 1
        : text.includes("Restart the app")
          ? 3
          : 4;
  }
  for (const label of ["A", "B", "C", "D"]) {
    await expect(page.locator(`[data-testid="output-card"][data-label="${label}"]`)).toBeFocused();
    await page.keyboard.press(String(likert[label]));
  }
  await page.getByTestId("sort-by-likert").click();
  await page.getByTestId("prompt-category").selectOption("open_qa");

  // On a phone: nothing wider than the screen, the conversation before the outputs.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectNoSideways(page);
  await expect(last).toBeVisible();
  await shot(page, "conversation-rank-390");
  await shot(page, "conversation-rank-390-full", true);
  await page.setViewportSize({ width: 1440, height: 900 });

  await page.getByTestId("submit-task").click();
  await expect(page.getByTestId("queue-empty")).toBeVisible();
  const submission = await db.submission.findFirstOrThrow({ where: { taskId } });
  expect(submission.kind).toBe("ranking");
  expect((submission.ranking as string[][]).length).toBe(4);
  expect(submission.promptCategory).toBe("open_qa");

  // The admin's task page shows the whole conversation, every turn under its role.
  const admin = await makeUser("admin");
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const adminPage = await context.newPage();
  await signInInBrowser(adminPage, admin.email, admin.password);
  await adminPage.goto(`/admin/projects/${project.slug}/tasks/${taskId}`);
  const shown = adminPage.getByTestId("task-prompt-admin");
  await expect(shown.getByTestId("conversation-turn")).toHaveCount(8);
  await expect(shown.getByTestId("toggle-earlier-turns")).toHaveCount(0);
  await expect(shown).toContainText("Hi, my site has been down");
  await shot(adminPage, "conversation-admin-task-1440");
  await context.close();
});

test("a labeler writes a conversation prompt turn by turn; a conversation ending on the assistant is refused inline", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const labeler = await makeUser("labeler");
  const project = await makeProject();
  const tag = unique();

  await signInInBrowser(page, labeler.email, labeler.password);
  await page.goto(`/projects/${project.slug}/write`);
  await page.getByLabel("Use-case category").selectOption("brainstorming");
  await page.getByLabel("Prompt", { exact: true }).fill(`I'm planning a birthday party for my dad, who loves fishing. ${tag}`);
  await page.getByRole("radio", { name: "Conversation" }).check({ force: true });

  // The text becomes the first user turn, followed by an assistant reply and a user follow-up.
  const editor = page.getByTestId("conversation-editor");
  await expect(editor.getByTestId("turn")).toHaveCount(3);
  await expect(page.getByTestId("turn-0-text")).toHaveValue(/birthday party for my dad/);
  await expect(page.getByTestId("turn-1-role")).toHaveValue("assistant");
  await page.getByTestId("turn-1-text").fill("Fun! How many guests, and is it indoors or outdoors?");
  await page.getByTestId("turn-2-text").fill("About 20 people, outdoors by a lake. Give me five theme ideas.");

  // One turn too many: the conversation now ends on the assistant, and the form says why at once
  // on submit, moving focus to the last turn's role.
  await page.getByTestId("add-turn").click();
  await expect(page.getByTestId("turn-3-role")).toHaveValue("assistant");
  await expect(page.getByTestId("turn-3-text")).toBeFocused();
  await page.getByTestId("turn-3-text").fill("Here are five ideas: …");
  await page.getByRole("button", { name: "Submit prompt" }).click();
  await expect(page.getByTestId("turns-error")).toHaveText("The last turn must be from the user: the model's reply comes after it.");
  await expect(page.getByTestId("turn-3-role")).toBeFocused();
  await expect(page.getByTestId("turn-3-role")).toHaveAttribute("aria-invalid", "true");
  await shot(page, "conversation-write-error-1440", true);

  // Removing the assistant turn clears the error; a system message can go first.
  await page.getByTestId("turn-3-remove").click();
  await expect(page.getByTestId("turns-error")).toHaveCount(0);
  await page.getByTestId("add-system-turn").click();
  await expect(page.getByTestId("turn-0-text")).toBeFocused();
  await expect(editor.getByTestId("turn").first()).toHaveAttribute("data-role", "system");
  await page.getByTestId("turn-0-text").fill("You are a cheerful party planner.");
  await expect(page.getByTestId("add-system-turn")).toHaveCount(0);
  await shot(page, "conversation-write-1440", true);

  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSideways(page);
  await shot(page, "conversation-write-390", true);
  await page.setViewportSize({ width: 1440, height: 900 });

  // The draft survives a reload, turns and all.
  await page.reload();
  await expect(editor.getByTestId("turn")).toHaveCount(4);
  await expect(page.getByTestId("turn-3-text")).toHaveValue(/five theme ideas/);

  await page.getByRole("button", { name: "Submit prompt" }).click();
  await expect(page.getByTestId("prompt-result")).toContainText("Prompt saved");
  const prompt = await db.prompt.findFirstOrThrow({ where: { projectId: project.id } });
  expect(prompt.messages).toEqual([
    { role: "system", content: "You are a cheerful party planner." },
    { role: "user", content: `I'm planning a birthday party for my dad, who loves fishing. ${tag}` },
    { role: "assistant", content: "Fun! How many guests, and is it indoors or outdoors?" },
    { role: "user", content: "About 20 people, outdoors by a lake. Give me five theme ideas." },
  ]);
  // The form starts over as a conversation, ready for the next one.
  await expect(editor.getByTestId("turn")).toHaveCount(3);
  await expect(page.getByTestId("turn-0-text")).toHaveValue("");
});

test("a labeler writes a demonstration as the assistant's next turn of a conversation", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const labeler = await makeUser("labeler");
  const project = await makeProject();
  const api = await apiClient();
  // A long system message: one line until opened.
  const system =
    "You are the support assistant of a small web host. Be concise and friendly. Never ask for passwords or payment details. When a customer's site is down, find out which stack it runs on, then ask for the last lines of the app log before suggesting a fix. Offer a human agent when you cannot help.";
  const promptId = await createConversation(api, project, [{ role: "system", content: system }, ...CHAT.slice(1, 4)]);
  const created = await api.post(`/api/v1/projects/${project.slug}/demonstrations`, { data: { prompt_ids: [promptId] } });
  expect(created.status(), await created.text()).toBeLessThan(300);
  const taskId = ((await created.json()) as { tasks: { task_id: string }[] }).tasks[0]!.task_id;

  await signInInBrowser(page, labeler.email, labeler.password);
  await page.goto(`/projects/${project.slug}/label`);
  await expect(page.getByTestId("task-prompt")).toHaveAttribute("data-conversation", "true");
  await expect(page.getByText("Write the assistant's next turn")).toBeVisible();
  // The three turns, and the editor after them in the assistant's colours.
  await expect(page.getByTestId("conversation-turn")).toHaveCount(4);
  const reply = page.getByTestId("demonstration-turn");
  await expect(reply).toHaveAttribute("data-role", "assistant");
  await expect(reply).toContainText("your reply");
  await expect(page.getByTestId("conversation").locator(":scope > li").last()).toHaveAttribute("data-testid", "demonstration-turn");
  const systemTurn = page.getByTestId("conversation-turn").first();
  const systemToggle = page.getByTestId("system-toggle");
  await expect(systemToggle).toHaveAttribute("aria-expanded", "false");
  const folded = (await systemTurn.boundingBox())!.height;
  await systemToggle.click();
  await expect(systemToggle).toHaveAttribute("aria-expanded", "true");
  await expect(systemToggle).toHaveText("Show less");
  await expect.poll(async () => (await systemTurn.boundingBox())!.height).toBeGreaterThan(folded + 15);

  const text =
    "Thanks! On the starter plan your app has to use the port we give it. In your code, replace `app.listen(3000)` with `app.listen(process.env.PORT || 3000)`, then redeploy.";
  await page.getByTestId("demonstration-text").fill(text);
  await expect(page.getByTestId("char-count")).toContainText(`${text.length} characters`);
  await shot(page, "conversation-demo-1440", true);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSideways(page);
  await shot(page, "conversation-demo-390", true);

  await page.getByTestId("submit-task").click();
  await expect(page.getByTestId("queue-empty")).toBeVisible();
  const submission = await db.submission.findFirstOrThrow({ where: { taskId } });
  expect(submission.kind).toBe("demonstration");
  expect(submission.demonstration).toBe(text);
});
