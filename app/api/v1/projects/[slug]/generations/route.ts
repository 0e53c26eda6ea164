import { z } from "zod";
import { defineOperation } from "@/lib/api/operation";
import { BAD_SLUG, PROJECT_NOT_FOUND, projectSlugParam } from "@/lib/api/params";
import { createGenerationJob, listGenerationJobs } from "@/lib/models/jobs";
import { createGenerationJobSchema, generationJobCreatedSchema, generationJobResponseSchema } from "@/lib/models/schema";
import { ensureGenerationWorker } from "@/lib/models/worker";

export const GET = defineOperation(
  {
    operationId: "listGenerationJobs",
    method: "get",
    path: "/api/v1/projects/{slug}/generations",
    tag: "Labeling",
    summary: "List the generation jobs",
    description: "The project's 20 latest jobs, newest first.",
    auth: { kind: "apiKey", scope: "models:write" },
    params: { slug: projectSlugParam },
    responses: [
      {
        status: 200,
        description: "The jobs.",
        body: { name: "GenerationJobList", schema: z.object({ jobs: z.array(generationJobResponseSchema) }) },
      },
    ],
    errors: { 404: PROJECT_NOT_FOUND, 422: `${BAD_SLUG}.` },
  },
  async ({ project }) => ({ status: 200, body: { jobs: await listGenerationJobs(project) } }),
);

export const POST = defineOperation(
  {
    operationId: "createGenerationJob",
    method: "post",
    path: "/api/v1/projects/{slug}/generations",
    tag: "Labeling",
    summary: "Generate outputs and ranking tasks",
    description:
      "For each chosen prompt (active ones; `ids`, `split`, `without_tasks` narrow them, `limit` caps them, oldest first, at most 10,000), asks each generator for `n` outputs and makes one ranking task of them (the n's add up to 4–9), outputs redacted like every stored text and their `model` set to the generator's name. Runs in the background: follow it with `GET …/generations/{id}`.",
    auth: { kind: "apiKey", scope: "models:write" },
    params: { slug: projectSlugParam },
    body: {
      variants: [
        {
          name: "CreateGenerationJob",
          schema: createGenerationJobSchema,
          example: {
            prompts: { split: "train", without_tasks: true, limit: 1000 },
            samples: [
              { generator: "llama-3-8b-sft", n: 2 },
              { generator: "llama-3-8b-rlhf", n: 2 },
            ],
          },
        },
      ],
    },
    responses: [
      { status: 202, description: "The job, queued.", body: { name: "GenerationJobCreated", schema: generationJobCreatedSchema } },
    ],
    errors: {
      404: PROJECT_NOT_FOUND,
      422: `${BAD_SLUG}, the body breaks the schema (the n's must add up to 4–9), a generator or prompt is unknown, or no prompt matches.`,
    },
  },
  async ({ project, body, client }) => {
    const job = await createGenerationJob(project, body, { apiKeyId: client.keyId });
    ensureGenerationWorker().wake();
    return { status: 202, body: { job_id: job.id } };
  },
);
