import { defineOperation } from "@/lib/api/operation";
import { projectSlugParam } from "@/lib/api/params";
import { updateProject } from "@/lib/projects/mutations";
import { updateProjectSchema } from "@/lib/projects/schema";

export const GET = defineOperation(
  {
    internal: true,
    operationId: "getProjectForAdmin",
    method: "get",
    path: "/api/admin/projects/{slug}",
    tag: "Projects",
    summary: "A project, every field",
    auth: { kind: "session", role: "admin" },
    params: { slug: projectSlugParam },
    responses: [{ status: 200, description: "The project." }],
    errors: { 404: "No such project." },
  },
  async ({ project }) => ({ status: 200, body: { project } }),
);

export const PATCH = defineOperation(
  {
    internal: true,
    operationId: "updateProject",
    method: "patch",
    path: "/api/admin/projects/{slug}",
    tag: "Projects",
    summary: "Edit a project",
    auth: { kind: "session", role: "admin" },
    params: { slug: projectSlugParam },
    body: { variants: [{ name: "UpdateProject", schema: updateProjectSchema, example: { name: "Renamed" } }] },
    responses: [{ status: 200, description: "The project as saved." }],
    errors: { 404: "No such project.", 409: "The new slug is taken.", 422: "The body breaks the schema." },
  },
  async ({ project, body, user }) => ({ status: 200, body: { project: await updateProject(project, body, user.id) } }),
);
