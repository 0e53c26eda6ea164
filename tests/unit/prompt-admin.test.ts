import { describe, expect, it } from "vitest";
import { piiTypeLabel } from "@/components/prompts/admin/labels";
import { quotaOverrideSchema } from "@/lib/prompts/mutations";
import { cursorSchema, encodeCursor, escapeLike, foldCounters, usageCursorSchema } from "@/lib/prompts/queries";

describe("prompt browser helpers", () => {
  it("escapes LIKE wildcards so a search matches them literally", () => {
    expect(escapeLike("100%_sure\\")).toBe("100\\%\\_sure\\\\");
    expect(escapeLike("plain words")).toBe("plain words");
  });

  it("round-trips a page cursor and refuses anything else", () => {
    const cursor = { at: new Date("2026-05-01T10:20:30.456Z"), id: "c1a2b3-x_y" };
    expect(cursorSchema.parse(encodeCursor(cursor))).toEqual(cursor);
    for (const bad of ["", "abc", "12", ".id", "12.", "12.has space", "12.a'b", `${"9".repeat(16)}.id`]) {
      expect(cursorSchema.safeParse(bad).success, bad).toBe(false);
    }
    expect(usageCursorSchema.parse("200.ref_-1")).toEqual({ count: 200, userRef: "ref_-1" });
  });

  it("names PII types for people", () => {
    expect(piiTypeLabel("EMAIL")).toBe("Email");
    expect(piiTypeLabel("STREET_ADDRESS")).toBe("Street address");
    expect(piiTypeLabel("IP_ADDRESS")).toBe("IP address");
  });
});

describe("foldCounters", () => {
  it("splits counter names into outcomes, rejection reasons and redactions, filling missing days", () => {
    const stats = foldCounters(
      [
        { name: "outcome:accepted", count: 10 },
        { name: "outcome:quota_exceeded", count: 2 },
        { name: "rejected:too_long", count: 1 },
        { name: "redaction:PHONE", count: 3 },
        { name: "redaction:EMAIL", count: 3 },
        { name: "something:else", count: 99 },
      ],
      [
        { day: "2026-05-02", name: "outcome:accepted", count: 4 },
        { day: "2026-04-01", name: "outcome:accepted", count: 6 },
      ],
      ["2026-05-01", "2026-05-02"],
    );
    expect(stats.totals).toEqual({ accepted: 10, duplicate: 0, quota_exceeded: 2, rejected: 0 });
    expect(stats.rejected).toEqual({ empty: 0, too_long: 1, unstorable: 0 });
    expect(stats.redactions.map((r) => r.type)).toEqual(["EMAIL", "PHONE"]);
    expect(stats.days.map((d) => d.outcomes.accepted)).toEqual([0, 4]);
  });
});

describe("quotaOverrideSchema", () => {
  it("takes exactly one of user_id and user_ref, and a whole limit or null", () => {
    expect(quotaOverrideSchema.safeParse({ user_id: "a", limit: 5 }).success).toBe(true);
    expect(quotaOverrideSchema.safeParse({ user_ref: "abc", limit: null }).success).toBe(true);
    expect(quotaOverrideSchema.safeParse({ limit: 5 }).success).toBe(false);
    expect(quotaOverrideSchema.safeParse({ user_id: "a", user_ref: "b", limit: 5 }).success).toBe(false);
    expect(quotaOverrideSchema.safeParse({ user_id: "a", limit: -1 }).success).toBe(false);
    expect(quotaOverrideSchema.safeParse({ user_id: "a", limit: 2.5 }).success).toBe(false);
    expect(quotaOverrideSchema.safeParse({ user_id: "  ", limit: 1 }).success).toBe(false);
  });
});
