import { defineOperation } from "@/lib/api/operation";
import { projectListResponseSchema } from "@/lib/openapi/responses";
import { toPublicProject } from "@/lib/projects/public";
import { listProjects } from "@/lib/projects/queries";

export const GET = defineOperation(
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
  async () => ({ status: 200, body: { projects: (await listProjects()).map(toPublicProject) } }),
);
