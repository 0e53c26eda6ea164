import { defineOperation } from "@/lib/api/operation";
import { BAD_SLUG, PROJECT_NOT_FOUND, projectSlugParam } from "@/lib/api/params";
import { projectMemberInputSchema, projectMemberResponseSchema, projectMembersResponseSchema } from "@/lib/projects/access";
import { addProjectMember, removeProjectMember } from "@/lib/projects/member-mutations";
import { listProjectMembers } from "@/lib/projects/members";

const example = { email: "labeler@example.com" };

export const GET = defineOperation(
  {
    operationId: "listProjectMembers",
    method: "get",
    path: "/api/v1/projects/{slug}/members",
    tag: "Projects",
    summary: "List a project's members",
    description:
      "Who may work in the project when its `labeler_access` is `members` (admins always may). With `all`, every labeler may, and the list is kept for when the project is limited.",
    auth: { kind: "apiKey", scope: "projects:admin" },
    params: { slug: projectSlugParam },
    responses: [
      {
        status: 200,
        description: "The access mode and the members, by email.",
        body: { name: "ProjectMembers", schema: projectMembersResponseSchema },
      },
    ],
    errors: { 404: PROJECT_NOT_FOUND, 422: `${BAD_SLUG}.` },
  },
  async ({ project }) => ({ status: 200, body: { labeler_access: project.labelerAccess, members: await listProjectMembers(project) } }),
);

export const POST = defineOperation(
  {
    operationId: "addProjectMember",
    method: "post",
    path: "/api/v1/projects/{slug}/members",
    tag: "Projects",
    summary: "Add a member",
    description:
      "Adds an existing account to the project (invite new people from the admin screens, naming the project). Adding a member twice is harmless.",
    auth: { kind: "apiKey", scope: "projects:admin" },
    params: { slug: projectSlugParam },
    body: { variants: [{ name: "ProjectMemberChange", schema: projectMemberInputSchema, example }] },
    responses: [
      { status: 201, description: "Added.", body: { name: "ProjectMemberResponse", schema: projectMemberResponseSchema } },
      { status: 200, description: "Already a member.", body: { name: "ProjectMemberResponse", schema: projectMemberResponseSchema } },
    ],
    errors: { 404: PROJECT_NOT_FOUND, 422: `${BAD_SLUG}, the body breaks the schema, or no account has this email.` },
  },
  async ({ project, body, client }) => {
    const { created, member } = await addProjectMember(project, body, { apiKeyId: client.keyId });
    return created ? { status: 201, body: { member } } : { status: 200, body: { member } };
  },
);

export const DELETE = defineOperation(
  {
    operationId: "removeProjectMember",
    method: "delete",
    path: "/api/v1/projects/{slug}/members",
    tag: "Projects",
    summary: "Remove a member",
    description:
      "When the project is limited to its members, the person loses access at once: their leases in it are released, and an answer to a task they still hold is refused (404).",
    auth: { kind: "apiKey", scope: "projects:admin" },
    params: { slug: projectSlugParam },
    body: { variants: [{ name: "ProjectMemberChange", schema: projectMemberInputSchema, example }] },
    responses: [{ status: 204, description: "Removed." }],
    errors: {
      404: `${PROJECT_NOT_FOUND} Or the account is not a member.`,
      422: `${BAD_SLUG}, the body breaks the schema, or no account has this email.`,
    },
  },
  async ({ project, body, client }) => {
    await removeProjectMember(project, body, { apiKeyId: client.keyId });
    return { status: 204 };
  },
);
