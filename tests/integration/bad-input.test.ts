// A record with characters PostgreSQL cannot store fails alone, with its reason, and the rest of
// its batch goes in: whatever the door (the API's prompt batches, an import's records, a
// comparison file's lines).
import { describe, expect, it } from "vitest";
import { parseImportRecord } from "@/lib/imports/parse";
import { parseComparisonLine } from "@/lib/labeling/import";
import { ingestPrompts } from "@/lib/prompts/ingest";
import { makeProject } from "../support/factory";
import { unique } from "../support/unique";

describe("unstorable characters in a batch", () => {
  it("reject only the prompt that carries them, naming the text", async () => {
    const project = await makeProject();
    const user = unique("end-user");
    const results = await ingestPrompts({
      project,
      source: "api",
      prompts: [
        { text: `Explain ${unique()} to a child`, user_id: user },
        { text: "A NUL \u0000 inside", user_id: user },
        { text: "A lone \ud800 surrogate", user_id: user },
        { text: `Explain ${unique()} to an adult`, user_id: user },
      ],
    });
    expect(results.map((result) => result.status)).toEqual(["accepted", "rejected", "rejected", "accepted"]);
    expect(results[1]!.reason).toMatch(/text.*NUL/);
    expect(results[2]!.reason).toMatch(/text.*surrogate/);
  });

  it("make an import record or a comparison line invalid, not the batch", () => {
    const record = parseImportRecord("jsonl", JSON.stringify({ text: "hi", user_id: "u\u0000" }));
    expect(record).toMatchObject({ ok: false, reason: expect.stringMatching(/user_id/) });
    const deep = parseImportRecord("jsonl", `{"text":"hi","user_id":"u","metadata":${'{"a":'.repeat(5000)}1${"}".repeat(5000)}}`);
    expect(deep).toMatchObject({ ok: false, reason: expect.stringMatching(/metadata/) });
    const outputs = [0, 1, 2, 3].map((i) => ({ model: i === 2 ? "m\ud800" : `m${i}`, text: `answer ${i}` }));
    expect(parseComparisonLine(JSON.stringify({ prompt_id: "p", outputs }))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/outputs\[2\]\.model/),
    });
  });
});
