import { describe, expect, it } from "vitest";
import { redact } from "@/lib/pii";
import { countPlaceholders, placeholderParts } from "@/lib/pii/placeholders";

describe("placeholders in stored texts (the admin's redaction review)", () => {
  it("cuts a redacted text at its placeholders and counts them per type", () => {
    const { redacted } = redact("Ask Dr. Anna Kowalczyk (anna.k@example.org) or Anna Kowalczyk's assistant.");
    const parts = placeholderParts(redacted);
    expect(parts.map((p) => p.text).join("")).toBe(redacted);
    expect(parts.filter((p) => p.type).map((p) => p.text)).toEqual(["<PERSON_1>", "<EMAIL_1>", "<PERSON_2>"]);
    expect(countPlaceholders(redacted)).toEqual(
      expect.arrayContaining([
        { type: "PERSON", count: 2 },
        { type: "EMAIL", count: 1 },
      ]),
    );
  });
  it("reads multi-word types and leaves look-alikes that are no redactor type alone", () => {
    expect(placeholderParts("at <STREET_ADDRESS_12>, <FOO_1> and <PERSON_x>")).toEqual([
      { text: "at " },
      { text: "<STREET_ADDRESS_12>", type: "STREET_ADDRESS" },
      { text: ", <FOO_1> and <PERSON_x>" },
    ]);
    expect(countPlaceholders("no placeholders")).toEqual([]);
  });
});
