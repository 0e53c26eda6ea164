// Conversation prompts end to end on the real database: in through the prompts API, bulk import
// and the labeler's form (server side), redacted across turns, keyed for dedup on the role-tagged
// transcript, sent to generators as messages, labeled, and out through every export format and a
// snapshot's dataset card.
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { exportRecords, planExport } from "@/lib/exports/records";
import { type ExportDataset, exportQuerySchema, FORMATS_BY_DATASET } from "@/lib/exports/schema";
import { createSnapshot, DATASET_CARD_FILE, openSnapshotFile } from "@/lib/exports/snapshots";
import { createImport, ingestImportBatch } from "@/lib/imports/mutations";
import { leaseNextTask, submitTask } from "@/lib/labeling/queue";
import { createComparisonTask, createDemonstrationTasks } from "@/lib/labeling/tasks";
import { requestCompletions } from "@/lib/models/openai-client";
import { type ConversationMessage, renderTranscript } from "@/lib/prompts/conversation";
import { ingestPrompts } from "@/lib/prompts/ingest";
import { labelerPromptContent, labelerPromptSchema } from "@/lib/prompts/labeler-prompt";
import { makeApiKey, makeProject, makeUser } from "../support/factory";
import { type OpenAiServer, startOpenAiServer } from "../support/openai-server";
import { waitForSettledExports } from "../support/settle";
import { unique } from "../support/unique";

const { POST: ingestRoute } = await import("@/app/api/v1/projects/[slug]/prompts/route");

type Project = Awaited<ReturnType<typeof makeProject>>;

async function postPrompts(project: Project, key: string, body: unknown) {
  const response = await ingestRoute(
    new Request(`http://localhost/api/v1/projects/${project.slug}/prompts`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ slug: project.slug }) },
  );
  return { status: response.status, json: await response.json() };
}

const servers: OpenAiServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

describe("conversation prompts through the prompts API", () => {
  it("stores redacted turns numbered across the conversation, with the role-tagged transcript as text", async () => {
    const project = await makeProject();
    const { key } = await makeApiKey(["prompts:write"]);
    const messages = [
      { role: "system", content: "You help with travel plans." },
      { role: "user", content: "I'm travelling with my colleague Margaret Thompson; write to margaret.thompson@example.com." },
      { role: "assistant", content: "Happy to help Margaret Thompson. Where are you going?" },
      { role: "user", content: `To Lisbon; also cc john.doe@example.org and margaret.thompson@example.com. ${unique()}` },
    ];
    const response = await postPrompts(project, key, { prompts: [{ messages, user_id: "end-user-1", category: "chat" }] });
    expect(response.status).toBe(200);
    expect(response.json.results[0]).toMatchObject({ status: "accepted" });
    expect(response.json.results[0].redactions).toEqual(expect.arrayContaining([{ type: "EMAIL", count: 3 }]));

    const stored = await db.prompt.findUniqueOrThrow({ where: { id: response.json.results[0].id } });
    const turns = stored.messages as ConversationMessage[];
    expect(turns.map((turn) => turn.role)).toEqual(["system", "user", "assistant", "user"]);
    expect(JSON.stringify(turns)).not.toMatch(/Margaret|Thompson|example\.com|john\.doe/);
    expect(turns[1]!.content).toContain("<EMAIL_1>");
    expect(turns[3]!.content).toContain("<EMAIL_1>");
    expect(turns[3]!.content).toContain("<EMAIL_2>");
    const person = turns[1]!.content.match(/<PERSON_\d+>/)![0];
    expect(turns[2]!.content).toContain(person);
    expect(stored.text).toBe(renderTranscript(turns));
    expect(stored.text.startsWith("System: You help with travel plans.\n\nUser: ")).toBe(true);
  });

  it("answers 422 naming the message when the last one is not the user's, and stores nothing", async () => {
    const project = await makeProject();
    const { key } = await makeApiKey(["prompts:write"]);
    const response = await postPrompts(project, key, {
      prompts: [
        { text: "A fine text prompt", user_id: "u" },
        {
          messages: [
            { role: "user", content: "Hi" },
            { role: "assistant", content: "Hello!" },
          ],
          user_id: "u",
        },
      ],
    });
    expect(response.status).toBe(422);
    expect(response.json.error.code).toBe("unprocessable");
    expect(response.json.error.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "prompts.1.messages.1.role", message: expect.stringMatching(/last message/) }),
      ]),
    );
    for (const body of [
      { prompts: [{ user_id: "u" }] },
      { prompts: [{ user_id: "u", text: "x", messages: [{ role: "user", content: "x" }] }] },
      { prompts: [{ user_id: "u", messages: [{ role: "tool", content: "x" }] }] },
      { prompts: [{ user_id: "u", messages: [] }] },
    ]) {
      const bad = await postPrompts(project, key, body);
      expect(bad.status, JSON.stringify(body)).toBe(422);
      expect(bad.json.error.issues.length).toBeGreaterThan(0);
    }
    expect(await db.prompt.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("dedups on the role-tagged text, counts every turn against the token limit, and keeps quotas", async () => {
    const project = await makeProject();
    await db.project.update({ where: { id: project.id }, data: { dedupPrefixWords: 8, maxPromptTokens: 60, promptQuota: 3 } });
    const fresh = await db.project.findUniqueOrThrow({ where: { id: project.id } });
    const system = {
      role: "system" as const,
      content: "You are a patient assistant who explains things simply and answers only what was asked.",
    };
    const conversation = (user: string) => [system, { role: "user" as const, content: user }];
    const results = await ingestPrompts({
      project: fresh,
      source: "api",
      prompts: [
        { user_id: "a", messages: conversation("How do rainbows form?") },
        // The same conversation, with other case and spacing.
        {
          user_id: "b",
          messages: [
            { ...system, content: system.content.toUpperCase() },
            { role: "user", content: "how do  RAINBOWS form?" },
          ],
        },
        // The same system prompt, another question: not a duplicate (the system message counts whole).
        { user_id: "a", messages: conversation("Why is the sky blue?") },
        // The same words as a plain text: not the same role-tagged text.
        { user_id: "c", text: "How do rainbows form?" },
        // Too long only when every turn is counted.
        {
          user_id: "d",
          messages: [
            { role: "user", content: "word ".repeat(30) },
            { role: "assistant", content: "word ".repeat(30) },
            { role: "user", content: "Go on" },
          ],
        },
        { user_id: "a", messages: conversation("What is a prism?") },
        { user_id: "a", messages: conversation("What is refraction?") },
      ],
    });
    expect(results.map((result) => result.status)).toEqual([
      "accepted",
      "duplicate",
      "accepted",
      "accepted",
      "rejected",
      "accepted",
      "quota_exceeded",
    ]);
    expect(results[1]!.duplicate_of).toBe(results[0]!.id);
    expect(results[4]!.reason).toMatch(/tokens; the limit is 60/);
    // Every prompt of an end user in one split, conversations or not.
    const splits = await db.prompt.findMany({
      where: { projectId: project.id, userRef: { not: "" } },
      select: { userRef: true, split: true },
    });
    const byUser = new Map<string, Set<string>>();
    for (const row of splits) byUser.set(row.userRef, (byUser.get(row.userRef) ?? new Set()).add(row.split));
    for (const set of byUser.values()) expect(set.size).toBe(1);
  });
});

describe("conversation prompts through bulk import and the labeler's form", () => {
  it("imports JSONL and CSV conversations, and reports a conversation not ending on the user as an invalid line", async () => {
    const admin = await makeUser("admin");
    const project = await makeProject();
    const jsonl = await createImport(project, { file_name: "chats.jsonl", format: "jsonl" }, admin.id);
    const chat = [
      { role: "user", content: `Suggest a name for my bakery ${unique()}` },
      { role: "assistant", content: "What do you bake?" },
      { role: "user", content: "Sourdough, mostly." },
    ];
    const lines = [
      JSON.stringify({ messages: chat, user_id: "u1" }),
      JSON.stringify({ messages: chat.slice(0, 2), user_id: "u2" }),
      JSON.stringify({ text: "Plain text still works", user_id: "u3" }),
    ].map((raw, index) => ({ line: index + 1, raw }));
    expect(await ingestImportBatch(project, jsonl, { batch: 0, records: lines })).toMatchObject({ lines: 3, accepted: 2, invalid: 1 });
    const problem = await db.promptImportProblem.findFirstOrThrow({ where: { importId: jsonl.id } });
    expect(problem).toMatchObject({ line: 2, status: "invalid" });
    expect(problem.reason).toMatch(/^messages\.1\.role: The last message must be from the user/);
    const imported = await db.prompt.findFirstOrThrow({ where: { importId: jsonl.id, messages: { not: { equals: null } } } });
    expect(imported.messages).toEqual(chat);

    const header = "messages,text,user_id,channel";
    const csvChat = JSON.stringify([{ role: "user", content: `Translate ${unique()} into French` }]).replaceAll('"', '""');
    const csv = await createImport(project, { file_name: "chats.csv", format: "csv", header }, admin.id);
    const rows = [header, `"${csvChat}",,u4,web`, ",A text row,u5,mobile", '"[not json",,u6,web'].map((raw, index) => ({
      line: index + 1,
      raw,
    }));
    expect(await ingestImportBatch(project, csv, { batch: 0, records: rows })).toMatchObject({ lines: 3, accepted: 2, invalid: 1 });
    const fromCsv = await db.prompt.findMany({ where: { importId: csv.id }, orderBy: { text: "asc" } });
    expect(fromCsv.map((row) => [row.text.slice(0, 6), row.messages === null, row.metadata])).toEqual([
      ["A text", true, { channel: "mobile" }],
      ["User: ", false, { channel: "web" }],
    ]);
  });

  it("takes a labeler's turns through the pipeline as a conversation", async () => {
    const project = await makeProject();
    const labeler = await makeUser("labeler");
    const body = labelerPromptSchema.parse({
      kind: "user_based",
      category: "chat",
      use_case: "A support chat",
      messages: [
        { role: "system", content: "You are a support agent." },
        { role: "user", content: `My order ${unique()} has not arrived. Call me on +1 415 555 0132.` },
        { role: "assistant", content: "Sorry to hear that. When did you order?" },
        { role: "user", content: "Last week; my number again: +1 415 555 0132." },
      ],
    });
    const [outcome] = await ingestPrompts({
      project,
      source: "labeler",
      kind: body.kind,
      createdById: labeler.id,
      prompts: [{ ...labelerPromptContent(body), user_id: `labeler:${labeler.id}`, category: body.category }],
    });
    expect(outcome!.status).toBe("accepted");
    const stored = await db.prompt.findUniqueOrThrow({ where: { id: outcome!.id } });
    const turns = stored.messages as ConversationMessage[];
    expect(turns[1]!.content).toContain("<PHONE_1>");
    expect(turns[3]!.content).toBe("Last week; my number again: <PHONE_1>.");
    expect(stored).toMatchObject({ kind: "user_based", source: "labeler" });
  });
});

describe("generation for a conversation", () => {
  it("sends chat endpoints the messages and completion endpoints the transcript with an assistant cue", async () => {
    const server = await startOpenAiServer();
    servers.push(server);
    const messages: ConversationMessage[] = [
      { role: "system", content: "Be brief." },
      { role: "user", content: "Name a colour." },
      { role: "assistant", content: "Blue." },
      { role: "user", content: "Another?" },
    ];
    const prompt = { text: renderTranscript(messages), messages };
    const params = { temperature: 0.5, top_p: 1, max_tokens: 16 };
    const chat = await requestCompletions(
      { baseUrl: server.baseUrl, api: "chat", model: "chat-model", apiKey: null, params },
      prompt,
      2,
      5000,
    );
    const completion = await requestCompletions(
      { baseUrl: server.baseUrl, api: "completions", model: "completion-model", apiKey: null, params },
      prompt,
      1,
      5000,
    );
    expect(chat).toHaveLength(2);
    expect(completion).toHaveLength(1);
    const [chatRequest, completionRequest] = server.requests;
    expect(chatRequest!.body.messages).toEqual(messages);
    expect(completionRequest!.body.prompt).toBe(`${renderTranscript(messages)}\n\nAssistant:`);
    expect(completionRequest!.body).not.toHaveProperty("messages");
  });
});

describe("conversation prompts through labeling and every export format", () => {
  it("keep their turns in batches, pairs, trl, trl-conversational, openai, hh, consensus, sft, messages and prompts, and in a snapshot's card", async () => {
    const project = await makeProject();
    await db.project.update({ where: { id: project.id }, data: { labelsPerTask: 2 } });
    const labeled = await db.project.findUniqueOrThrow({ where: { id: project.id } });
    const messages: ConversationMessage[] = [
      { role: "system", content: "You are a cooking assistant." },
      { role: "user", content: `What can I make with eggs and spinach? ${unique()}` },
      { role: "assistant", content: "An omelette or a frittata. Do you have cheese?" },
      { role: "user", content: "Only feta." },
    ];
    const [outcome] = await ingestPrompts({ project: labeled, source: "api", prompts: [{ messages, user_id: "cook" }] });
    expect(outcome!.status).toBe("accepted");
    const promptId = outcome!.id!;
    const transcript = renderTranscript(messages);

    await createComparisonTask(labeled, {
      prompt_id: promptId,
      outputs: [0, 1, 2, 3].map((i) => ({ model: `model-${i % 2}`, text: `Reply ${i}: a spinach and feta frittata, variant ${i}.` })),
    });
    await createDemonstrationTasks(labeled, { prompt_ids: [promptId], labels: 1 });
    for (let l = 0; l < 2; l++) {
      const labeler = await makeUser("labeler");
      for (;;) {
        const task = await leaseNextTask(labeled, labeler.id);
        if (!task) break;
        if (task.kind === "demonstration") {
          await submitTask(task.id, labeler.id, { text: "Whisk the eggs, wilt the spinach, crumble the feta, bake 15 minutes." });
        } else {
          // Best first by their text (Reply 0 … Reply 3), whatever order they were shown in.
          const ids = [...task.outputs].sort((a, b) => (a.text < b.text ? -1 : 1)).map((output) => output.id);
          await submitTask(task.id, labeler.id, {
            ratings: Object.fromEntries(ids.map((id, i) => [id, { likert: 6 - i, flags: [] }])),
            ranking: ids.map((id) => [id]),
            prompt_labels: { category: "chat", flags: [] },
          });
        }
      }
    }
    await waitForSettledExports(project.id);

    async function exported(dataset: ExportDataset, format: string) {
      const query = exportQuerySchema(dataset).parse({ format });
      const range = await planExport(labeled, dataset, query);
      // biome-ignore lint/suspicious/noExplicitAny: records of ten formats, checked field by field below.
      const records: Record<string, any>[] = [];
      if (!range) return records;
      for await (const record of exportRecords(labeled, dataset, query, range)) records.push(record as (typeof records)[number]);
      return records;
    }

    const history = messages;
    const batches = await exported("comparisons", "batches");
    expect(batches).toHaveLength(2);
    expect(batches[0]!.prompt).toMatchObject({ id: promptId, text: transcript, messages: history });

    const pairs = await exported("comparisons", "pairs");
    expect(pairs[0]).toMatchObject({ prompt: transcript, prompt_messages: history });

    const trl = await exported("comparisons", "trl");
    expect(trl[0]!.prompt).toBe(`${transcript}\n\nAssistant:`);
    expect(trl[0]!.chosen).toMatch(/^ Reply 0:/);

    const conversational = await exported("comparisons", "trl-conversational");
    expect(conversational[0]).toMatchObject({
      prompt: history,
      chosen: [{ role: "assistant", content: expect.stringMatching(/^Reply 0/) }],
    });

    const openai = await exported("comparisons", "openai");
    expect(openai[0]).toMatchObject({ input: { messages: history }, preferred_output: [{ role: "assistant" }] });

    const hh = await exported("comparisons", "hh");
    expect(hh[0]!.chosen).toBe(
      `You are a cooking assistant.\n\nHuman: ${history[1]!.content}\n\nAssistant: ${history[2]!.content}\n\nHuman: Only feta.\n\nAssistant: Reply 0: a spinach and feta frittata, variant 0.`,
    );

    const consensus = await exported("comparisons", "consensus");
    expect(consensus).toHaveLength(1);
    expect(consensus[0]!.prompt).toMatchObject({ id: promptId, text: transcript, messages: history });

    const sft = await exported("demonstrations", "sft");
    expect(sft[0]).toMatchObject({
      prompt: `${transcript}\n\nAssistant:`,
      completion: " Whisk the eggs, wilt the spinach, crumble the feta, bake 15 minutes.",
    });
    const chat = await exported("demonstrations", "messages");
    expect(chat[0]!.messages).toEqual([
      ...history,
      { role: "assistant", content: "Whisk the eggs, wilt the spinach, crumble the feta, bake 15 minutes." },
    ]);

    const prompts = await exported("prompts", "prompts");
    expect(prompts[0]).toMatchObject({ id: promptId, text: transcript, messages: history });

    // Every format covered.
    expect([...FORMATS_BY_DATASET.comparisons, ...FORMATS_BY_DATASET.demonstrations, ...FORMATS_BY_DATASET.prompts]).toHaveLength(10);

    const manifest = await createSnapshot(labeled, { name: "chats-v1", dataset: "comparisons", format: "trl-conversational" }, {});
    expect(manifest.card).toMatchObject({ name: DATASET_CARD_FILE });
    const opened = await openSnapshotFile(labeled, "chats-v1", DATASET_CARD_FILE);
    const card = Buffer.from(await new Response(opened.body).arrayBuffer()).toString("utf8");
    expect(opened.file.sha256).toBe(manifest.card!.sha256);
    expect(card.startsWith("---\n")).toBe(true);
    const header = card.slice(4, card.indexOf("\n---\n", 4));
    expect(header).toContain("license: other");
    expect(header).toContain("configs:\n- config_name: comparisons-trl-conversational\n  default: true\n  data_files:");
    // The one conversation's split has the records; empty splits stay out of the config.
    for (const file of manifest.files) expect(header.includes(`path: ${file.name}`)).toBe(file.records > 0);
    // The conversational fields are lists of {role, content}.
    expect(header).toMatch(/- name: prompt\n {4}list:\n {4}- name: role\n {6}dtype: string\n {4}- name: content\n {6}dtype: string/);
    expect(card).toContain("| Rankings | 2 |");
    expect(card).toContain("| Labelers | 2 |");
    expect(card).toContain("| of which conversations | 1 |");
    expect(card).toMatch(/\| 1 \| 3 \|/);
    // The data files are the snapshot's own and decompress to the records the card describes.
    const trainFile = manifest.files.find((file) => file.records > 0)!;
    const data = Buffer.from(await new Response((await openSnapshotFile(labeled, "chats-v1", trainFile.name)).body).arrayBuffer());
    expect(JSON.parse(gunzipSync(data).toString("utf8").split("\n")[0]!).prompt).toEqual(history);
  });
});
