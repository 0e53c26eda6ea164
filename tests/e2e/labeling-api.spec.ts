// The labeling API over real HTTP, on two app instances sharing one database.
import { expect, test } from "@playwright/test";
import { makeApiKey, makeProject, makeUser } from "../support/factory";
import { unique } from "../support/unique";
import { BASE_URL, newClient, SECOND_BASE_URL, signedInClient } from "./support/http";

test("outputs in: 4 to 9 outputs make one ranking task; anything else is a 422 that says why", async () => {
  const project = await makeProject();
  const machine = await newClient(BASE_URL, { authorization: `Bearer ${(await makeApiKey(["prompts:write", "outputs:write"])).key}` });
  const ingest = await (
    await machine.post(`/api/v1/projects/${project.slug}/prompts`, {
      data: { prompts: [{ text: `Name a colour ${unique()}`, user_id: "u1" }] },
    })
  ).json();
  const promptId = ingest.results[0].id as string;
  const outputs = (k: number) =>
    Array.from({ length: k }, (_, i) => ({ model: `m${i}`, text: `Output ${i}, written to jane.roe@example.com` }));

  const created = await machine.post(`/api/v1/projects/${project.slug}/comparisons`, {
    data: { prompt_id: promptId, outputs: outputs(6) },
  });
  expect(created.status()).toBe(201);
  const body = await created.json();
  expect(body.task_id).toEqual(expect.any(String));
  expect(body.outputs.map((o: { model: string }) => o.model)).toEqual(["m0", "m1", "m2", "m3", "m4", "m5"]);

  const bad: [unknown, RegExp][] = [
    [{ prompt_id: promptId, outputs: outputs(3) }, /at least 4/],
    [{ prompt_id: promptId, outputs: outputs(10) }, /at most 9/],
    [{ prompt_id: "no-such-prompt", outputs: outputs(4) }, /No prompt/],
    [{ prompt_id: promptId, outputs: [...outputs(3), { model: "m9", text: "  " }] }, /empty/],
  ];
  for (const [data, message] of bad) {
    const response = await machine.post(`/api/v1/projects/${project.slug}/comparisons`, { data });
    expect(response.status()).toBe(422);
    expect((await response.json()).error.message).toMatch(message);
  }

  // The outputs were redacted before storage, and no model name reaches the labeler.
  const labeler = await makeUser("labeler");
  const client = await signedInClient(labeler.email, labeler.password);
  const task = await (await client.post(`/api/v1/projects/${project.slug}/tasks/next`)).json();
  expect(task.outputs).toHaveLength(6);
  expect(JSON.stringify(task)).not.toContain("jane.roe@example.com");
  expect(JSON.stringify(task.outputs)).not.toMatch(/"model"/);
});

test("next, submit and skip across two instances; a lost lease is a 409", async () => {
  const project = await makeProject();
  const machine = await newClient(BASE_URL, { authorization: `Bearer ${(await makeApiKey(["prompts:write", "outputs:write"])).key}` });
  for (let i = 0; i < 2; i++) {
    const ingest = await (
      await machine.post(`/api/v1/projects/${project.slug}/prompts`, {
        data: { prompts: [{ text: `Task prompt ${i} ${unique()}`, user_id: `u${i}` }] },
      })
    ).json();
    await machine.post(`/api/v1/projects/${project.slug}/comparisons`, {
      data: { prompt_id: ingest.results[0].id, outputs: Array.from({ length: 4 }, (_, j) => ({ model: `m${j}`, text: `Answer ${j}` })) },
    });
  }
  const labeler = await makeUser("labeler");
  const first = await signedInClient(labeler.email, labeler.password, BASE_URL);
  const task = await (await first.post(`/api/v1/projects/${project.slug}/tasks/next`)).json();
  const second = await signedInClient(labeler.email, labeler.password, SECOND_BASE_URL);
  const reload = await (await second.post(`/api/v1/projects/${project.slug}/tasks/next`)).json();
  expect(reload.id).toBe(task.id);
  expect(reload.outputs).toEqual(task.outputs);

  const ids = task.outputs.map((o: { id: string }) => o.id);
  const answer = {
    ratings: Object.fromEntries(ids.map((id: string) => [id, { likert: 5, flags: [] }])),
    ranking: [[ids[0], ids[1]], [ids[2]], [ids[3]]],
    prompt_labels: { category: "open_qa", flags: [] },
  };
  const incomplete = await second.post(`/api/v1/tasks/${task.id}/submit`, { data: { ...answer, ranking: [[ids[0]]] } });
  expect(incomplete.status()).toBe(422);
  expect((await incomplete.json()).error.issues.map((i: { path: string }) => i.path)).toContain("ranking");
  expect((await second.post(`/api/v1/tasks/${task.id}/submit`, { data: answer })).status()).toBe(200);

  const other = await (await first.post(`/api/v1/projects/${project.slug}/tasks/next`)).json();
  expect(other.id).not.toBe(task.id);
  // A skip is a reason code and, apart, the labeler's words: the old "reason: words" string and
  // "other" without words are refused with the fields named.
  for (const [body, path] of [
    [{ reason: "intent_unclear: Java or Python?" }, "reason"],
    [{ reason: "other" }, "note"],
    [{ reason: "other", note: "   " }, "note"],
  ] as const) {
    const refused = await first.post(`/api/v1/tasks/${other.id}/skip`, { data: body });
    expect(refused.status()).toBe(422);
    expect((await refused.json()).error.issues.map((i: { path: string }) => i.path)).toContain(path);
  }
  const skipped = await first.post(`/api/v1/tasks/${other.id}/skip`, { data: { reason: "intent_unclear", note: "Java or Python?" } });
  expect(skipped.status()).toBe(200);
  const { db: store } = await import("@/lib/db");
  expect(await store.assignment.findFirstOrThrow({ where: { taskId: other.id, labelerId: labeler.id } })).toMatchObject({
    skipReason: "intent_unclear",
    skipNote: "Java or Python?",
  });
  expect((await first.post(`/api/v1/projects/${project.slug}/tasks/next`)).status()).toBe(204);

  // A second labeler takes the skipped task; when an admin releases their lease and a third takes
  // it, the second labeler's late answer is refused with 409.
  const late = await makeUser("labeler");
  const lateClient = await signedInClient(late.email, late.password);
  const lateTask = await (await lateClient.post(`/api/v1/projects/${project.slug}/tasks/next`)).json();
  expect(lateTask.id).toBe(other.id);
  const admin = await makeUser("admin");
  const adminClient = await signedInClient(admin.email, admin.password);
  const { db } = await import("@/lib/db");
  const assignment = await db.assignment.findFirstOrThrow({ where: { taskId: other.id, labelerId: late.id } });
  expect((await adminClient.post(`/api/admin/assignments/${assignment.id}/release`)).status()).toBe(200);
  const third = await makeUser("labeler");
  const thirdClient = await signedInClient(third.email, third.password);
  expect((await (await thirdClient.post(`/api/v1/projects/${project.slug}/tasks/next`)).json()).id).toBe(other.id);
  const lateIds = lateTask.outputs.map((o: { id: string }) => o.id);
  const refused = await lateClient.post(`/api/v1/tasks/${other.id}/submit`, {
    data: { ...answer, ratings: Object.fromEntries(lateIds.map((id: string) => [id, { likert: 3, flags: [] }])), ranking: [lateIds] },
  });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.code).toBe("conflict");
});
