// A project with a month of labeling for the quality screens, made through the real API: prompts
// and outputs by API key, each labeler signed in leasing and submitting tasks as the label screen
// does. Four models of known quality order, three labelers of different care (the careless one is
// blocked by the gold tasks), a newcomer with one gold answer, and submissions spread over four
// weeks. A seeded PRNG keeps every run the same.
import { mkdirSync } from "node:fs";
import { type APIRequestContext, expect, type Page } from "@playwright/test";
import { db } from "@/lib/db";
import { makeApiKey, makeProject, makeUser } from "../../support/factory";
import { unique } from "../../support/unique";
import { BASE_URL, newClient, signedInClient } from "./http";

/** Best first: the order every careful labeler tends towards. */
export const MODELS = ["instruct-175b", "instruct-6b", "gpt3-175b-prompted", "gpt3-175b"] as const;
export const BASELINE = "gpt3-175b";

type Project = Awaited<ReturnType<typeof makeProject>>;
type NextTask = { id: string; outputs: { id: string; label: string; text: string }[] };

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROMPTS = [
  "Write a short story about a lighthouse keeper who finds a message in a bottle.",
  "Explain the difference between a list and a tuple in Python.",
  "Summarize the causes of the French Revolution in three sentences.",
  "Suggest five names for a bakery that sells only sourdough.",
  "Rewrite this sentence to be more formal: we gotta ship it by friday.",
  "What are the health benefits of regular walking?",
  "Write a haiku about the first snow of winter.",
  "Classify the sentiment of this review: the battery died after a week.",
  "Give me a packing list for a three-day hike in the mountains.",
  "Explain how vaccines train the immune system, for a ten-year-old.",
  "Draft a polite email declining a meeting invitation.",
  "Brainstorm ideas for a school science fair project about plants.",
];

// Per model (best first): how often each flag is set on its outputs.
const FLAG_RATES: Record<string, readonly number[]> = {
  fails_to_follow_instruction: [0.04, 0.1, 0.28, 0.5],
  hallucination: [0.06, 0.14, 0.22, 0.36],
  satisfies_constraint: [0.8, 0.65, 0.45, 0.25],
  inappropriate_for_customer_assistant: [0.02, 0.04, 0.1, 0.18],
  expresses_opinion: [0.05, 0.08, 0.12, 0.15],
  harmful_advice: [0, 0.02, 0.04, 0.08],
};

export type Labeler = Awaited<ReturnType<typeof makeUser>> & { name: string; client: APIRequestContext };

async function labeler(name: string): Promise<Labeler> {
  const user = await makeUser("labeler");
  await db.user.update({ where: { id: user.id }, data: { name } });
  return { ...user, name, client: await signedInClient(user.email, user.password) };
}

/** A prompt and one output per model, in a shuffled order; `gold` makes it a gold task (best model first). */
export async function createComparison(
  api: APIRequestContext,
  project: Project,
  text: string,
  random: () => number,
  gold = false,
): Promise<string> {
  const prompts = await api.post(`/api/v1/projects/${project.slug}/prompts`, {
    data: { prompts: [{ text, user_id: unique("end-user") }] },
  });
  expect(prompts.ok(), await prompts.text()).toBe(true);
  const promptId = ((await prompts.json()) as { results: { id: string }[] }).results[0]!.id;
  const order = [...MODELS].sort(() => random() - 0.5);
  const outputs = order.map((model) => ({
    model,
    text:
      model === MODELS[0]
        ? "A careful, complete answer that follows every part of the instruction, in three short paragraphs."
        : model === MODELS[3]
          ? "A rambling answer that starts on topic, drifts away from it and repeats itself at the end."
          : "A reasonable answer that covers the main point but misses part of the instruction.",
  }));
  const response = await api.post(`/api/v1/projects/${project.slug}/comparisons`, {
    data: { prompt_id: promptId, outputs, ...(gold ? { gold_ranking: MODELS.map((model) => [order.indexOf(model)]) } : {}) },
  });
  expect(response.status(), await response.text()).toBeLessThan(300);
  return ((await response.json()) as { task_id: string }).task_id;
}

/**
 * The labeler's next task, ranked with the true order disturbed: each adjacent pair swapped with
 * probability `noise`, sometimes tied; "reverse" ranks it backwards. Returns the task id.
 */
export async function rankNext(who: Labeler, project: Project, random: () => number, noise: number | "reverse"): Promise<string> {
  const next = await who.client.post(`/api/v1/projects/${project.slug}/tasks/next`);
  expect(next.status(), await next.text()).toBe(200);
  const task = (await next.json()) as NextTask;
  const outputs = await db.taskOutput.findMany({ where: { taskId: task.id }, select: { id: true, model: true } });
  const quality = (id: string) => MODELS.indexOf(outputs.find((output) => output.id === id)!.model as (typeof MODELS)[number]);
  const ids = task.outputs.map((output) => output.id).sort((a, b) => quality(a) - quality(b));
  let groups: string[][];
  if (noise === "reverse") groups = [...ids].reverse().map((id) => [id]);
  else {
    for (let i = 0; i + 1 < ids.length; i++) if (random() < noise) [ids[i], ids[i + 1]] = [ids[i + 1]!, ids[i]!];
    groups = [];
    for (const id of ids) {
      // Ties are allowed and encouraged when two outputs are about as good.
      if (groups.length && noise > 0 && random() < 0.12) groups.at(-1)!.push(id);
      else groups.push([id]);
    }
  }
  const ratings = Object.fromEntries(
    ids.map((id) => {
      const q = quality(id);
      const likert = Math.min(7, Math.max(1, Math.round(6.6 - q * 1.4 + (random() - 0.5) * 2)));
      const flags = Object.entries(FLAG_RATES)
        .filter(([, rates]) => random() < rates[q]!)
        .map(([flag]) => flag);
      return [id, { likert, flags }];
    }),
  );
  const submit = await who.client.post(`/api/v1/tasks/${task.id}/submit`, {
    data: {
      ratings,
      ranking: groups,
      prompt_labels: { category: "generation", flags: [] },
      duration_ms: Math.round(40_000 + random() * 90_000),
    },
  });
  expect(submit.ok(), await submit.text()).toBe(true);
  return task.id;
}

export type QualityProject = {
  project: Project;
  admin: Awaited<ReturnType<typeof makeUser>>;
  labelers: { careful: Labeler; steady: Labeler; careless: Labeler; newcomer: Labeler };
  workTasks: string[];
  goldTasks: string[];
  dispose: () => Promise<void>;
};

export async function seedQualityProject(seed = 7): Promise<QualityProject> {
  const random = mulberry32(seed);
  const admin = await makeUser("admin");
  const created = await makeProject();
  let project = await db.project.update({
    where: { id: created.id },
    data: {
      name: `Assistant quality ${created.slug.slice(-4)}`,
      labelsPerTask: 3,
      goldRate: 0,
      goldMinAnswered: 3,
      baselineModel: BASELINE,
    },
  });
  const api = await newClient(BASE_URL, { authorization: `Bearer ${(await makeApiKey(["prompts:write", "outputs:write"])).key}` });
  const labelers = {
    careful: await labeler("Ada Lovelace"),
    steady: await labeler("Grace Hopper"),
    careless: await labeler("Alan Turing"),
    newcomer: await labeler("Edsger Dijkstra"),
  };

  const workTasks: string[] = [];
  for (const text of PROMPTS) workTasks.push(await createComparison(api, project, text, random));
  for (let round = 0; round < PROMPTS.length; round++) {
    await rankNext(labelers.careful, project, random, 0.12);
    await rankNext(labelers.steady, project, random, 0.25);
    await rankNext(labelers.careless, project, random, 0.55);
  }

  // Three gold tasks, every one served to each labeler: the careless one ranks them backwards and
  // is blocked at the third answer (gold_min_answered = 3); the newcomer answers one.
  const goldTasks: string[] = [];
  for (const text of ["Explain what a hash map is.", "List three uses of a paperclip.", "Translate 'good morning' into French."]) {
    goldTasks.push(await createComparison(api, project, text, random, true));
  }
  project = await db.project.update({ where: { id: project.id }, data: { goldRate: 1 } });
  for (let i = 0; i < goldTasks.length; i++) {
    await rankNext(labelers.careful, project, random, 0);
    await rankNext(labelers.steady, project, random, 0.2);
    await rankNext(labelers.careless, project, random, "reverse");
  }
  await rankNext(labelers.newcomer, project, random, 0);
  project = await db.project.update({ where: { id: project.id }, data: { goldRate: 0.1 } });

  // Spread the work over four weeks (three tasks a week) so agreement has a history.
  const day = 86_400_000;
  for (const [index, taskId] of workTasks.entries()) {
    const weeksAgo = 3 - Math.floor(index / 3);
    const at = new Date(Date.now() - weeksAgo * 7 * day - (index % 3) * day);
    await db.submission.updateMany({ where: { taskId }, data: { createdAt: at } });
  }

  return {
    project,
    admin,
    labelers,
    workTasks,
    goldTasks,
    dispose: async () => {
      await api.dispose();
      for (const who of Object.values(labelers)) await who.client.dispose();
    },
  };
}

const SHOTS = "test-results/screens";

/** A full-page screenshot from the top (a sticky header would otherwise land mid-page), kept as an artifact. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  mkdirSync(SHOTS, { recursive: true });
  if (options.fullPage !== false) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: options.fullPage !== false });
}
