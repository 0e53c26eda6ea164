import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createSnapshot, openSnapshotFile } from "@/lib/exports/snapshots";
import { leaseNextTask, submitTask } from "@/lib/labeling/queue";
import { makeProject, makeRankingTask, makeUser } from "../support/factory";
import { waitForSettledExports } from "../support/settle";

async function read(stream: ReadableStream<Uint8Array>) {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

describe("snapshots", () => {
  it("freeze an export: the same bytes on every download, matching the manifest, unchanged by later rankings", async () => {
    const project = await makeProject();
    const rank = async () => {
      await makeRankingTask(project, 5);
      const labeler = await makeUser("labeler");
      const task = (await leaseNextTask(project, labeler.id))!;
      const ids = task.outputs.map((o) => o.id);
      await submitTask(task.id, labeler.id, {
        ratings: Object.fromEntries(ids.map((id) => [id, { likert: 3, flags: [] }])),
        ranking: ids.map((id) => [id]),
        prompt_labels: { category: "chat", flags: [] },
      });
    };
    for (let i = 0; i < 4; i++) await rank();
    await waitForSettledExports(project.id);
    const manifest = await createSnapshot(project, { name: "rm-v1", dataset: "comparisons", format: "pairs" }, {});
    expect(manifest.files.map((f) => f.split)).toEqual(["train", "valid", "test"]);
    expect(Object.values(manifest.records_per_split).reduce((a, b) => a + b, 0)).toBe(4 * 10);

    await rank();
    for (const file of manifest.files) {
      const first = await read((await openSnapshotFile(project, "rm-v1", file.name)).body);
      const second = await read((await openSnapshotFile(project, "rm-v1", file.name)).body);
      expect(second.equals(first)).toBe(true);
      expect(createHash("sha256").update(first).digest("hex")).toBe(file.sha256);
      expect(first.length).toBe(file.bytes);
      const lines = gunzipSync(first).toString("utf8").split("\n").filter(Boolean);
      expect(lines).toHaveLength(file.records);
      for (const line of lines) expect(JSON.parse(line).split).toBe(file.split);
    }
    await expect(createSnapshot(project, { name: "rm-v1", dataset: "comparisons" }, {})).rejects.toThrow(/already/);
    expect(await db.exportSnapshot.count({ where: { projectId: project.id } })).toBe(1);
  });
});
