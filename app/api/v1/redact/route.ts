import { defineOperation } from "@/lib/api/operation";
import { summarizeFindings } from "@/lib/pii";
import { redactText } from "@/lib/pii/pool";
import { redactRequestSchema, redactResponseSchema } from "@/lib/pii/schema";

export const POST = defineOperation(
  {
    operationId: "redactPreview",
    method: "post",
    path: "/api/v1/redact",
    tag: "Prompts",
    summary: "Preview PII redaction",
    description: "What the ingestion pipeline would redact in a text, with the findings. Stores and logs nothing. Any valid key.",
    auth: { kind: "apiKey" },
    body: {
      variants: [
        {
          name: "RedactRequest",
          schema: redactRequestSchema,
          example: { text: "Call Ada Lovelace at +1 415 555 0100 or ada@example.org." },
        },
      ],
    },
    responses: [
      { status: 200, description: "The redacted text and what was found.", body: { name: "RedactResponse", schema: redactResponseSchema } },
    ],
    errors: { 422: "The body is not JSON or breaks the schema." },
  },
  async ({ body }) => {
    const { redacted, findings } = await redactText(body.text, { keepPublicFigures: body.keep_public_figures });
    return { status: 200, body: { redacted, findings, redactions: summarizeFindings(findings) } };
  },
);
