// Gold tasks, blocking and the quality APIs over real HTTP, on two app instances sharing one database.
import { type APIRequestContext, expect, test } from "@playwright/test";
import { makeApiKey, makeProject, makeUser } from "../support/factory";
import { unique } from "../support/unique";
import { BASE_URL, newClient, SECOND_BASE_URL, signedInClient } from "./support/http";

type Task = { id: string; outputs: { id: string; text: string }[] };

/** Ranks a served task by the number in each output's text: right (0 first) or reversed. */
function answer(task: Task, right: boolean) {
  const numberOf = (text: string) => Number(/Answer (\d+)/.exec(text)![1]);
  const ordered = [...task.outputs].sort((a, b) => numberOf(a.text) - numberOf(b.text));
  if (!right) ordered.reverse();
  return {
    ratings: Object.fromEntries(task.outputs.map((output) => [output.id, { likert: 7 - numberOf(output.text), flags: [] }])),
    ranking: ordered.map((output) => [output.id]),
    prompt_labels: { category: "generation", flags: [] },
  };
}

async function makeTasks(machine: APIRequestContext, slug: string, count: number, gold: boolean) {
  for (let i = 0; i < count; i++) {
    const ingest = await (
      await machine.post(`/api/v1/projects/${slug}/prompts`, {
        data: { prompts: [{ text: `Quality prompt ${unique()}`, user_id: unique("u") }] },
      })
    ).json();
    const created = await machine.post(`/api/v1/projects/${slug}/comparisons`, {
      data: {
        prompt_id: ingest.results[0].id,
        outputs: Array.from({ length: 4 }, (_, j) => ({ model: `model-${j}`, text: `Answer ${j}` })),
        ...(gold ? { gold_ranking: [[0], [1], [2], [3]] } : {}),
      },
    });
    expect(created.status()).toBe(201);
  }
}

test("a careless labeler answering on two instances at once is blocked everywhere, and leaves the win rates", async () => {
  const project = await makeProject();
  const machine = await newClient(BASE_URL, {
    authorization: `Bearer ${(await makeApiKey(["prompts:write", "outputs:write", "projects:admin", "quality:read"])).key}`,
  });
  // The warning bar may not sit below the blocking bar.
  expect(
    (await machine.patch(`/api/v1/projects/${project.slug}/settings`, { data: { gold_warn_below: 0.4, gold_block_below: 0.5 } })).status(),
  ).toBe(422);
  const saved = await machine.patch(`/api/v1/projects/${project.slug}/settings`, {
    data: { gold_rate: 1, gold_min_answered: 2, gold_block_below: 0.5, gold_warn_below: 0.7, baseline_model: "model-0" },
  });
  expect(saved.status()).toBe(200);
  expect((await saved.json()).settings).toMatchObject({ gold_rate: 1, baseline_model: "model-0", screening_tasks: 0 });
  await makeTasks(machine, project.slug, 4, true);

  const careless = await makeUser("labeler");
  const careful = await makeUser("labeler");
  const onA = await signedInClient(careless.email, careless.password, BASE_URL);
  const onB = await signedInClient(careless.email, careless.password, SECOND_BASE_URL);
  const good = await signedInClient(careful.email, careful.password, SECOND_BASE_URL);

  // The careful labeler answers every gold task right.
  for (let i = 0; i < 4; i++) {
    const task = (await (await good.post(`/api/v1/projects/${project.slug}/tasks/next`)).json()) as Task;
    expect((await good.post(`/api/v1/tasks/${task.id}/submit`, { data: answer(task, true) })).status()).toBe(200);
  }
  // The careless one answers wrongly, alternating instances; the second wrong answer blocks them.
  for (const client of [onA, onB]) {
    const task = (await (await client.post(`/api/v1/projects/${project.slug}/tasks/next`)).json()) as Task;
    expect((await client.post(`/api/v1/tasks/${task.id}/submit`, { data: answer(task, false) })).status()).toBe(200);
  }
  for (const client of [onA, onB]) {
    const refused = await client.post(`/api/v1/projects/${project.slug}/tasks/next`);
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.code).toBe("quality_blocked");
  }

  const quality = await (await machine.get(`/api/v1/projects/${project.slug}/quality`)).json();
  const statuses = quality.labelers.map((labeler: { status: string; gold: { accuracy: number } }) => [
    labeler.status,
    labeler.gold.accuracy,
  ]);
  expect(statuses).toEqual(
    expect.arrayContaining([
      ["blocked", 0],
      ["active", 1],
    ]),
  );
  expect(JSON.stringify(quality)).not.toContain(careless.email);
  expect(quality.overall.pairwise_agreement).toEqual({ value: null, ci95: null, n: 0 });

  const models = await machine.get(`/api/v1/projects/${project.slug}/models?baseline=model-0`);
  expect(models.status()).toBe(200);
  expect((await models.json()).baseline).toBe("model-0");
  expect((await machine.get(`/api/v1/projects/${project.slug}/models?split=nope`)).status()).toBe(422);
});
