import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ingestComparisonBatch } from "@/lib/labeling/import";
import { qualitySettingsOf, updateQualitySettings } from "@/lib/labeling/quality-settings";
import { createComparisonTask } from "@/lib/labeling/tasks";
import { getTaskRedactions } from "@/lib/pii/review";
import { updatePromptSettings } from "@/lib/prompts/mutations";
import { makeProject, makePrompt, makeUser } from "../support/factory";

// The project setting redactOutputs (issue 15 item 2): model outputs are redacted before they are
// stored unless it is off; prompts always are. What was replaced is recorded per output for review.
const NAMED = "Dear Margarethe Oyelaran-Whitcombe, your order ships to 12 Baker Street, London NW1 6XE.";
const PLAIN = (i: number) => `Output ${i}: a plain answer about tax-free growth in a Roth IRA.`;

function outputs(first: string) {
  return [first, PLAIN(1), PLAIN(2), PLAIN(3)].map((text, i) => ({
    model: `model-${i}`,
    text,
    metadata: { note: "for Margarethe Oyelaran-Whitcombe" },
  }));
}

describe("redaction of model outputs", () => {
  it("is on by default: the output is redacted, its counts recorded, and the review shows them", async () => {
    const project = await makeProject();
    expect(project.redactOutputs).toBe(true);
    const promptId = await makePrompt(project, "Write a thank-you note to Margarethe Oyelaran-Whitcombe for the flowers.");
    const task = await createComparisonTask(project, { prompt_id: promptId, outputs: outputs(NAMED) });
    const stored = await db.taskOutput.findMany({ where: { taskId: task.id }, orderBy: { position: "asc" } });
    expect(stored[0]!.text).not.toContain("Margarethe");
    expect(stored[0]!.text).toContain("<PERSON_1>");
    expect(stored[0]!.redactions).toEqual(expect.arrayContaining([{ type: "PERSON", count: 1 }]));
    // "Roth IRA" is no person: nothing replaced in the plain outputs.
    expect(stored[1]!.text).toBe(PLAIN(1));
    expect(stored[1]!.redactions).toEqual([]);
    const review = await getTaskRedactions(project.id, task.id);
    expect(review!.redactOutputs).toBe(true);
    expect(review!.prompt.text).toContain("<PERSON_1>");
    expect(review!.prompt.counts).toEqual([{ type: "PERSON", count: 1 }]);
    expect(review!.outputs[0]!.source).toBe("recorded");
    expect(review!.outputs[0]!.counts.find((c) => c.type === "PERSON")?.count).toBe(1);
  });

  it("when off, outputs are stored as sent (API, bulk import and the generation path alike); prompts and metadata are still redacted", async () => {
    const project = await makeProject();
    const admin = await makeUser("admin");
    const saved = await updatePromptSettings(project, { redactOutputs: false }, admin.id);
    expect(saved.changed).toEqual(["redactOutputs"]);
    const off = saved.project;
    expect(off.redactOutputs).toBe(false);

    const promptId = await makePrompt(off, "Write a thank-you note to Margarethe Oyelaran-Whitcombe for the flowers.");
    const prompt = await db.prompt.findUniqueOrThrow({ where: { id: promptId } });
    expect(prompt.text).not.toContain("Margarethe");

    // createComparisonTask is what POST …/comparisons and generation jobs (lib/models/worker.ts) call.
    const task = await createComparisonTask(off, { prompt_id: promptId, outputs: outputs(NAMED) });
    const stored = await db.taskOutput.findMany({ where: { taskId: task.id }, orderBy: { position: "asc" } });
    expect(stored[0]!.text).toBe(NAMED);
    expect(stored[0]!.redactions).toBeNull();
    expect(JSON.stringify(stored[0]!.metadata)).not.toContain("Margarethe");

    const [outcome] = await ingestComparisonBatch(
      off,
      { records: [{ line: 1, raw: JSON.stringify({ prompt_id: promptId, outputs: outputs(NAMED) }) }] },
      admin.id,
    );
    expect(outcome!.status).toBe("created");
    const imported = await db.taskOutput.findFirstOrThrow({ where: { taskId: (outcome as { task_id: string }).task_id, position: 0 } });
    expect(imported.text).toBe(NAMED);
    expect(JSON.stringify(imported.metadata)).not.toContain("Margarethe");

    const review = await getTaskRedactions(off.id, task.id);
    expect(review!.redactOutputs).toBe(false);
    expect(review!.outputs[0]!).toMatchObject({ source: "unrecorded", counts: [] });
    expect(review!.prompt.counts).toEqual([{ type: "PERSON", count: 1 }]);
  });

  it("is a project setting of the public API too (redact_outputs)", async () => {
    const project = await makeProject();
    expect(qualitySettingsOf(project).redact_outputs).toBe(true);
    const updated = await updateQualitySettings(project, { redact_outputs: false }, {});
    expect(qualitySettingsOf(updated).redact_outputs).toBe(false);
    // Turned back on, new tasks are redacted again.
    const on = await updateQualitySettings(updated, { redact_outputs: true }, {});
    const promptId = await makePrompt(on);
    const task = await createComparisonTask(on, { prompt_id: promptId, outputs: outputs(NAMED) });
    const first = await db.taskOutput.findFirstOrThrow({ where: { taskId: task.id, position: 0 } });
    expect(first.text).not.toContain("Margarethe");
  });
});
