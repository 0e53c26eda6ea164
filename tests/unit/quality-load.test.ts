import { describe, expect, it } from "vitest";
import { parseIntArray } from "@/lib/quality/load";

describe("PostgreSQL array text", () => {
  it("parses int[] as PostgreSQL writes it", () => {
    expect([...parseIntArray("{3,0,-1,12}")]).toEqual([3, 0, -1, 12]);
    expect([...parseIntArray("{}")]).toEqual([]);
    expect([...parseIntArray(null)]).toEqual([]);
  });
});
