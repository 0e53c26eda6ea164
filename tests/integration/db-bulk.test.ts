import { describe, expect, it } from "vitest";
import { copyRows, queryTextRows } from "@/lib/db-bulk";

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
