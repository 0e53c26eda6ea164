import { defineOperation } from "@/lib/api/operation";
import { projectSlugParam } from "@/lib/api/params";
import { projectMemberInputSchema } from "@/lib/projects/access";
import { addProjectMember, removeProjectMember } from "@/lib/projects/member-mutations";

/** The People tab's forms: the same changes as POST / DELETE /api/v1/projects/{slug}/members. */
export const POST = defineOperation(
  {
    internal: true,
    operationId: "addProjectMemberAsAdmin",
    method: "post",
    path: "/api/admin/projects/{slug}/members",
    tag: "Projects",
    summary: "Add a member",
    auth: { kind: "session", role: "admin" },
    params: { slug: projectSlugParam },
    body: { variants: [{ name: "ProjectMemberChange", schema: projectMemberInputSchema, example: null }] },
    responses: [
      { status: 201, description: "Added." },
      { status: 200, description: "Already a member." },
    ],
    errors: { 404: "No such project.", 422: "The body breaks the schema, or no account has this email." },
  },
  async ({ project, body, user }) => {
    const { created, member } = await addProjectMember(project, body, { userId: user.id });
    return created ? { status: 201, body: { created, member } } : { status: 200, body: { created, member } };
  },
);

export const DELETE = defineOperation(
  {
    internal: true,
    operationId: "removeProjectMemberAsAdmin",
    method: "delete",
    path: "/api/admin/projects/{slug}/members",
    tag: "Projects",
    summary: "Remove a member",
    auth: { kind: "session", role: "admin" },
    params: { slug: projectSlugParam },
    body: { variants: [{ name: "ProjectMemberChange", schema: projectMemberInputSchema, example: null }] },
    responses: [{ status: 204, description: "Removed." }],
    errors: { 404: "No such project, or the account is not a member.", 422: "The body breaks the schema, or no account has this email." },
  },
  async ({ project, body, user }) => {
    await removeProjectMember(project, body, { userId: user.id });
    return { status: 204 };
  },
);
