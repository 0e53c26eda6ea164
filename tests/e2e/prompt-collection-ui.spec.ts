// Playwright journeys: an admin imports a file with bad lines and sees the report; a labeler
// writes a few-shot prompt; an admin reads the import hint and a conversation prompt in the list.
import { mkdirSync, writeFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { makeApiKey, makeProject, makeUser } from "../support/factory";
import { unique } from "../support/unique";
import { signInInBrowser } from "./support/browser";
import { BASE_URL, newClient } from "./support/http";

test.describe.configure({ timeout: 180_000 });

const shots = "test-results/screenshots";

test("an admin imports a JSONL file with bad lines and downloads the report", async ({ page }) => {
  const admin = await makeUser("admin");
  const project = await makeProject();
  const tag = unique();
  const lines = [
    JSON.stringify({ text: `Write a limerick about a cat ${tag}`, user_id: "u1", category: "generation" }),
    "{this line is broken",
    JSON.stringify({ text: `Write a limerick about a cat ${tag}`, user_id: "u2" }),
    JSON.stringify({ text: "Email sam.lee@example.com a thank-you note", user_id: "u3" }),
    JSON.stringify({ text: "no user id here" }),
    ...Array.from({ length: 2500 }, (_, i) =>
      JSON.stringify({ text: `Generated prompt number ${i} about topic ${i % 97} ${tag}`, user_id: `bulk-${i % 40}` }),
    ),
  ];
  mkdirSync("test-results", { recursive: true });
  const file = `test-results/import-${tag}.jsonl`;
  writeFileSync(file, `${lines.join("\n")}\n`);

  await signInInBrowser(page, admin.email, admin.password);
  await page.goto(`/admin/projects/${project.slug}/import`);
  await page.getByLabel("File (JSONL or CSV)").setInputFiles(file);
  await page.getByTestId("import-start").click();
  await expect(page.getByTestId("import-done")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("import-lines")).toHaveText("2,505");
  await expect(page.getByTestId("import-invalid")).toHaveText("2");
  await expect(page.getByTestId("import-duplicate")).toHaveText("1");
  // 40 bulk users with 62-63 prompts each stay under the default quota of 200.
  await expect(page.getByTestId("import-accepted")).toHaveText("2,502");
  await page.screenshot({ path: `${shots}/admin-import-done.png`, fullPage: true });

  const download = page.waitForEvent("download");
  await page.getByTestId("import-report").click();
  const report = await (await download).path();
  const text = (await import("node:fs")).readFileSync(report!, "utf8");
  expect(text).toContain("# invalid: 2");
  expect(text).toMatch(/^2,invalid,Not valid JSON\.,$/m);
  expect(text).toMatch(/^3,duplicate,/m);
  expect(text).toMatch(/^5,invalid,"user_id: /m);
  expect(text).not.toContain("sam.lee@example.com");

  // The same file again adds nothing.
  await page.reload();
  await page.getByLabel("File (JSONL or CSV)").setInputFiles(file);
  await page.getByTestId("import-start").click();
  await expect(page.getByTestId("import-done")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("import-accepted")).toHaveText("0");
  await expect(page.getByTestId("import-duplicate")).toHaveText("2,503");

  // What the admin sees of the imported prompts: no raw personal data anywhere.
  for (const tab of ["prompts", "pipeline", "quotas", "settings"]) {
    await page.goto(`/admin/projects/${project.slug}/${tab}`);
    await expect(page.locator("main, body").first()).not.toContainText("sam.lee@example.com");
    await page.screenshot({ path: `${shots}/admin-project-${tab}.png`, fullPage: true });
  }
  await page.goto(`/admin/projects/${project.slug}/prompts?q=thank-you`);
  await expect(page.getByText("Email <EMAIL_1> a thank-you note")).toBeVisible();

  // Paging through the imported prompts keeps the filter and offers the way back to the newest.
  await page.goto(`/admin/projects/${project.slug}/prompts?source=import`);
  await expect(page.getByText("Back to newest")).toHaveCount(0);
  await page.getByTestId("page-next").click();
  await expect(page).toHaveURL(/source=import.*after=|after=.*source=import/);
  await expect(page.getByTestId("page-newer")).toBeVisible();
  await page.getByText("Back to newest").click();
  await expect(page).toHaveURL(/\/prompts\?source=import$/);
});

test("a labeler writes a few-shot prompt", async ({ page }) => {
  const labeler = await makeUser("labeler");
  const project = await makeProject();
  await signInInBrowser(page, labeler.email, labeler.password);
  await page.goto("/");
  await page.locator('[data-testid="project-card"]', { hasText: project.name }).getByRole("link", { name: "Write a prompt" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${project.slug}/write$`));

  await page.getByText("Few-shot", { exact: true }).click();
  await page.getByLabel("Use-case category").selectOption("rewrite");
  await page.getByLabel("Instruction", { exact: true }).fill("Rewrite each sentence in plain English.");
  await page.getByLabel("Query 1").fill("The meeting has been postponed until further notice.");
  await page.getByLabel("Response 1").fill("The meeting is delayed. We will tell you the new date.");
  await page.getByLabel("Query 2").fill("Utilise the aforementioned methodology.");
  await page.getByLabel("Response 2").fill("Use the method we described.");
  await page.getByRole("button", { name: "Add example" }).click();
  await page.getByLabel("Query 3").fill("Commence the procedure forthwith.");
  await page.getByLabel("Response 3").fill("Start now.");
  await page.getByLabel("Final query (optional)").fill(`Please ascertain the veracity of the claim ${unique()}.`);
  await expect(page.getByTestId("few-shot-preview")).toContainText("Input: Commence the procedure forthwith.\nOutput: Start now.");
  await page.screenshot({ path: `${shots}/labeler-write-few-shot.png`, fullPage: true });

  // A draft survives a reload.
  await page.reload();
  await expect(page.getByLabel("Query 3")).toHaveValue("Commence the procedure forthwith.");

  await page.getByRole("button", { name: "Submit prompt" }).click();
  await expect(page.getByTestId("prompt-result")).toContainText(/Prompt saved to the (train|valid|test) split/);
  await expect(page.getByLabel("Instruction", { exact: true })).toHaveValue("");
  await page.screenshot({ path: `${shots}/labeler-write-saved.png`, fullPage: true });

  // Submitting the same prompt again is caught as a duplicate.
  await page.getByLabel("Instruction", { exact: true }).fill("Rewrite each sentence in plain English.");
  await page.getByLabel("Query 1").fill("The meeting has been postponed until further notice.");
  await page.getByLabel("Response 1").fill("The meeting is delayed. We will tell you the new date.");
  await page.getByLabel("Query 2").fill("Utilise the aforementioned methodology.");
  await page.getByLabel("Response 2").fill("Use the method we described.");
  await page.getByRole("button", { name: "Submit prompt" }).click();
  await expect(page.getByTestId("prompt-result")).toContainText(/already exists/);
});

test("a 100,000-line CSV file imports through the browser in batches", async ({ page }) => {
  test.setTimeout(600_000);
  const admin = await makeUser("admin");
  const project = await makeProject();
  const tag = unique();
  const rows = ["text,user_id,category,channel"];
  for (let i = 0; i < 100_000; i++) {
    // Every 10,000th line is broken (a missing column), the rest are distinct prompts.
    if (i % 10_000 === 5) rows.push(`only two columns ${i},u${i}`);
    else rows.push(`"Prompt ${i}, about subject ${i % 311}, ${tag}",user-${i % 1000},${i % 2 ? "generation" : ""},web`);
  }
  const file = `test-results/import-100k-${tag}.csv`;
  writeFileSync(file, `${rows.join("\n")}\n`);

  await signInInBrowser(page, admin.email, admin.password);
  await page.goto(`/admin/projects/${project.slug}/import`);
  await page.getByLabel("File (JSONL or CSV)").setInputFiles(file);
  const started = Date.now();
  await page.getByTestId("import-start").click();
  await expect(page.getByTestId("import-done").or(page.getByText("The import stopped"))).toBeVisible({ timeout: 540_000 });
  await expect(page.getByTestId("import-done")).toBeVisible();
  test.info().annotations.push({ type: "duration", description: `100k-line import took ${((Date.now() - started) / 1000).toFixed(1)} s` });
  await expect(page.getByTestId("import-lines")).toHaveText("100,000");
  await expect(page.getByTestId("import-invalid")).toHaveText("10");
  // 1,000 end users with 100 prompts each stay under the default quota of 200.
  await expect(page.getByTestId("import-accepted")).toHaveText("99,990");
});

test("an admin changes the pipeline settings, and a split that does not add up is refused", async ({ page }) => {
  const admin = await makeUser("admin");
  const project = await makeProject();
  await signInInBrowser(page, admin.email, admin.password);
  await page.goto(`/admin/projects/${project.slug}/settings`);

  await page.getByLabel("Train").fill("70");
  await expect(page.locator("#split-total")).toContainText("Total 90%");
  await page.getByTestId("settings-submit").click();
  await expect(page.locator("#split-error")).toBeVisible();

  await page.getByLabel("Train").fill("80");
  await page.getByLabel("Prompts per end-user ID").fill("150");
  await page.getByLabel("Lease length").fill("45");
  await page.getByTestId("settings-submit").click();
  await expect(page.getByTestId("settings-message")).toContainText("Saved");
  await page.reload();
  await expect(page.getByLabel("Prompts per end-user ID")).toHaveValue("150");
  await expect(page.getByLabel("Lease length")).toHaveValue("45");
  await page.screenshot({ path: `${shots}/admin-project-settings-saved.png`, fullPage: true });
});

test("an admin keeps public figures' names: prompts sent then keep them, private names are still redacted", async ({ page }) => {
  const admin = await makeUser("admin");
  const project = await makeProject();
  const writer = await newClient(BASE_URL, { authorization: `Bearer ${(await makeApiKey(["prompts:write"])).key}` });
  const send = async (text: string) => {
    const response = await writer.post(`/api/v1/projects/${project.slug}/prompts`, { data: { prompts: [{ text, user_id: "fan-1" }] } });
    expect(response.status()).toBe(200);
    return (await response.json()).results[0];
  };
  const text = (n: number) => `Write a poem about Abraham Lincoln for my neighbour Margarethe Oyelaran-Whitcombe, version ${n}.`;
  expect((await send(text(1))).redactions).toEqual([{ type: "PERSON", count: 2 }]);

  await signInInBrowser(page, admin.email, admin.password);
  await page.goto(`/admin/projects/${project.slug}/settings`);
  const keep = page.getByLabel("Keep the names of well-known public figures");
  await expect(keep).not.toBeChecked();
  await keep.check();
  await page.getByTestId("settings-submit").click();
  await expect(page.getByTestId("settings-message")).toContainText("Saved");
  await page.reload();
  await expect(page.getByLabel("Keep the names of well-known public figures")).toBeChecked();
  await page.getByText("Keep the names of well-known public figures").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/admin-project-settings-public-figures.png` });

  expect((await send(text(2))).redactions).toEqual([{ type: "PERSON", count: 1 }]);
  // The preview does what a project with the setting does, when asked to.
  const preview = await writer.post("/api/v1/redact", { data: { text: text(3), keep_public_figures: true } });
  expect((await preview.json()).redacted).toBe("Write a poem about Abraham Lincoln for my neighbour <PERSON_1>, version 3.");
});

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
}

test("an admin sees the conversation format in the import hint and a conversation prompt in the list", async ({ browser }) => {
  const admin = await makeUser("admin");
  const project = await makeProject();
  const tag = unique();
  const api = await newClient(BASE_URL, { authorization: `Bearer ${(await makeApiKey(["prompts:write"])).key}` });
  const lastTurn = `Yes, it does. What should I change, exactly? Please keep it short, ticket ${tag}.`;
  const ingested = await (
    await api.post(`/api/v1/projects/${project.slug}/prompts`, {
      data: {
        prompts: [
          { text: `Write a haiku about autumn rain ${tag}`, user_id: "u-plain" },
          {
            messages: [
              { role: "system", content: "You are the support assistant of a small web host. Be concise, and never ask for passwords." },
              {
                role: "user",
                content: "Hi, my site has been down since this morning. It says 502 Bad Gateway. Mail me at sam.lee@example.com",
              },
              { role: "assistant", content: "Sorry about that! Does your Node app call `app.listen(3000)` directly?" },
              { role: "user", content: lastTurn },
            ],
            user_id: "u-chat",
          },
        ],
      },
    })
  ).json();
  expect(ingested.results.map((result: { status: string }) => result.status)).toEqual(["accepted", "accepted"]);
  await api.dispose();

  for (const [width, height, suffix] of [
    [1440, 900, ""],
    [390, 844, "-phone"],
  ] as const) {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    await signInInBrowser(page, admin.email, admin.password);

    // The import hint shows both JSONL shapes and the CSV messages column.
    await page.goto(`/admin/projects/${project.slug}/import`);
    const hint = page.getByTestId("import-hint");
    await expect(hint).toContainText('{"text", "user_id", "category"?, "metadata"?}');
    await expect(hint).toContainText(
      '{"messages": [{"role": "system", "content": "…"}, {"role": "user", "content": "…"}], "user_id": "u1"}',
    );
    await expect(hint).toContainText("a messages column holds the JSON array");
    await noSidewaysScroll(page);
    await page.screenshot({ path: `${shots}/admin-import-hint${suffix}.png`, fullPage: true });

    // The list shows a conversation by its turns and its last user turn, not its transcript's first line.
    await page.goto(`/admin/projects/${project.slug}/prompts`);
    const chat = page.getByTestId("prompt-row").filter({ has: page.getByTestId("prompt-conversation-badge") });
    await expect(chat).toHaveCount(1);
    await expect(chat.getByTestId("prompt-conversation-badge")).toHaveText("Conversation · 3 turns");
    await expect(chat.getByTestId("prompt-text")).toContainText(lastTurn);
    await expect(chat.getByTestId("prompt-text")).not.toContainText("System:");
    await expect(chat).not.toContainText("sam.lee@example.com");
    const plain = page.getByTestId("prompt-row").filter({ hasText: `Write a haiku about autumn rain ${tag}` });
    await expect(plain.getByTestId("prompt-conversation-badge")).toHaveCount(0);
    await noSidewaysScroll(page);
    await page.screenshot({ path: `${shots}/admin-prompts-conversation${suffix}.png`, fullPage: true });

    // Opening it shows every turn under its role, the e-mail address redacted.
    await chat.getByRole("button", { name: "Show the conversation" }).click();
    const turns = chat.getByTestId("prompt-conversation").getByRole("listitem");
    await expect(turns).toHaveCount(4);
    await expect(turns.nth(0)).toContainText("System");
    await expect(turns.nth(1)).toContainText("Mail me at <EMAIL_1>");
    await expect(turns.nth(2)).toContainText("Assistant");
    await noSidewaysScroll(page);
    await page.screenshot({ path: `${shots}/admin-prompts-conversation-open${suffix}.png`, fullPage: true });
    await chat.getByRole("button", { name: "Show less" }).click();
    await expect(chat.getByTestId("prompt-conversation")).toHaveCount(0);
    await context.close();
  }
});
