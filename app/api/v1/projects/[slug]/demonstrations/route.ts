import { defineOperation } from "@/lib/api/operation";
import { BAD_SLUG, PROJECT_NOT_FOUND, projectSlugParam } from "@/lib/api/params";
import { createDemonstrationTasks, createDemonstrationTasksSchema } from "@/lib/labeling/tasks";
import { demonstrationTasksCreatedSchema } from "@/lib/openapi/responses";

export const POST = defineOperation(
  {
    operationId: "createDemonstrationTasks",
    method: "post",
    path: "/api/v1/projects/{slug}/demonstrations",
    tag: "Labeling",
    summary: "Ask for demonstrations",
    description: "One demonstration task per prompt, each to be written by `labels` different labelers.",
    auth: { kind: "apiKey", scope: "outputs:write" },
    params: { slug: projectSlugParam },
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
    errors: { 404: PROJECT_NOT_FOUND, 422: `${BAD_SLUG}, the body breaks the schema, or a prompt is unknown or archived.` },
  },
  async ({ project, body }) => {
    const tasks = await createDemonstrationTasks(project, body);
    return { status: 201, body: { tasks: tasks.map((task) => ({ task_id: task.id, prompt_id: task.promptId })) } };
  },
);
