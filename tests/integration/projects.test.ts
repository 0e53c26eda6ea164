import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/api/errors";
import { updateProject } from "@/lib/projects/mutations";
import { makeProject, makeUser } from "../support/factory";

describe("projects", () => {
  it("have unique slugs", async () => {
    const project = await makeProject();
    const error = await makeProject(project.slug).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(409);
  });

  it("start a new instructions version only when the instructions change", async () => {
    const admin = await makeUser("admin");
    const project = await makeProject();
    const renamed = await updateProject(project, { name: "Renamed" }, admin.id);
    expect(renamed.instructionsVersion).toBe(1);
    const rewritten = await updateProject(project, { instructions: "## New rules" }, admin.id);
    expect(rewritten.instructionsVersion).toBe(2);
    const same = await updateProject(project, { instructions: "## New rules" }, admin.id);
    expect(same.instructionsVersion).toBe(2);
  });
});
