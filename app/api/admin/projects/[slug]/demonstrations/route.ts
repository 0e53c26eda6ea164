import { defineOperation } from "@/lib/api/operation";
import { projectSlugParam } from "@/lib/api/params";
import { requestDemonstrations, requestDemonstrationsSchema } from "@/lib/labeling/import";

/** Asks for demonstrations of chosen prompts, or of the newest prompts that have none yet. */
export const POST = defineOperation(
  {
    internal: true,
    operationId: "requestDemonstrations",
    method: "post",
    path: "/api/admin/projects/{slug}/demonstrations",
    tag: "Labeling",
    summary: "Ask for demonstrations",
    auth: { kind: "session", role: "admin" },
    params: { slug: projectSlugParam },
    body: { variants: [{ name: "RequestDemonstrations", schema: requestDemonstrationsSchema, example: null }] },
    responses: [
      { status: 201, description: "Tasks created." },
      { status: 200, description: "Nothing to ask for." },
    ],
    errors: { 404: "No such project.", 422: "The body breaks the schema." },
  },
  async ({ project, body, user }) => {
    const tasks = await requestDemonstrations(project, body, user.id);
    const answer = { created: tasks.length, tasks: tasks.map((task) => ({ id: task.id, prompt_id: task.promptId })) };
    return tasks.length ? { status: 201, body: answer } : { status: 200, body: answer };
  },
);
