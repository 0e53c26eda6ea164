// The admin export screen: counts per split, a preview of a format's first records, the snippets
// that pull it, and a snapshot frozen from the form. Screenshots are kept in test-results/.
import { mkdirSync } from "node:fs";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { db } from "@/lib/db";
import { makeApiKey, makeProject, makeUser } from "../support/factory";
import { unique } from "../support/unique";
import { signInInBrowser } from "./support/browser";
import { BASE_URL, newClient, signedInClient, waitForExportedRankings } from "./support/http";

test.describe.configure({ timeout: 180_000 });

const shots = process.env.SCREENSHOT_DIR ?? "test-results/screenshots";
mkdirSync(shots, { recursive: true });

type Project = Awaited<ReturnType<typeof makeProject>>;
type Split = "train" | "valid" | "test";

/**
 * A prompt and its K outputs through the API (the PII-stripping ingest runs in the app, not here),
 * ranked by a new labeler into tie groups of the given sizes. Returns the prompt's split.
 */
async function rankOne(project: Project, machine: APIRequestContext, groupSizes: number[]): Promise<Split> {
  const k = groupSizes.reduce((a, b) => a + b, 0);
  const ingest = await (
    await machine.post(`/api/v1/projects/${project.slug}/prompts`, {
      data: { prompts: [{ text: `Write a short poem about ${unique("topic")}`, user_id: unique("end-user") }] },
    })
  ).json();
  const promptId = ingest.results[0].id as string;
  expect(
    (
      await machine.post(`/api/v1/projects/${project.slug}/comparisons`, {
        data: { prompt_id: promptId, outputs: Array.from({ length: k }, (_, i) => ({ model: `model-${i}`, text: `Poem number ${i}` })) },
      })
    ).ok(),
  ).toBe(true);
  const labeler = await makeUser("labeler");
  const client = await signedInClient(labeler.email, labeler.password);
  const task = await (await client.post(`/api/v1/projects/${project.slug}/tasks/next`)).json();
  const ids: string[] = task.outputs.map((o: { id: string }) => o.id);
  let at = 0;
  const ranking = groupSizes.map((size) => ids.slice(at, (at += size)));
  const submitted = await client.post(`/api/v1/tasks/${task.id}/submit`, {
    data: {
      ratings: Object.fromEntries(ids.map((id) => [id, { likert: 5, flags: [] }])),
      ranking,
      prompt_labels: { category: "generation", flags: [] },
    },
  });
  expect(submitted.ok()).toBe(true);
  await client.dispose();
  const prompt = await db.prompt.findUniqueOrThrow({ where: { id: promptId }, select: { split: true } });
  return prompt.split as Split;
}

test("an admin sees counts per split, previews a format, copies the snippets and freezes a snapshot", async ({ browser }) => {
  const admin = await makeUser("admin");
  const project = await makeProject();
  const machine = await newClient(BASE_URL, { authorization: `Bearer ${(await makeApiKey(["prompts:write", "outputs:write"])).key}` });
  const expected = { rankings: { train: 0, valid: 0, test: 0 }, pairs: { train: 0, valid: 0, test: 0 } };
  // K = 4 without ties (6 pairs), K = 5 with one tied pair (9), K = 4 all tied (0).
  for (const [shape, pairs] of [
    [[1, 1, 1, 1], 6],
    [[1, 2, 1, 1], 9],
    [[4], 0],
  ] as const) {
    const split = await rankOne(project, machine, [...shape]);
    expected.rankings[split] += 1;
    expected.pairs[split] += pairs;
  }
  await machine.dispose();
  await waitForExportedRankings(project.slug, 3);

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signInInBrowser(page, admin.email, admin.password);
  await page.goto(`/admin/projects/${project.slug}`);
  await page.getByRole("link", { name: "Export" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/projects/${project.slug}/export`));

  for (const split of ["train", "valid", "test"] as const) {
    await expect(page.getByTestId(`export-count-comparisons-${split}`)).toHaveText(String(expected.rankings[split]));
    await expect(page.getByTestId(`export-pairs-${split}`)).toHaveText(String(expected.pairs[split]));
    await expect(page.getByTestId(`export-count-demonstrations-${split}`)).toHaveText("0");
  }

  // The default is one batch element per ranking; the pairs format carries group_id on every record.
  await expect(page.getByTestId("export-preview")).toContainText('"tie_groups"');
  await page.getByTestId("export-format").selectOption("comparisons:trl");
  await expect(page).toHaveURL(/format=trl/);
  const preview = page.getByTestId("export-preview");
  await expect(preview).toContainText('"group_id"');
  await expect(preview).toContainText('"chosen"');
  // Records are pretty-printed and separated by a blank line (JSON strings never hold a raw newline).
  const shown = (await preview.textContent())!.split("\n\n").map((text) => JSON.parse(text) as { group_id: string });
  expect(shown).toHaveLength(3);

  const curl = page.getByTestId("snippet-curl");
  await expect(curl).toContainText(`/api/v1/projects/${project.slug}/export/comparisons?format=trl`);
  await expect(curl).toContainText("Authorization: Bearer $RANKLAB_KEY");
  await expect(curl).toContainText("--compressed");
  await expect(curl).toContainText("since=$CURSOR");
  const python = page.getByTestId("snippet-python");
  await expect(python).toContainText('load_dataset("json"');
  await expect(python).toContainText("stream=True");
  await expect(python).toContainText('groups[row["group_id"]]');

  await page.getByTestId("export-split").selectOption("train");
  await expect(page.getByTestId("snippet-curl")).toContainText("format=trl&split=train");

  // A snapshot of the pairs, all splits: the manifest lists one file per split with its records.
  const name = unique("rm-v")
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, "-");
  await page.getByTestId("snapshot-name").fill(name);
  await page.getByTestId("snapshot-format").selectOption("comparisons:pairs");
  await page.getByTestId("snapshot-submit").click();
  const manifest = page.getByTestId("snapshot-manifest");
  await expect(manifest).toContainText(`Snapshot "${name}" created`);
  await expect(manifest.getByTestId("snapshot-file")).toHaveCount(3);
  for (const split of ["train", "valid", "test"] as const) {
    await expect(manifest.getByTestId("snapshot-file").filter({ hasText: `comparisons-pairs-${split}.jsonl.gz` })).toContainText(
      `${expected.pairs[split]} records`,
    );
  }
  await expect(manifest).toContainText(`/snapshots/${name}/files/comparisons-pairs-train.jsonl.gz`);
  // The dataset card comes first, with its curl line (API key) and a view the admin's session opens.
  const card = manifest.getByTestId("snapshot-card");
  await expect(card).toContainText("README.md");
  await expect(card).toContainText("dataset card");
  await expect(card).toContainText(`/snapshots/${name}/files/README.md`);
  await expect(card.getByTestId("snapshot-card-view")).toHaveAttribute(
    "href",
    `/api/admin/projects/${project.slug}/snapshots/${name}/card`,
  );
  const row = page.locator(`[data-testid="snapshot-row"][data-name="${name}"]`);
  await expect(row).toBeVisible();
  await row.getByText("3 files + dataset card").click();
  await expect(row.getByTestId("snapshot-card")).toBeVisible();
  await page.screenshot({ path: `${shots}/admin-export.png`, fullPage: true });
  await row.getByTestId("snapshot-card").screenshot({ path: `${shots}/admin-export-card-row.png` });

  const opened = page.waitForEvent("popup");
  await row.getByTestId("snapshot-card-view").click();
  const cardTab = await opened;
  await expect(cardTab.locator("body")).toContainText("configs:");
  await expect(cardTab.locator("body")).toContainText("comparisons-pairs-train.jsonl.gz");
  await cardTab.screenshot({ path: `${shots}/admin-export-card-view.png` });
  await cardTab.close();
  const served = await page.request.get(`/api/admin/projects/${project.slug}/snapshots/${name}/card`);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe("text/plain; charset=utf-8");
  expect((await served.text()).startsWith("---\n")).toBe(true);

  // The same name again is refused on the name field.
  await page.getByTestId("snapshot-submit").click();
  await expect(page.getByText(/already a snapshot named/i).first()).toBeVisible();

  // On a phone nothing pushes the page sideways (code boxes scroll inside themselves).
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId("export-preview")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await page.locator(`[data-testid="snapshot-row"][data-name="${name}"]`).getByText("3 files + dataset card").click();
  await expect(page.locator(`[data-testid="snapshot-row"][data-name="${name}"]`).getByTestId("snapshot-card")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
  await page.screenshot({ path: `${shots}/admin-export-phone.png`, fullPage: true });
  await context.close();
});
