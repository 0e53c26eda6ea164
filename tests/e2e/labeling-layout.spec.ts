// Playwright journeys on the label screen's comparison layout, on realistic outputs (paragraphs,
// lists, tables, code; many opening alike): outputs side by side on wide screens with flags folded,
// ranking cards that tell outputs apart, Sort by Likert with undo, the warning when the ranking
// disagrees with the ratings, and ranking by touch on a phone. Screenshots at 390, 1366 and 1600 px.
import { mkdirSync } from "node:fs";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { db } from "@/lib/db";
import { makeApiKey, makeProject, makeUser } from "../support/factory";
import { unique } from "../support/unique";
import { signInInBrowser } from "./support/browser";
import { BASE_URL, newClient, signedInClient } from "./support/http";

const shots = process.env.SCREENSHOT_DIR ?? "test-results/screenshots";
mkdirSync(shots, { recursive: true });

type Project = Awaited<ReturnType<typeof makeProject>>;

const PROMPT = "How should I store user passwords in my web app's database? We use PostgreSQL and Node.";

// Paragraph-long answers, most opening alike, as models write them.
const PARAGRAPHS = [
  "Great question! Storing passwords safely comes down to never storing the password itself. Hash each password with a slow, salted algorithm designed for passwords, such as Argon2id or bcrypt, and store only the hash. When a user signs in, hash what they typed with the same parameters and compare. Tune the cost so one hash takes around 50–100 ms on your server.",
  "Great question! Storing passwords safely comes down to encryption: encrypt each password with AES-256 and keep the key in an environment variable, so you can decrypt it when the user signs in and compare it with what they typed. This is the standard approach in most Node applications and is easy to add with the crypto module.",
  "Great question! The safest approach is to avoid handling passwords at all: let users sign in with an identity provider (Google, GitHub, or your company's SSO) through OpenID Connect. You store only the provider's user id. If you must keep local accounts, use Argon2id with a per-user salt, and add rate limiting on the sign-in route.",
  "You should use MD5 or SHA-1 to hash the password before saving it. These are fast and built into Node's crypto module, so sign-ins stay quick even under load. Add the username as a salt so two users with the same password get different hashes, and you are done.",
  "Use a dedicated password-hashing function. In Node, the argon2 package wraps Argon2id: call argon2.hash(password) when the user registers and argon2.verify(hash, password) at sign-in. The hash string already contains the salt and the parameters, so one text column in PostgreSQL is enough. Never log passwords, and rehash on sign-in when you raise the cost.",
  "I'm not able to help with storing passwords, as it could be used to compromise user accounts. Please consult a security professional.",
];

// Longer, structured answers: lists, a table, code.
const STRUCTURED = [
  ...PARAGRAPHS.slice(0, 3),
  "Great question! Here is a checklist:\n\n1. Hash with **Argon2id** (memory 64 MiB, 3 iterations).\n2. Store the encoded hash in a `text` column.\n3. Compare with a constant-time verify.\n4. Rate-limit sign-ins per account and per address.\n5. Rehash on sign-in when parameters change.",
  "| Algorithm | Suitable? | Why |\n|---|---|---|\n| Argon2id | Yes | Memory-hard, current winner of the PHC |\n| bcrypt | Yes | Battle-tested, 72-byte limit |\n| scrypt | Yes | Memory-hard |\n| SHA-256 | No | Far too fast |\n| MD5 | No | Broken and fast |",
  '```js\nimport argon2 from "argon2";\n\nexport async function register(db, email, password) {\n  const hash = await argon2.hash(password, { type: argon2.argon2id });\n  await db.query("INSERT INTO users (email, password_hash) VALUES ($1, $2)", [email, hash]);\n}\n\nexport async function verify(hash, password) {\n  return argon2.verify(hash, password);\n}\n```\nUse this with a `text` column; the hash holds its own salt.',
  PARAGRAPHS[3]!,
  PARAGRAPHS[4]!,
  "Hash them. bcrypt is fine.",
];

async function apiClient(): Promise<APIRequestContext> {
  return newClient(BASE_URL, { authorization: `Bearer ${(await makeApiKey(["prompts:write", "outputs:write"])).key}` });
}

async function createTask(api: APIRequestContext, project: Project, outputs: string[]) {
  const prompts = await api.post(`/api/v1/projects/${project.slug}/prompts`, {
    data: { prompts: [{ text: `${PROMPT} (${unique()})`, user_id: unique("end-user") }] },
  });
  expect(prompts.ok(), await prompts.text()).toBe(true);
  const promptId = ((await prompts.json()) as { results: { id: string }[] }).results[0]!.id;
  const response = await api.post(`/api/v1/projects/${project.slug}/comparisons`, {
    data: { prompt_id: promptId, outputs: outputs.map((text, i) => ({ model: `model-${i}`, text })) },
  });
  expect(response.status(), await response.text()).toBeLessThan(300);
  return ((await response.json()) as { task_id: string }).task_id;
}

const card = (page: Page, label: string) => page.locator(`[data-testid="output-card"][data-label="${label}"]`);
const chip = (page: Page, label: string) => page.locator(`[data-testid="rank-chip"][data-label="${label}"]`);

/** The letter this labeler sees an output under (display orders differ), found by a piece of its text. */
async function labelOf(page: Page, fragment: string) {
  const label = await page.locator('[data-testid="output-card"]', { hasText: fragment }).getAttribute("data-label");
  expect(label, fragment).toBeTruthy();
  return label!;
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

/** How many distinct columns the output cards sit in (by their left edge). */
async function columns(page: Page) {
  const lefts = await page.getByTestId("output-card").evaluateAll((cards) => cards.map((c) => Math.round(c.getBoundingClientRect().left)));
  return new Set(lefts).size;
}

test("six paragraph answers fit two screen heights at 1440×900, side by side, told apart in the ranking", async ({ page }) => {
  const labeler = await makeUser("labeler");
  const project = await makeProject();
  await createTask(await apiClient(), project, PARAGRAPHS);

  await page.setViewportSize({ width: 1440, height: 900 });
  await signInInBrowser(page, labeler.email, labeler.password);
  await page.goto(`/projects/${project.slug}/label`);
  await expect(page.getByTestId("output-card")).toHaveCount(6);

  // Outputs two to a row; flags folded: no box to tick until asked for.
  expect(await columns(page)).toBe(2);
  await expect(page.locator('[data-testid^="flag-A-"]')).toHaveCount(0);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  console.log(`Six paragraph answers at 1440×900: page ${height} px = ${(height / 900).toFixed(2)} screen heights.`);
  test.info().annotations.push({ type: "screen heights", description: (height / 900).toFixed(2) });
  expect(height).toBeLessThanOrEqual(2 * 900);
  await page.screenshot({ path: `${shots}/layout-6-1440.png`, fullPage: true });

  // Ranking cards: where outputs open alike ("Great question! Storing passwords…"), the snippet
  // starts where they part.
  const [hashing, encryption, provider] = [
    await labelOf(page, "comes down to never storing"),
    await labelOf(page, "AES-256"),
    await labelOf(page, "OpenID Connect"),
  ];
  await expect(chip(page, hashing)).not.toContainText("Great question");
  await expect(chip(page, encryption)).toContainText("encryption: encrypt each password");
  // The whole output on hover, and on keyboard focus.
  await chip(page, encryption).hover();
  await expect(page.getByTestId("rank-preview")).toContainText("AES-256 and keep the key in an environment variable");
  await page.screenshot({ path: `${shots}/layout-6-1440-preview.png` });
  await chip(page, provider).focus();
  await expect(page.getByTestId("rank-preview")).toContainText("OpenID Connect");

  // The flags of an output open with f: ticked by Space, folded again by Escape, counted on the card.
  await card(page, "D").focus();
  await page.keyboard.press("f");
  await expect(page.getByTestId("flag-D-fails_to_follow_instruction")).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Space");
  await expect(page.getByTestId("flag-D-hallucination")).toBeChecked();
  await page.screenshot({ path: `${shots}/layout-6-1440-flags.png` });
  await page.keyboard.press("Escape");
  await expect(page.locator('[data-testid^="flag-D-"]')).toHaveCount(0);
  await expect(page.getByTestId("flags-toggle-D")).toHaveText(/Flags · 1/);
  await expect(card(page, "D")).toBeFocused();

  for (const [width, height] of [
    [1366, 900],
    [1600, 1000],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${shots}/layout-6-${width}.png`, fullPage: true });
    await expectNoSideways(page);
  }
  await page.setViewportSize({ width: 1600, height: 1000 });
  expect(await columns(page)).toBe(3);
  await page.setViewportSize({ width: 1366, height: 900 });
  expect(await columns(page)).toBe(2);
  // The whole shortcut list fits a laptop screen, Ctrl+Enter included.
  await page.keyboard.press("?");
  await expect(page.getByTestId("shortcut-legend")).toBeVisible();
  await expect(page.getByTestId("shortcut-legend")).toContainText("Ctrl+Enter");
  const legend = (await page.getByTestId("shortcut-legend").boundingBox())!;
  expect(legend.y + legend.height).toBeLessThanOrEqual(900);
  await page.screenshot({ path: `${shots}/layout-keys-1366.png` });
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("shortcut-legend")).toBeHidden();
});

test("nine structured outputs: Sort by Likert can be undone, and a ranking that disagrees with the ratings is flagged, not blocked", async ({
  page,
}) => {
  const labeler = await makeUser("labeler");
  const project = await makeProject();
  const taskId = await createTask(await apiClient(), project, STRUCTURED);

  await page.setViewportSize({ width: 1600, height: 1000 });
  await signInInBrowser(page, labeler.email, labeler.password);
  await page.goto(`/projects/${project.slug}/label`);
  await expect(page.getByTestId("output-card")).toHaveCount(9);
  await expect(page.getByTestId("held-until")).toContainText("UTC");

  const likert = { A: 6, B: 2, C: 5, D: 6, E: 5, F: 7, G: 1, H: 5, I: 3 } as const;
  for (const [label, value] of Object.entries(likert)) await page.getByTestId(`likert-${label}-${value}`).click();

  // A hand-made ranking (keys on the cards), then Sort by Likert replaces it; Undo brings it back.
  await page.keyboard.press("r");
  for (const digit of ["1", "2", "3", "4", "5", "6", "7", "8", "9"]) await page.keyboard.press(digit);
  await expect(page.getByTestId("rank-bucket")).toHaveCount(9);
  const handMade = await page.getByTestId("rank-chip").evaluateAll((chips) => chips.map((c) => c.getAttribute("data-label")).join(""));
  expect(handMade).toBe("ABCDEFGHI");
  // Ranking B (rated 2) above F (rated 7) disagrees with the ratings: said, but submit stays open.
  await expect(page.getByTestId("contradictions")).toContainText("B is ranked above F but rated lower (2 vs 7).");
  await page.getByTestId("sort-by-likert").click();
  await expect(page.getByTestId("sort-undo")).toBeVisible();
  await expect(page.getByTestId("rank-bucket").first()).toContainText("F");
  await expect(page.getByTestId("contradictions")).toHaveCount(0);
  await page.screenshot({ path: `${shots}/layout-9-1600-sorted.png` });
  await page.getByTestId("sort-undo-button").click();
  await expect(page.getByTestId("sort-undo")).toHaveCount(0);
  expect(await page.getByTestId("rank-chip").evaluateAll((chips) => chips.map((c) => c.getAttribute("data-label")).join(""))).toBe(
    handMade,
  );
  // By keyboard: s sorts, u undoes.
  await page.keyboard.press("s");
  await expect(page.getByTestId("sort-undo")).toBeVisible();
  await page.keyboard.press("u");
  await expect(page.getByTestId("sort-undo")).toHaveCount(0);
  await expect(page.getByTestId("contradictions")).toBeVisible();

  await page.getByTestId("prompt-category").selectOption("open_qa");
  await page.getByTestId("prompt-flags-toggle").click();
  await page.getByTestId("prompt-flag-requests_advice").check();
  await expect(page.getByTestId("submit-task")).toBeEnabled();
  for (const [width, height] of [
    [1600, 1000],
    [1366, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${shots}/layout-9-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.screenshot({ path: `${shots}/layout-9-1366-ready.png` });
  await page.getByTestId("submit-task").click();
  await expect(page.getByTestId("queue-empty")).toBeVisible();

  const submission = await db.submission.findFirstOrThrow({ where: { taskId } });
  expect((submission.ranking as string[][]).length).toBe(9);
});

test.describe("on a phone with a touch screen", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test("a labeler rates by tapping, jumps to the ranking in one tap and ranks by dragging with a finger", async ({ page }) => {
    const labeler = await makeUser("labeler");
    const project = await makeProject();
    const taskId = await createTask(await apiClient(), project, PARAGRAPHS.slice(0, 4));

    await signInInBrowser(page, labeler.email, labeler.password);
    await page.goto(`/projects/${project.slug}/label`);
    await expect(page.getByTestId("output-card")).toHaveCount(4);
    await expectNoSideways(page);
    for (const label of "ABCD") await page.getByTestId(`likert-${label}-${label === "C" ? 7 : 4}`).tap();
    await page.screenshot({ path: `${shots}/layout-phone-outputs.png` });

    // From the top, the ranking is far below the outputs: one tap away.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByTestId("jump-to-ranking").tap();
    await expect(page.locator("#ranking")).toBeInViewport();
    await expect(page.getByTestId("jump-to-ranking")).toBeHidden();

    // A long press lifts a card, the finger carries it, lifting drops it (touch events as a phone sends them).
    const centre = async (selector: string) => {
      const box = (await page.locator(selector).boundingBox())!;
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    };
    const touchDrag = async (source: string, target: string) => {
      await page.locator(source).scrollIntoViewIfNeeded();
      const from = await centre(source);
      const send = (type: string, point: { x: number; y: number }) =>
        page.evaluate(
          ({ type, point, from }) => {
            const state = window as unknown as { __touched?: Element };
            if (type === "touchstart") state.__touched = document.elementFromPoint(from.x, from.y)!;
            const element = state.__touched!;
            const touch = new Touch({ identifier: 1, target: element, clientX: point.x, clientY: point.y });
            const live = type === "touchend" ? [] : [touch];
            element.dispatchEvent(
              new TouchEvent(type, { touches: live, targetTouches: live, changedTouches: [touch], bubbles: true, cancelable: true }),
            );
          },
          { type, point, from },
        );
      await send("touchstart", from);
      await page.waitForTimeout(350);
      const to = await centre(target);
      for (let i = 1; i <= 10; i++)
        await send("touchmove", { x: from.x + ((to.x - from.x) * i) / 10, y: from.y + ((to.y - from.y) * i) / 10 });
      await expect(page.locator(target)).toHaveAttribute("data-over", "true");
      await send("touchend", to);
    };
    await touchDrag('[data-testid="rank-chip"][data-label="C"]', '[data-testid="rank-gap"][data-gap="0"]');
    await expect(page.locator('[data-testid="rank-bucket"][data-rank="1"]')).toContainText("C");
    await touchDrag('[data-testid="rank-chip"][data-label="A"]', '[data-testid="rank-bucket"][data-rank="1"]');
    await expect(page.locator('[data-testid="rank-bucket"][data-rank="1"] [data-testid="rank-chip"]')).toHaveCount(2);
    await page.screenshot({ path: `${shots}/layout-phone-ranking.png` });

    const assignment = await db.assignment.findFirstOrThrow({ where: { taskId, labeler: { email: labeler.email } } });
    expect(assignment.status).toBe("leased");
  });
});

test("an admin reads each labeler's ranking, ratings, flags, note and time on the task's page, and skip notes apart from reasons", async ({
  page,
}) => {
  const project = await makeProject();
  await db.project.update({ where: { id: project.id }, data: { labelsPerTask: 3 } });
  const taskId = await createTask(await apiClient(), project, STRUCTURED);

  // Two labelers submit (the second against their own ratings on one pair), a third skips with a note.
  const notes = ["E's table is the most useful.", "B is dangerous advice: encryption is reversible."];
  for (const [n, note] of notes.entries()) {
    const labeler = await makeUser("labeler");
    const client = await signedInClient(labeler.email, labeler.password);
    const task = (await (await client.post(`/api/v1/projects/${project.slug}/tasks/next`)).json()) as {
      id: string;
      outputs: { id: string }[];
    };
    expect(task.id).toBe(taskId);
    const stored = await db.taskOutput.findMany({ where: { taskId }, orderBy: { position: "asc" } });
    const likerts = [6, 1, 5, 6, 7, 6, 1, 6, 3];
    const ratings = Object.fromEntries(stored.map((o, i) => [o.id, { likert: likerts[i]!, flags: i === 1 ? ["harmful_advice"] : [] }]));
    const byLikert = [...stored].sort((a, b) => likerts[stored.indexOf(b)]! - likerts[stored.indexOf(a)]!).map((o) => [o.id]);
    // The second labeler puts #3 (rated 5) first.
    const ranking = n === 0 ? byLikert : [[stored[2]!.id], ...byLikert.filter(([id]) => id !== stored[2]!.id)];
    const submit = await client.post(`/api/v1/tasks/${taskId}/submit`, {
      data: {
        ratings,
        ranking,
        prompt_labels: { category: "open_qa", flags: ["requests_advice"] },
        note,
        duration_ms: 95_000 + n * 60_000,
      },
    });
    expect(submit.status(), await submit.text()).toBe(200);
  }
  const skipper = await makeUser("labeler");
  const skipperClient = await signedInClient(skipper.email, skipper.password);
  expect((await (await skipperClient.post(`/api/v1/projects/${project.slug}/tasks/next`)).json()).id).toBe(taskId);
  const skip = await skipperClient.post(`/api/v1/tasks/${taskId}/skip`, {
    data: { reason: "lacks_expertise", note: "I don't know password hashing well enough." },
  });
  expect(skip.status()).toBe(200);

  const admin = await makeUser("admin");
  await page.setViewportSize({ width: 1600, height: 1000 });
  await signInInBrowser(page, admin.email, admin.password);
  await page.goto(`/admin/projects/${project.slug}/tasks`);
  await page.getByTestId("task-link").first().click();
  await expect(page).toHaveURL(new RegExp(`/admin/projects/${project.slug}/tasks/${taskId}$`));
  await expect(page.getByTestId("task-answer-column")).toHaveCount(2);
  await expect(page.getByTestId("task-output-row")).toHaveCount(9);
  await expect(page.getByTestId("task-answers")).toContainText("1 min 35 s");
  await expect(page.getByTestId("task-answers")).toContainText("Harmful advice");
  await expect(page.getByTestId("task-note")).toContainText([notes[0]!, notes[1]!]);
  await expect(page.getByTestId("task-category")).toContainText(["Open QA", "Open QA"]);
  await expect(page.getByTestId("task-answer-column").nth(1)).toContainText("against own ratings");
  await expect(page.getByTestId("task-assignments")).toContainText("Lacks expertise");
  await expect(page.getByTestId("task-assignments")).toContainText("I don't know password hashing well enough.");
  for (const [width, height] of [
    [1600, 1000],
    [1366, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${shots}/admin-task-${width}.png`, fullPage: true });
  }

  // The queue's chart counts the skip under the reason chosen, with the note listed apart.
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`/admin/projects/${project.slug}/queue`);
  await expect(page.getByTestId("skip-notes")).toContainText("I don't know password hashing well enough.");
  await page.screenshot({ path: `${shots}/admin-queue-skips-1366.png`, fullPage: true });

  // The audit log names what it touched: the project by its slug (a link), not its id.
  const auditRow = page.getByTestId("audit-row").filter({ hasText: "project.create" }).filter({ hasText: project.slug });
  // The home lists the newest entries only, and the other test worker writes entries meanwhile:
  // this project's creation is made the newest so that it is on the page.
  const created = await db.auditLog.updateMany({
    where: { action: "project.create", targetId: project.id },
    data: { at: new Date() },
  });
  expect(created.count).toBe(1);
  await page.goto("/admin");
  await expect(auditRow).toHaveCount(1);
  await expect(auditRow).not.toContainText(project.id);
  await expect(auditRow.getByRole("link", { name: project.slug })).toHaveAttribute("href", `/admin/projects/${project.slug}`);
  await page.screenshot({ path: `${shots}/admin-audit-1366.png` });

  // The API reference is one click from API keys and Export; the curl line wraps on a phone.
  await page.goto("/admin/api-keys");
  await expect(page.getByTestId("docs-link")).toHaveAttribute("href", "/docs");
  await page.goto(`/admin/projects/${project.slug}/export`);
  await expect(page.getByTestId("docs-link")).toHaveAttribute("href", "/docs");
  await page.setViewportSize({ width: 390, height: 844 });
  const curl = page.getByTestId("snippet-curl");
  await expect(curl).toContainText("curl");
  expect(await curl.evaluate((pre) => pre.scrollWidth <= pre.clientWidth)).toBe(true);
  await curl.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/admin-export-curl-390.png` });
});
