import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { idempotencyKeyHeaderSchema } from "@/lib/api/idempotency";
import { createApiKeySchema } from "@/lib/api-keys/schema";
import { decodeCursor, encodeCursor } from "@/lib/exports/records";
import { exportQuerySchema } from "@/lib/exports/schema";
import { createSnapshotSchema } from "@/lib/exports/snapshots";
import { createImportSchema } from "@/lib/imports/schema";
import { FIELD_BYTES, jsonProblem, METADATA_MAX_DEPTH, metadataSchema, safeString, utf8Length } from "@/lib/input/schema";
import { cursorSchema } from "@/lib/keyset";
import { adjudicationSchema } from "@/lib/labeling/gold-admin";
import { requestDemonstrationsSchema } from "@/lib/labeling/import";
import { demonstrationSubmissionSchema, rankingSubmissionSchema, skipSchema } from "@/lib/labeling/schema";
import { createComparisonSchema, createDemonstrationTasksSchema } from "@/lib/labeling/tasks";
import { projectMemberInputSchema } from "@/lib/projects/access";
import { createProjectSchema } from "@/lib/projects/schema";
import { labelerPromptSchema } from "@/lib/prompts/labeler-prompt";
import { quotaOverrideSchema } from "@/lib/prompts/mutations";
import { promptFiltersSchema, usageCursorSchema } from "@/lib/prompts/queries";
import { ingestPromptsSchema } from "@/lib/prompts/schema";
import { acceptInvitationSchema, createUserSchema, inviteSchema, setupAdminSchema } from "@/lib/users/schema";

const NUL = "a\u0000b";
const LONE_HIGH = "a\ud800b";
const LONE_LOW = "\udc00";

describe("safe strings", () => {
  const schema = safeString(12);

  it("refuses NUL and unpaired surrogates, saying why", () => {
    expect(schema.safeParse(NUL).error?.issues[0]?.message).toMatch(/NUL/);
    expect(schema.safeParse(LONE_HIGH).error?.issues[0]?.message).toMatch(/surrogate/);
    expect(schema.safeParse(LONE_LOW).error?.issues[0]?.message).toMatch(/surrogate/);
    expect(schema.safeParse("\ud83d\ude00 ok").success).toBe(true); // a pair is one emoji
  });

  it("caps bytes of UTF-8, not characters", () => {
    expect(schema.safeParse("é".repeat(6)).success).toBe(true); // 12 bytes
    expect(schema.safeParse("é".repeat(7)).error?.issues[0]?.message).toMatch(/over 12 bytes/);
    expect(schema.safeParse("x".repeat(13)).success).toBe(false);
  });

  it("counts UTF-8 as Buffer does", () => {
    for (const text of ["", "ascii", "é€", "\ud83d\ude00", "mixed é € \ud83d\ude00 x"])
      expect(utf8Length(text)).toBe(Buffer.byteLength(text));
    expect(utf8Length(LONE_LOW)).toBe(3);
  });
});

describe("metadata", () => {
  function nested(depth: number): unknown {
    let value: unknown = "leaf";
    for (let i = 0; i < depth; i++) value = { x: value };
    return value;
  }

  it("refuses nesting beyond the limit without overflowing the stack", () => {
    expect(metadataSchema.safeParse(nested(METADATA_MAX_DEPTH) as Record<string, unknown>).success).toBe(true);
    const deep = metadataSchema.safeParse(nested(5_000) as Record<string, unknown>);
    expect(deep.error?.issues[0]?.message).toMatch(/deeper than 16/);
    expect(jsonProblem(nested(1_000_000), METADATA_MAX_DEPTH, FIELD_BYTES.metadata)?.message).toMatch(/deeper/);
  });

  it("names the key or value that cannot be stored", () => {
    expect(metadataSchema.safeParse({ app: { [NUL]: 1 } }).error?.issues[0]).toMatchObject({ path: ["app", NUL], message: /key/ });
    expect(metadataSchema.safeParse({ tags: ["fine", LONE_HIGH] }).error?.issues[0]).toMatchObject({ path: ["tags", 1] });
  });

  it("caps the bytes of keys and values together", () => {
    expect(metadataSchema.safeParse({ blob: "x".repeat(FIELD_BYTES.metadata) }).error?.issues[0]?.message).toMatch(/bytes/);
    expect(metadataSchema.safeParse({ many: Array.from({ length: 20_000 }, () => 1) }).success).toBe(false);
    expect(metadataSchema.safeParse({ app: "mail", tags: ["a", "b"], score: 0.5, ok: true, none: null }).success).toBe(true);
  });
});

// Every schema that reads a caller's strings, with a valid input and the fields to spoil: each
// spoiled field must come back as a 422 issue at its own path (never reach the database).
const cases: { name: string; schema: z.ZodType; valid: Record<string, unknown>; fields: (string | number)[][] }[] = [
  { name: "API key", schema: createApiKeySchema, valid: { name: "ci", scopes: ["export:read"] }, fields: [["name"]] },
  {
    name: "project",
    schema: createProjectSchema,
    valid: { slug: "demo", name: "Demo", description: "d", instructions: "i" },
    fields: [["name"], ["description"], ["instructions"]],
  },
  {
    name: "person",
    schema: createUserSchema,
    valid: { email: "a@b.co", password: "long enough password", role: "labeler", name: "Ada" },
    fields: [["email"], ["name"]],
  },
  {
    name: "invitation",
    schema: acceptInvitationSchema,
    valid: { token: "t".repeat(20), name: "Ada", password: "x".repeat(12) },
    fields: [["token"], ["name"]],
  },
  { name: "invite", schema: inviteSchema, valid: { email: "a@b.co", projects: ["demo"] }, fields: [["email"], ["projects", 0]] },
  { name: "project member", schema: projectMemberInputSchema, valid: { email: "a@b.co" }, fields: [["email"]] },
  {
    name: "setup",
    schema: setupAdminSchema,
    valid: { token: "t".repeat(20), email: "a@b.co", name: "Ada", password: "x".repeat(12) },
    fields: [["token"], ["name"]],
  },
  {
    name: "prompts batch",
    schema: ingestPromptsSchema,
    valid: { prompts: [{ text: "hello", user_id: "u1", metadata: { app: "mail" } }] },
    fields: [
      ["prompts", 0, "user_id"],
      ["prompts", 0, "metadata", "app"],
    ],
  },
  {
    name: "labeler prompt",
    schema: labelerPromptSchema,
    valid: { kind: "user_based", category: "chat", use_case: "support", text: "hello" },
    fields: [["use_case"], ["text"]],
  },
  { name: "quota override", schema: quotaOverrideSchema, valid: { user_id: "u1", limit: 3 }, fields: [["user_id"]] },
  { name: "prompt search", schema: promptFiltersSchema, valid: { q: "poem" }, fields: [["q"]] },
  {
    name: "comparison",
    schema: createComparisonSchema,
    valid: {
      prompt_id: "p1",
      outputs: [0, 1, 2, 3].map((i) => ({ model: `m${i}`, text: `answer ${i}`, metadata: { temperature: "0.7" } })),
    },
    fields: [["prompt_id"], ["outputs", 1, "model"], ["outputs", 2, "text"], ["outputs", 3, "metadata", "temperature"]],
  },
  { name: "demonstration tasks", schema: createDemonstrationTasksSchema, valid: { prompt_ids: ["p1"] }, fields: [["prompt_ids", 0]] },
  {
    name: "demonstration request",
    schema: requestDemonstrationsSchema,
    valid: { prompt_ids: ["p1"], labels: 1 },
    fields: [["prompt_ids", 0]],
  },
  {
    name: "ranking",
    schema: rankingSubmissionSchema,
    valid: { ratings: {}, ranking: [["a"], ["b"]], prompt_labels: { category: "chat" }, note: "fine" },
    fields: [["ranking", 1, 0], ["note"]],
  },
  { name: "demonstration", schema: demonstrationSubmissionSchema, valid: { text: "An answer." }, fields: [["text"]] },
  { name: "skip", schema: skipSchema, valid: { reason: "lacks_expertise", note: "Not my field" }, fields: [["note"]] },
  { name: "adjudication", schema: adjudicationSchema, valid: { ranking: [["a"], ["b"]] }, fields: [["ranking", 0, 0]] },
  {
    name: "import",
    schema: createImportSchema,
    valid: { file_name: "p.csv", format: "csv", header: "text,user_id" },
    fields: [["file_name"], ["header"]],
  },
  { name: "snapshot", schema: createSnapshotSchema, valid: { name: "v1", dataset: "comparisons", model: "m1" }, fields: [["model"]] },
  { name: "export query", schema: exportQuerySchema("comparisons"), valid: { model: "m1" }, fields: [["model"]] },
  { name: "Idempotency-Key", schema: idempotencyKeyHeaderSchema, valid: "batch-1" as unknown as Record<string, unknown>, fields: [[]] },
];

function spoil(value: unknown, path: (string | number)[], bad: string): unknown {
  if (!path.length) return bad;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  const [head, ...rest] = path;
  copy[head!] = spoil(copy[head!], rest, bad);
  return copy;
}

describe("every input schema", () => {
  for (const { name, schema, valid, fields } of cases) {
    it(`${name}: refuses NUL and lone surrogates in each string field, at its path`, () => {
      expect(schema.safeParse(valid).error?.issues).toBeUndefined();
      for (const field of fields) {
        for (const bad of [NUL, LONE_HIGH]) {
          const issues = schema.safeParse(spoil(valid, field, bad)).error?.issues ?? [];
          expect(
            issues.some((issue) => issue.path.join(".") === field.join(".")),
            `${field.join(".")} = ${JSON.stringify(bad)}: ${JSON.stringify(issues)}`,
          ).toBe(true);
        }
      }
    });
  }

  it("prompt text is capped in bytes; its characters are the pipeline's to judge, per prompt", () => {
    const prompt = { text: NUL, user_id: "u1" };
    expect(ingestPromptsSchema.safeParse({ prompts: [prompt] }).success).toBe(true);
    const huge = ingestPromptsSchema.safeParse({ prompts: [{ ...prompt, text: "x".repeat(FIELD_BYTES.text + 1) }] });
    expect(huge.error?.issues[0]?.path).toEqual(["prompts", 0, "text"]);
  });
});

describe("page cursors", () => {
  it("refuse positions the database cannot compare", () => {
    expect(cursorSchema.safeParse("1700000000000.abc").success).toBe(true);
    expect(cursorSchema.safeParse("999999999999999.abc").success).toBe(false);
    expect(usageCursorSchema.safeParse("12.user").success).toBe(true);
    expect(usageCursorSchema.safeParse("9999999999.user").success).toBe(false);
  });

  it("an export's `since` out of bigint range is a 422 naming it", () => {
    expect(decodeCursor(encodeCursor({ txid: 42n, id: "abc" }))).toEqual({ txid: 42n, id: "abc" });
    for (const txid of ["9223372036854775808", "99999999999999999999999", "-2"]) {
      expect(() => decodeCursor(Buffer.from(`${txid}.abc`).toString("base64url"))).toThrow(
        expect.objectContaining({ status: 422, issues: [expect.objectContaining({ path: "since" })] }),
      );
    }
  });
});
