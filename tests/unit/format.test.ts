import { describe, expect, it } from "vitest";
import {
  formatBytes,
  formatCount,
  formatDate,
  formatDateTime,
  formatDuration,
  formatOrdinal,
  formatPercent,
  formatRelative,
  formatShare,
  formatShortDate,
  roundEstimate,
} from "@/lib/ui/format";
import { suggestSlug } from "@/lib/ui/slug";

describe("format", () => {
  it("writes dates in UTC, with a dash for none", () => {
    expect(formatDateTime("2026-03-04T05:06:00Z")).toBe("4 Mar 2026, 05:06 UTC");
    expect(formatDate(new Date("2026-03-04T23:59:00Z"))).toBe("4 Mar 2026");
    expect(formatShortDate("2026-03-04")).toBe("4 Mar");
    expect(formatDateTime(null)).toBe("—");
    expect(formatDate(undefined)).toBe("—");
  });

  it("says how far a time is, coarsely", () => {
    const now = new Date("2026-03-04T12:00:00Z");
    expect(formatRelative("2026-03-07T12:00:00Z", now)).toBe("in 3 days");
    expect(formatRelative("2026-03-04T07:00:00Z", now)).toBe("5 hours ago");
    expect(formatRelative("2026-03-04T11:59:30Z", now)).toBe("just now");
  });

  it("writes counts, shares, percentages and ordinals", () => {
    expect(formatCount(1_234_567)).toBe("1,234,567");
    expect(formatPercent(0.424)).toBe("42%");
    expect(formatShare(0, 0)).toBe("0%");
    expect(formatShare(3, 0)).toBe("—");
    expect(formatShare(5, 100)).toBe("5.0%");
    expect(formatShare(42, 100)).toBe("42%");
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 111].map(formatOrdinal)).toEqual([
      "1st",
      "2nd",
      "3rd",
      "4th",
      "11th",
      "12th",
      "13th",
      "21st",
      "22nd",
      "23rd",
      "111th",
    ]);
  });

  it("rounds estimates to two significant figures", () => {
    expect(roundEstimate(42)).toBe("42");
    expect(roundEstimate(1234)).toBe("1,200");
    expect(roundEstimate(987_654)).toBe("990,000");
  });

  it("writes durations and sizes for people", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(48_000)).toBe("48 s");
    expect(formatDuration(185_000)).toBe("3 min 05 s");
    expect(formatDuration(72 * 60_000)).toBe("1 h 12 min");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(20 * 1024 * 1024)).toBe("20 MB");
  });
});

describe("URL helpers", () => {
  it("suggests a slug from a project name", () => {
    expect(suggestSlug("  Crème Brûlée: Ranking #2 ")).toBe("creme-brulee-ranking-2");
  });
});
