import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { qualitySettingsOf, updateQualitySettings } from "@/lib/labeling/quality-settings";
import { createComparisonTask } from "@/lib/labeling/tasks";
import { updatePromptSettings } from "@/lib/prompts/mutations";
import { makeProject, makePrompt, makeUser } from "../support/factory";

// The project setting keepPublicFigures (issue 16): off by default; on, the names of well-known
// public and fictional figures are stored as written, in prompts and in redacted model outputs,
// while private people in the same text are still redacted.
const PROMPT = "Write a poem about Abraham Lincoln for my neighbour Margarethe Oyelaran-Whitcombe.";
const OUTPUT = "Abraham Lincoln, tall and wise — a poem for Margarethe Oyelaran-Whitcombe.";
const outputs = () => [OUTPUT, "Answer two.", "Answer three.", "Answer four."].map((text, i) => ({ model: `model-${i}`, text }));

describe("the public-figures setting", () => {
  it("is off by default: a famous name is redacted in prompts and outputs", async () => {
    const project = await makeProject();
    expect(project.keepPublicFigures).toBe(false);
    const promptId = await makePrompt(project, PROMPT);
    const prompt = await db.prompt.findUniqueOrThrow({ where: { id: promptId } });
    expect(prompt.text).toBe("Write a poem about <PERSON_1> for my neighbour <PERSON_2>.");
    const task = await createComparisonTask(project, { prompt_id: promptId, outputs: outputs() });
    const first = await db.taskOutput.findFirstOrThrow({ where: { taskId: task.id, position: 0 } });
    expect(first.text).toBe("<PERSON_1>, tall and wise — a poem for <PERSON_2>.");
  });

  it("on, keeps famous names and still redacts private ones, in prompts and outputs", async () => {
    const admin = await makeUser("admin");
    const saved = await updatePromptSettings(await makeProject(), { keepPublicFigures: true }, admin.id);
    expect(saved.changed).toEqual(["keepPublicFigures"]);
    const project = saved.project;
    const promptId = await makePrompt(project, PROMPT);
    const prompt = await db.prompt.findUniqueOrThrow({ where: { id: promptId } });
    expect(prompt.text).toBe("Write a poem about Abraham Lincoln for my neighbour <PERSON_1>.");
    const task = await createComparisonTask(project, { prompt_id: promptId, outputs: outputs() });
    const first = await db.taskOutput.findFirstOrThrow({ where: { taskId: task.id, position: 0 } });
    expect(first.text).toBe("Abraham Lincoln, tall and wise — a poem for <PERSON_1>.");
    expect(first.redactions).toEqual([{ type: "PERSON", count: 1 }]);
  });

  it("is a project setting of the public API too (keep_public_figures), and prompts follow it once changed", async () => {
    const project = await makeProject();
    expect(qualitySettingsOf(project).keep_public_figures).toBe(false);
    const on = await updateQualitySettings(project, { keep_public_figures: true }, {});
    expect(qualitySettingsOf(on).keep_public_figures).toBe(true);
    const kept = await db.prompt.findUniqueOrThrow({ where: { id: await makePrompt(on, `${PROMPT} (1)`) } });
    expect(kept.text).toContain("Abraham Lincoln");
    const off = await updateQualitySettings(on, { keep_public_figures: false }, {});
    const redacted = await db.prompt.findUniqueOrThrow({ where: { id: await makePrompt(off, `${PROMPT} (2)`) } });
    expect(redacted.text).not.toContain("Lincoln");
  });
});
