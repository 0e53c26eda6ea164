import { defineOperation } from "@/lib/api/operation";
import { idParam, projectSlugParam } from "@/lib/api/params";
import { cancelGenerationJob } from "@/lib/models/jobs";
import { generationJobResponseSchema } from "@/lib/models/schema";

export const POST = defineOperation(
  {
    operationId: "cancelGenerationJob",
    method: "post",
    path: "/api/v1/projects/{slug}/generations/{id}/cancel",
    tag: "Labeling",
    summary: "Cancel a generation job",
    description: "Prompts not yet done are cancelled; tasks already made stay. Cancelling a cancelled job changes nothing.",
    auth: { kind: "apiKey", scope: "models:write" },
    params: { slug: projectSlugParam, id: { ...idParam("job ID"), example: "JOB_ID" } },
    responses: [{ status: 200, description: "The job, cancelled.", body: { name: "GenerationJob", schema: generationJobResponseSchema } }],
    errors: {
      404: "No project with this slug, or no such job in it.",
      409: "The job has already finished.",
      422: "The slug or the job ID is malformed.",
    },
  },
  async ({ project, params, client }) => ({ status: 200, body: await cancelGenerationJob(project, params.id, { apiKeyId: client.keyId }) }),
);
