import { defineOperation } from "@/lib/api/operation";
import { BAD_SLUG, PROJECT_NOT_FOUND, projectSlugParam } from "@/lib/api/params";
import { createComparisonSchema, createComparisonTask } from "@/lib/labeling/tasks";
import { comparisonCreatedSchema } from "@/lib/openapi/responses";

export const POST = defineOperation(
  {
    operationId: "createComparison",
    method: "post",
    path: "/api/v1/projects/{slug}/comparisons",
    tag: "Labeling",
    summary: "Create a ranking task",
    description:
      "One prompt and its 4–9 model outputs, to be rated and ranked by labelers. Output texts are redacted before they are stored.",
    auth: { kind: "apiKey", scope: "outputs:write" },
    params: { slug: projectSlugParam },
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
    errors: { 404: PROJECT_NOT_FOUND, 422: `${BAD_SLUG}, the body breaks the schema, or the prompt is unknown or archived.` },
  },
  async ({ project, body }) => {
    const task = await createComparisonTask(project, body);
    return { status: 201, body: { task_id: task.id, outputs: task.outputs } };
  },
);
