import { deleteExpiredIdempotencyKeys, idempotencyKeyHeaderSchema } from "@/lib/api/idempotency";
import { defineOperation } from "@/lib/api/operation";
import { BAD_SLUG, PROJECT_NOT_FOUND, projectSlugParam } from "@/lib/api/params";
import { ingestPrompts } from "@/lib/prompts/ingest";
import { ingestPromptsResponseSchema, ingestPromptsSchema, MAX_PROMPTS_PER_REQUEST } from "@/lib/prompts/schema";

export const POST = defineOperation(
  {
    operationId: "ingestPrompts",
    method: "post",
    path: "/api/v1/projects/{slug}/prompts",
    tag: "Prompts",
    summary: "Send prompts",
    description:
      `Up to ${MAX_PROMPTS_PER_REQUEST.toLocaleString("en")} prompts from an application's end users; one outcome per prompt, in order. ` +
      "Each prompt is redacted (PII), de-duplicated by long common prefix, held to the per-user quota and assigned a split by user. " +
      'A prompt is a `text` or a conversation in `messages` ([{role: "system" | "user" | "assistant", content}], the last from the user; otherwise 422): ' +
      "its turns are redacted with placeholders numbered across the whole conversation, and it is de-duplicated, counted against the token limit and stored as its role-tagged transcript. " +
      'A body that breaks the schema stores nothing (422); a prompt that breaks a rule comes back `"rejected"` with its reason. ' +
      "Send an `Idempotency-Key` to retry safely: the same key and body return the first answer.",
    auth: { kind: "apiKey", scope: "prompts:write" },
    params: { slug: projectSlugParam },
    headers: {
      "Idempotency-Key": {
        schema: idempotencyKeyHeaderSchema,
        description: "Optional. A retry with the same key (per API key, for 24 hours) returns the first answer and stores nothing twice.",
        example: "batch-2026-01-01-0001",
      },
    },
    body: {
      variants: [
        {
          name: "IngestPromptsRequest",
          schema: ingestPromptsSchema,
          example: {
            prompts: [
              { text: "Write a short poem about the sea.", user_id: "user-123", category: "generation" },
              { text: "Summarize this email for me: ...", user_id: "user-456", metadata: { app: "mail" } },
              {
                messages: [
                  { role: "system", content: "You are a concise travel assistant." },
                  { role: "user", content: "I'm flying to Lisbon with my sister Ana in May. What should we see?" },
                  { role: "assistant", content: "Alfama, Belém and a day trip to Sintra. How many days do you have?" },
                  { role: "user", content: "Four days. Ana loves tiles and food markets." },
                ],
                user_id: "user-789",
                category: "brainstorming",
              },
            ],
          },
        },
      ],
    },
    responses: [
      {
        status: 200,
        description: "One outcome per prompt, in the order sent.",
        body: { name: "IngestPromptsResponse", schema: ingestPromptsResponseSchema },
      },
    ],
    errors: {
      404: PROJECT_NOT_FOUND,
      422: `${BAD_SLUG}, the body breaks the schema, or the Idempotency-Key was already used with a different body.`,
    },
  },
  async ({ project, body, headers, client }) => {
    const idempotencyKey = headers["Idempotency-Key"];
    const results = await ingestPrompts({
      project,
      prompts: body.prompts,
      source: "api",
      idempotency: idempotencyKey ? { scope: `key:${client.keyId}`, key: idempotencyKey } : undefined,
    });
    // About one request in a hundred sweeps old keys, so the table stays small with no scheduler.
    if (Math.random() < 0.01) await deleteExpiredIdempotencyKeys();
    // Sent uncompressed: the answer to 1,000 prompts is ~100 kB of JSON (~23 kB gzipped, its ids
    // being random), and gzip cost the server ~2-4 ms of CPU per 1,000 prompts, the pipeline's
    // shared bottleneck, to save a client a quarter of what it had just uploaded for that batch.
    return { status: 200, body: { results }, headers: { "Cache-Control": "no-store, no-transform" } };
  },
);
