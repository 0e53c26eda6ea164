import { defineOperation } from "@/lib/api/operation";
import { idParam, projectSlugParam } from "@/lib/api/params";
import { getGenerationJob } from "@/lib/models/jobs";
import { generationJobResponseSchema } from "@/lib/models/schema";

export const GET = defineOperation(
  {
    operationId: "getGenerationJob",
    method: "get",
    path: "/api/v1/projects/{slug}/generations/{id}",
    tag: "Labeling",
    summary: "Follow a generation job",
    description:
      "Its status and counts of prompts (`total`, `done`, `failed`, `cancelled`), and each failed prompt's error (the first 100).",
    auth: { kind: "apiKey", scope: "models:write" },
    params: { slug: projectSlugParam, id: { ...idParam("job ID"), example: "JOB_ID" } },
    responses: [{ status: 200, description: "The job.", body: { name: "GenerationJob", schema: generationJobResponseSchema } }],
    errors: { 404: "No project with this slug, or no such job in it.", 422: "The slug or the job ID is malformed." },
  },
  async ({ project, params }) => ({ status: 200, body: await getGenerationJob(project, params.id) }),
);
