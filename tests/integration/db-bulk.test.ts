import { describe, expect, it } from "vitest";
import { copyRows, inTransaction, queryTextRows } from "@/lib/db-bulk";
import { unique } from "../support/unique";

describe("copyRows", () => {
  it("gives every row whole, in order, however the server's chunks cut them", async () => {
    // Rows of very different lengths (up to ~20 kB) so that chunks end inside rows and inside tabs,
    // with the characters COPY escapes (tab, newline, backslash) inside values.
    const rows: string[] = [];
    await copyRows(
      `SELECT i, repeat('x', (i * 7919) % 20000), E'a\\tb\\nc\\\\d', NULL FROM generate_series(1, 3000) i ORDER BY i`,
      (buffer, from, to) => rows.push(buffer.toString("utf8", from, to)),
    );
    expect(rows).toHaveLength(3000);
    rows.forEach((row, index) => {
      const i = index + 1;
      expect(row).toBe(`${i}\t${"x".repeat((i * 7919) % 20000)}\ta\\tb\\nc\\\\d\t\\N\n`);
    });
  });

  it("rejects when the query fails, and the pool keeps answering", async () => {
    await expect(copyRows(`SELECT 1 / (i - 5) FROM generate_series(1, 10) i`, () => {})).rejects.toThrow(/division by zero/);
    expect(await queryTextRows("SELECT 41 + 1", [])).toEqual([["42"]]);
  });

  it("rejects when a row's handler throws", async () => {
    await expect(
      copyRows(`SELECT i FROM generate_series(1, 10) i`, () => {
        throw new Error("bad row");
      }),
    ).rejects.toThrow("bad row");
    expect(await queryTextRows("SELECT 'still here'", [])).toEqual([["still here"]]);
  });
});

describe("inTransaction", () => {
  it("commits what the work wrote, and returns its result", async () => {
    const table = unique("tx_commit_");
    await queryTextRows(`CREATE TABLE "${table}" (n int)`, []);
    const result = await inTransaction(
      async (run) => {
        await run(`INSERT INTO "${table}" SELECT (v->>'n')::int FROM json_array_elements($1::json) AS v`, [
          JSON.stringify([{ n: 1 }, { n: 2 }]),
        ]);
        return run<{ total: number }>(`SELECT sum(n)::int AS "total" FROM "${table}"`, []);
      },
      { timeoutMs: 10_000 },
    );
    expect(result).toEqual([{ total: 3 }]);
    expect(await queryTextRows(`SELECT count(*) FROM "${table}"`, [])).toEqual([["2"]]);
  });

  it("rolls back everything when the work throws, and the pool keeps answering", async () => {
    const table = unique("tx_rollback_");
    await queryTextRows(`CREATE TABLE "${table}" (n int)`, []);
    await expect(
      inTransaction(
        async (run) => {
          await run(`INSERT INTO "${table}" VALUES (1)`, []);
          throw new Error("changed my mind");
        },
        { timeoutMs: 10_000 },
      ),
    ).rejects.toThrow("changed my mind");
    await expect(inTransaction((run) => run(`INSERT INTO "${table}" VALUES (1 / 0)`, []), { timeoutMs: 10_000 })).rejects.toThrow(
      /division by zero/,
    );
    expect(await queryTextRows(`SELECT count(*) FROM "${table}"`, [])).toEqual([["0"]]);
    expect(await inTransaction((run) => run<{ one: number }>("SELECT 1 AS one", []), { timeoutMs: 10_000 })).toEqual([{ one: 1 }]);
  });

  it("cancels a statement that runs past the timeout", async () => {
    await expect(inTransaction((run) => run("SELECT pg_sleep(5)", []), { timeoutMs: 200 })).rejects.toThrow(/statement timeout/);
  });
});
