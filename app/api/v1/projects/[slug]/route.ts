import { defineOperation } from "@/lib/api/operation";
import { BAD_SLUG, PROJECT_NOT_FOUND, projectSlugParam } from "@/lib/api/params";
import { projectResponseSchema } from "@/lib/openapi/responses";
import { toPublicProject } from "@/lib/projects/public";

export const GET = defineOperation(
  {
    operationId: "getProject",
    method: "get",
    path: "/api/v1/projects/{slug}",
    tag: "Projects",
    summary: "Get a project",
    description: "A project with its labeling instructions and their version.",
    auth: { kind: "apiKey" },
    params: { slug: projectSlugParam },
    responses: [{ status: 200, description: "The project.", body: { name: "ProjectResponse", schema: projectResponseSchema } }],
    errors: { 404: PROJECT_NOT_FOUND, 422: `${BAD_SLUG}.` },
  },
  async ({ project }) => ({ status: 200, body: { project: toPublicProject(project) } }),
);
