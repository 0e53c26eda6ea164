import { z } from "zod";
import {
  demonstrationSubmissionSchema,
  nextTaskSchema,
  rankingSubmissionSchema,
  skipResultSchema,
  skipSchema,
  submitResultSchema,
} from "@/lib/labeling/schema";
import { createComparisonSchema, createDemonstrationTasksSchema } from "@/lib/labeling/tasks";
import { redactRequestSchema, redactResponseSchema } from "@/lib/pii/schema";
import { slugSchema } from "@/lib/projects/schema";
import { ingestPromptsResponseSchema, ingestPromptsSchema, MAX_PROMPTS_PER_REQUEST } from "@/lib/prompts/schema";
import { exportOperations, snapshotOperations } from "./export-routes";
import type { ApiOperation, Parameter } from "./registry-types";
import { comparisonCreatedSchema, demonstrationTasksCreatedSchema, projectListResponseSchema, projectResponseSchema } from "./responses";

/*
 * Every /api/v1 operation, with the SAME zod schemas its route parses, so the published document
 * cannot drift from what the server accepts. tests/unit/openapi.test.ts walks app/api/v1 and
 * fails when a route file or a method has no entry here.
 */

export const slugParam: Parameter = {
  schema: slugSchema,
  description: "The project's slug (see `GET /api/v1/projects`).",
  example: "demo",
};
const taskIdParam: Parameter = { schema: z.string(), description: "The task's id, from `tasks/next`.", example: "TASK_ID" };

// Not exported by lib/api/idempotency.ts; tests/unit/openapi.test.ts checks it rejects and accepts
// the same headers as `readIdempotencyKey`.
export const idempotencyKeyHeaderSchema = z.string().trim().min(1).max(200);

const projectNotFound = "No project with this slug.";
const badSlug = "The slug is malformed";

export const operations: ApiOperation[] = [
  {
    operationId: "listProjects",
    method: "get",
    path: "/api/v1/projects",
    tag: "Projects",
    summary: "List projects",
    description: "Any valid key may list the projects, to find the slugs the other routes take.",
    auth: { kind: "apiKey" },
    responses: [{ status: 200, description: "All projects.", body: { name: "ProjectList", schema: projectListResponseSchema } }],
    errors: {},
  },
  {
    operationId: "getProject",
    method: "get",
    path: "/api/v1/projects/{slug}",
    tag: "Projects",
    summary: "Get a project",
    description: "A project with its labeling instructions and their version.",
    auth: { kind: "apiKey" },
    pathParams: { slug: slugParam },
    responses: [{ status: 200, description: "The project.", body: { name: "ProjectResponse", schema: projectResponseSchema } }],
    errors: { 404: projectNotFound, 422: `${badSlug}.` },
  },
  {
    operationId: "ingestPrompts",
    method: "post",
    path: "/api/v1/projects/{slug}/prompts",
    tag: "Prompts",
    summary: "Send prompts",
    description:
      `Up to ${MAX_PROMPTS_PER_REQUEST.toLocaleString("en")} prompts from an application's end users; one outcome per prompt, in order. ` +
      "Each prompt is redacted (PII), de-duplicated by long common prefix, held to the per-user quota and assigned a split by user. " +
      'A body that breaks the schema stores nothing (422); a prompt that breaks a rule comes back `"rejected"` with its reason. ' +
      "Send an `Idempotency-Key` to retry safely: the same key and body return the first answer.",
    auth: { kind: "apiKey", scope: "prompts:write" },
    pathParams: { slug: slugParam },
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
      404: projectNotFound,
      422: `${badSlug}, the body breaks the schema, or the Idempotency-Key was already used with a different body.`,
    },
  },
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
  {
    operationId: "createComparison",
    method: "post",
    path: "/api/v1/projects/{slug}/comparisons",
    tag: "Labeling",
    summary: "Create a ranking task",
    description:
      "One prompt and its 4–9 model outputs, to be rated and ranked by labelers. Output texts are redacted before they are stored.",
    auth: { kind: "apiKey", scope: "outputs:write" },
    pathParams: { slug: slugParam },
    body: {
      variants: [
        {
          name: "CreateComparisonRequest",
          schema: createComparisonSchema,
          example: {
            prompt_id: "PROMPT_ID",
            outputs: [
              { model: "gpt-3-175b", text: "The sea is wide and grey..." },
              { model: "instructgpt-1.3b", text: "Waves fold over the sand..." },
              { model: "instructgpt-6b", text: "Blue water, endless..." },
              { model: "instructgpt-175b", text: "Salt on the wind, the tide..." },
            ],
          },
        },
      ],
    },
    responses: [
      {
        status: 201,
        description: "The task, with the ids given to the outputs.",
        body: { name: "ComparisonCreated", schema: comparisonCreatedSchema },
      },
    ],
    errors: { 404: projectNotFound, 422: `${badSlug}, the body breaks the schema, or the prompt is unknown or archived.` },
  },
  {
    operationId: "createDemonstrationTasks",
    method: "post",
    path: "/api/v1/projects/{slug}/demonstrations",
    tag: "Labeling",
    summary: "Ask for demonstrations",
    description: "One demonstration task per prompt, each to be written by `labels` different labelers.",
    auth: { kind: "apiKey", scope: "outputs:write" },
    pathParams: { slug: slugParam },
    body: {
      variants: [
        {
          name: "CreateDemonstrationTasksRequest",
          schema: createDemonstrationTasksSchema,
          example: { prompt_ids: ["PROMPT_ID"], labels: 2 },
        },
      ],
    },
    responses: [
      {
        status: 201,
        description: "The tasks created, one per distinct prompt.",
        body: { name: "DemonstrationTasksCreated", schema: demonstrationTasksCreatedSchema },
      },
    ],
    errors: { 404: projectNotFound, 422: `${badSlug}, the body breaks the schema, or a prompt is unknown or archived.` },
  },
  {
    operationId: "leaseNextTask",
    method: "post",
    path: "/api/v1/projects/{slug}/tasks/next",
    tag: "Labeling",
    summary: "Lease the next task",
    description:
      "The signed-in labeler's current task, or a newly leased one. The lease holds the task for the project's lease time; outputs come in this labeler's own order.",
    auth: { kind: "session" },
    pathParams: { slug: slugParam },
    responses: [
      { status: 200, description: "The task to work on.", body: { name: "NextTask", schema: nextTaskSchema } },
      { status: 204, description: "Nothing is left for this labeler." },
    ],
    errors: { 404: projectNotFound, 422: `${badSlug}.` },
  },
  {
    operationId: "submitTask",
    method: "post",
    path: "/api/v1/tasks/{id}/submit",
    tag: "Labeling",
    summary: "Submit a ranking or a demonstration",
    description:
      "The body depends on the task's kind: a ranking (Likert and flags per output, tie groups best first, prompt labels) or a demonstration. " +
      "A ranking is checked against the task: every output rated and ranked exactly once. Submitting twice is harmless.",
    auth: { kind: "session" },
    pathParams: { id: taskIdParam },
    body: {
      description: "`RankingSubmission` for a ranking task, `DemonstrationSubmission` for a demonstration task.",
      variants: [
        {
          name: "RankingSubmission",
          summary: "A ranking task",
          schema: rankingSubmissionSchema,
          example: {
            ratings: {
              OUTPUT_A: { likert: 6, flags: [] },
              OUTPUT_B: { likert: 5, flags: ["hallucination"] },
              OUTPUT_C: { likert: 5, flags: [] },
              OUTPUT_D: { likert: 2, flags: ["fails_to_follow_instruction"] },
            },
            ranking: [["OUTPUT_A"], ["OUTPUT_B", "OUTPUT_C"], ["OUTPUT_D"]],
            prompt_labels: { category: "generation", flags: [] },
            duration_ms: 95000,
          },
        },
        {
          name: "DemonstrationSubmission",
          summary: "A demonstration task",
          schema: demonstrationSubmissionSchema,
          example: { text: "Grey water folds on itself...", duration_ms: 240000 },
        },
      ],
    },
    responses: [
      { status: 200, description: "Recorded (or already recorded).", body: { name: "SubmitResult", schema: submitResultSchema } },
    ],
    errors: {
      404: "This task is not assigned to the signed-in labeler.",
      409: "The lease ran out and someone else took the task, or the labeler skipped it.",
      422: "The body breaks the schema, or the ranking does not match the task's outputs.",
    },
  },
  {
    operationId: "skipTask",
    method: "post",
    path: "/api/v1/tasks/{id}/skip",
    tag: "Labeling",
    summary: "Skip a task",
    description: "The labeler passes on their task (e.g. intent unclear); it is never served to them again.",
    auth: { kind: "session" },
    pathParams: { id: taskIdParam },
    body: { variants: [{ name: "SkipRequest", schema: skipSchema, example: { reason: "intent_unclear" } }] },
    responses: [{ status: 200, description: "Skipped (or already skipped).", body: { name: "SkipResult", schema: skipResultSchema } }],
    errors: {
      404: "This task is not assigned to the signed-in labeler.",
      409: "The labeler already submitted this task.",
      422: "The body breaks the schema.",
    },
  },
  ...exportOperations,
  ...snapshotOperations,
  {
    operationId: "getOpenApiDocument",
    method: "get",
    path: "/api/v1/openapi.json",
    tag: "Meta",
    summary: "This API description",
    description: "The OpenAPI 3.1 document, generated from the zod schemas the routes parse.",
    auth: { kind: "public" },
    responses: [{ status: 200, description: "An OpenAPI 3.1 document." }],
    errors: {},
  },
];
