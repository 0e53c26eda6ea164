import { describe, expect, it } from "vitest";
import { ByteList, copyText, RankingRows, unescapeCopyText } from "@/lib/quality/load";

/** A COPY text row as PostgreSQL sends it. */
const row = (...values: string[]) => Buffer.from(`${values.join("\t")}\n`, "utf8");

describe("COPY rows of rankings", () => {
  it("numbers tasks and labelers by sorted id and sorts the rows by (task, labeler), whatever order they come in", () => {
    const rows = new RankingRows("report");
    // task, labeler, ranks, likerts, flagMasks, firstShown, durationMs, day (gold comes from the gold tasks' ids)
    rows.add(row("t2", "b", "{1,0,2}", "{5,6,7}", "{0,0,0}", "1", "60000", "20000"));
    rows.add(row("t1", "c", "{0,0,1,2}", "{}", "{}", "\\N", "\\N", "20001"));
    rows.add(row("t2", "a", "{0,1,1}", "{7,6}", "{0,0,0}", "0", "1500", "19999"));
    rows.add(row("t10", "b", "{12,-1}", "{1,NULL,3}", "{0,0}", "\\N", "42", "-3"));
    rows.markGold(["t1", "t404"]);
    const { rankings, taskIds, labelerIds, taskRank } = rows.finish();
    expect(taskIds).toEqual(["t1", "t10", "t2"]);
    expect(labelerIds).toEqual(["a", "b", "c"]);
    expect(rows.taskIndex("t2", taskRank)).toBe(2);
    expect(rows.taskIndex("t3", taskRank)).toBe(-1);
    expect(rankings.size).toBe(4);
    expect([...rankings.task]).toEqual([0, 1, 2, 2]);
    expect([...rankings.labeler]).toEqual([2, 1, 0, 1]);
    expect([...rankings.gold]).toEqual([1, 0, 0, 0]);
    const ranksOf = (r: number) => [...rankings.ranks.subarray(rankings.start[r]!, rankings.start[r]! + rankings.outputs[r]!)];
    const likertsOf = (r: number) => [...rankings.likerts.subarray(rankings.start[r]!, rankings.start[r]! + rankings.outputs[r]!)];
    expect([0, 1, 2, 3].map(ranksOf)).toEqual([
      [0, 0, 1, 2],
      [12, -1],
      [0, 1, 1],
      [1, 0, 2],
    ]);
    // Ratings by ranked position: missing ones 0, extra ones dropped, a NULL element 0.
    expect([0, 1, 2, 3].map(likertsOf)).toEqual([
      [0, 0, 0, 0],
      [1, 0],
      [7, 6, 0],
      [5, 6, 7],
    ]);
    expect([...rankings.firstShown]).toEqual([-1, -1, 0, 1]);
    expect([...rankings.durationMs]).toEqual([Number.NaN, 42, 1500, 60000]);
    expect([...rankings.day]).toEqual([20001, -3, 19999, 20000]);
  });

  it("gives each ranking its task's prompt (numbered in order of first appearance in the sorted rows) and gold flag, and reads flags", () => {
    const rows = new RankingRows("report", 2);
    // task, labeler, ranks, likerts, flagMasks, firstShown, durationMs, day
    for (let i = 0; i < 3000; i++) rows.add(row(`task-${i % 1000}`, `l${i % 7}`, "{0,1}", "{3,4}", "{4,0}", "\\N", "\\N", "0"));
    rows.add(row("task-0", "l9", "{1,0,2}", "{1,2,3}", "{0,5,1}", "\\N", "\\N", "0"));
    // Task t's prompt is p(t·7 mod 11), as the models query gives it; task-3 is gold; task-5 has no row there.
    const promptOf = new Int32Array(rows.taskCount).fill(-1);
    for (let t = 0; t < 1000; t++) {
      const id = Buffer.from(`task-${t}`);
      const key = rows.taskKey(id, 0, id.length);
      const prompt = Buffer.from(`p${(t * 7) % 11}`);
      if (t !== 5) promptOf[key] = rows.promptKey(prompt, 0, prompt.length);
    }
    rows.setTaskPrompts(promptOf);
    rows.markGold(["task-3"]);
    const { rankings, taskIds } = rows.finish();
    expect(taskIds).toHaveLength(1000);
    expect(taskIds.slice(0, 3)).toEqual(["task-0", "task-1", "task-10"]);
    expect(rankings.size).toBe(3001);
    // task-0 (prompt p0) comes first: prompt 0; task-1 (p7): 1; task-10 (p4): 2; task-100 (p7) again 1.
    expect(Array.from(rankings.prompt.subarray(0, 4))).toEqual([0, 0, 0, 0]);
    const firstOf = (index: number) => rankings.task.indexOf(index);
    expect([1, 2, 3].map((task) => rankings.prompt[firstOf(task)])).toEqual([1, 2, 1]);
    expect(rankings.gold[firstOf(taskIds.indexOf("task-3"))]).toBe(1);
    expect(rankings.gold[firstOf(taskIds.indexOf("task-4"))]).toBe(0);
    // task-0: labelers l0, l6, l5 (i = 0, 1000, 2000) and l9, numbered 0, 6, 5 and 7.
    expect([...rankings.labeler.subarray(0, 4)]).toEqual([0, 5, 6, 7]);
    const r = 3;
    expect([...rankings.flagMasks.subarray(rankings.start[r]!, rankings.start[r]! + 3)]).toEqual([0, 5, 1]);
    // Not recorded: no first-shown, no duration.
    expect(rankings.firstShown[0]).toBe(-1);
    expect(rankings.durationMs[0]).toBeNaN();
  });

  it("with dedup, keeps the first ranking of a (task, labeler) read again, and makes the table again after more rows", () => {
    const rows = new RankingRows("review", 0, { dedup: true });
    rows.add(row("t1", "a", "{0,1}"));
    rows.add(row("t2", "a", "{1,0}"));
    expect(rows.finish().rankings.size).toBe(2);
    // A later read overlaps the first: t2/a comes again (dropped), t1/b is new.
    rows.add(row("t2", "a", "{1,0}"));
    rows.add(row("t1", "b", "{1,0}"));
    const { rankings, labelerIds } = rows.finish();
    expect(rows.count).toBe(3);
    expect(labelerIds).toEqual(["a", "b"]);
    expect([...rankings.task]).toEqual([0, 0, 1]);
    expect([...rankings.labeler]).toEqual([0, 1, 0]);
    expect([...rankings.ranks]).toEqual([0, 1, 1, 0, 1, 0]);
  });

  it("numbers tasks in the order of sorted ids given, or sorts them when those miss a ranked task", () => {
    const make = () => {
      const rows = new RankingRows("review");
      for (const task of ["b", "a", "c", "b"]) rows.add(row(task, "l", "{0,1}"));
      return rows;
    };
    const list = (...ids: string[]) => {
      const sorted = new ByteList();
      for (const id of ids) sorted.add(Buffer.from(id), 0, id.length);
      return sorted;
    };
    // PostgreSQL's order (with a task no ranking is of) is taken as it is.
    expect(make().finish(list("c", "a", "x", "b")).taskIds).toEqual(["c", "a", "b"]);
    // A ranked task missing from the list: sorted here instead.
    expect(make().finish(list("c", "a")).taskIds).toEqual(["a", "b", "c"]);
  });

  it("decodes text values: UTF-8 and COPY's backslash escapes", () => {
    const bytes = Buffer.from("Zoë\\tand\\\\x\\n", "utf8");
    expect(copyText(bytes, 0, bytes.length)).toBe("Zoë\tand\\x\n");
    expect(copyText(Buffer.from("plain"), 1, 4)).toBe("lai");
    expect(unescapeCopyText("a\\bb\\101\\x42\\q")).toBe("a\bbAB" + "q");
    const rows = new RankingRows("review");
    rows.add(row("t\\\\1", "Zoë", "{0}"));
    rows.add(row("t1", "Zoe", "{0}"));
    // A task only the models query names (no ranking) is not numbered.
    rows.taskKey(Buffer.from("t0"), 0, 2);
    const { taskIds, labelerIds, taskRank } = rows.finish();
    expect(taskIds).toEqual(["t1", "t\\1"]);
    expect(rows.taskIndex("t\\1", taskRank)).toBe(1);
    expect(rows.taskIndex("t0", taskRank)).toBe(-1);
    expect(labelerIds).toEqual(["Zoe", "Zoë"]);
  });
});

describe("the server's warm-up", () => {
  it("parses synthetic COPY text and computes both reports without a database", async () => {
    const { warmQualityCode } = await import("@/lib/quality/warm");
    await expect(warmQualityCode()).resolves.toBeUndefined();
  });

  it("parses what the rankings were written as: the figures equal those of the records", async () => {
    const { agreementReport, generateSyntheticRankings, tableOf } = await import("@/lib/quality");
    const { parseRankings } = await import("@/lib/quality/load");
    const { records, tasks } = generateSyntheticRankings(7, 400, { labelers: 12 });
    const id = (task: number) => `t${String(task).padStart(4, "0")}`;
    const text = records
      .map(
        (record) =>
          `${id(record.task)}\tl${record.labeler}\t{${Array.from(record.ranks)}}\t{${Array.from(record.likerts!)}}\t{}\t0\t1\t2\n`,
      )
      .join("");
    const ids = Array.from({ length: tasks }, (_, task) => `${id(task)}\n`).join("");
    const parsed = parseRankings("report", { rankings: Buffer.from(text), sortedTaskIds: Buffer.from(ids) });
    const options = { resamples: 200 };
    const fromText = agreementReport(parsed.rankings, options);
    const fromRecords = agreementReport(tableOf(records), options);
    expect(fromText.pairwise.overall).toEqual(fromRecords.pairwise.overall);
    expect(fromText.tauB).toEqual(fromRecords.tauB);
    expect(fromText.alpha).toEqual(fromRecords.alpha);
  });
});
