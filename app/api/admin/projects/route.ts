import { defineOperation } from "@/lib/api/operation";
import { createProject } from "@/lib/projects/mutations";
import { listProjects } from "@/lib/projects/queries";
import { createProjectSchema } from "@/lib/projects/schema";

export const GET = defineOperation(
  {
    internal: true,
    operationId: "listProjectsForAdmin",
    method: "get",
    path: "/api/admin/projects",
    tag: "Projects",
    summary: "Every project, every field",
    auth: { kind: "session", role: "admin" },
    responses: [{ status: 200, description: "The projects." }],
    errors: {},
  },
  async () => ({ status: 200, body: { projects: await listProjects() } }),
);

export const POST = defineOperation(
  {
    internal: true,
    operationId: "createProject",
    method: "post",
    path: "/api/admin/projects",
    tag: "Projects",
    summary: "Create a project",
    auth: { kind: "session", role: "admin" },
    body: { variants: [{ name: "CreateProject", schema: createProjectSchema, example: { slug: "demo", name: "Demo" } }] },
    responses: [{ status: 201, description: "The project." }],
    errors: { 409: "The slug is taken.", 422: "The body breaks the schema." },
  },
  async ({ body, user }) => ({ status: 201, body: { project: await createProject(body, user.id) } }),
);
