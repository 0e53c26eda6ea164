import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RedactionReview } from "@/components/labeling/admin/redaction-review";
import type { TaskRedactions } from "@/lib/pii/review";

// The admin task page's Redactions card, rendered as the server renders it.
const review: TaskRedactions = {
  redactOutputs: true,
  keepPublicFigures: false,
  prompt: {
    text: "Write to <PERSON_1> at <EMAIL_1>.",
    counts: [
      { type: "PERSON", count: 1 },
      { type: "EMAIL", count: 1 },
    ],
    source: "recorded",
  },
  outputs: [
    { id: "o1", model: "m-a", position: 0, text: "Dear <PERSON_1>, thanks.", counts: [{ type: "PERSON", count: 1 }], source: "recorded" },
    { id: "o2", model: "m-b", position: 1, text: "A Roth IRA grows tax-free.", counts: [], source: "recorded" },
    { id: "o3", model: "m-c", position: 2, text: "Call <PHONE_1>.", counts: [{ type: "PHONE", count: 1 }], source: "unrecorded" },
  ],
};

describe("redaction review card", () => {
  const html = renderToStaticMarkup(createElement(RedactionReview, { review }));
  it("shows counts per type and each placeholder highlighted in its context, per text", () => {
    expect(html).toContain("Person × 1");
    expect(html).toContain("Email × 1");
    expect(html).toContain("Phone × 1");
    expect(html.match(/data-testid="redaction-placeholder"/g)!.length).toBeGreaterThanOrEqual(4);
    expect(html).toContain("Dear <mark");
    expect(html).toContain("nothing replaced");
    expect(html).toContain("counted from the text");
    expect(html).toContain('data-testid="redactions-output-3"');
  });
  it("says when the project stores outputs as sent", () => {
    const off = renderToStaticMarkup(createElement(RedactionReview, { review: { ...review, redactOutputs: false } }));
    expect(off).toContain("stored as sent");
  });
  it("says when the project keeps public figures' names", () => {
    expect(html).not.toContain("public figures");
    const keeping = renderToStaticMarkup(createElement(RedactionReview, { review: { ...review, keepPublicFigures: true } }));
    expect(keeping).toContain("Names of well-known public figures are kept");
  });
});
