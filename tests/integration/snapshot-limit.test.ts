import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { createSnapshot, deleteSnapshot, listSnapshots } from "@/lib/exports/snapshots";
import { makeProject } from "../support/factory";

describe("snapshot_limit", () => {
  it("holds under concurrent creation: of 6 at once with a limit of 3, exactly 3 are stored and the rest are 409s", async () => {
    const project = await makeProject();
    await db.project.update({ where: { id: project.id }, data: { snapshotLimit: 3 } });
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => createSnapshot(project, { name: `s${i}`, dataset: "prompts" }, {})),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(3);
    for (const result of results.filter((result) => result.status === "rejected")) {
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(AppError);
      expect((result as PromiseRejectedResult).reason.status).toBe(409);
    }
    expect(await listSnapshots(project)).toHaveLength(3);
  });

  it("defaults to 20 and frees a place when a snapshot is deleted, audited", async () => {
    const project = await makeProject();
    expect(project.snapshotLimit).toBe(20);
    await db.project.update({ where: { id: project.id }, data: { snapshotLimit: 1 } });
    await createSnapshot(project, { name: "first", dataset: "prompts" }, {});
    await expect(createSnapshot(project, { name: "second", dataset: "prompts" }, {})).rejects.toMatchObject({ status: 409 });
    await deleteSnapshot(project, "first", {});
    await expect(deleteSnapshot(project, "first", {})).rejects.toMatchObject({ status: 404 });
    await createSnapshot(project, { name: "second", dataset: "prompts" }, {});
    expect((await listSnapshots(project)).map((manifest) => manifest.name)).toEqual(["second"]);
    expect(await db.auditLog.count({ where: { action: "snapshot.delete", targetId: project.id } })).toBe(1);
    expect(await db.exportSnapshotChunk.count({ where: { file: { snapshot: { projectId: project.id, name: "first" } } } })).toBe(0);
  });
});
