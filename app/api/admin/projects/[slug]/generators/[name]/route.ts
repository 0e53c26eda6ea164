import { defineOperation, type Parameter } from "@/lib/api/operation";
import { projectSlugParam } from "@/lib/api/params";
import { deleteGenerator, toGeneratorResponse, updateGenerator } from "@/lib/models/generators";
import { generatorNameSchema, updateGeneratorSchema } from "@/lib/models/schema";

const nameParam = { schema: generatorNameSchema, description: "The generator's name.", label: "generator name" } satisfies Parameter;

/** The Generators tab's edit form: the same as PATCH /api/v1/projects/{slug}/generators/{name}. */
export const PATCH = defineOperation(
  {
    internal: true,
    operationId: "updateGeneratorAsAdmin",
    method: "patch",
    path: "/api/admin/projects/{slug}/generators/{name}",
    tag: "Labeling",
    summary: "Change a generator",
    auth: { kind: "session", role: "admin" },
    params: { slug: projectSlugParam, name: nameParam },
    body: { variants: [{ name: "UpdateGenerator", schema: updateGeneratorSchema, example: null }] },
    responses: [{ status: 200, description: "Saved." }],
    errors: { 404: "No such project or generator.", 409: "The new name is taken.", 422: "The body breaks the schema." },
  },
  async ({ project, params, body, user }) => ({
    status: 200,
    body: toGeneratorResponse(await updateGenerator(project, params.name, body, { userId: user.id })),
  }),
);

export const DELETE = defineOperation(
  {
    internal: true,
    operationId: "deleteGeneratorAsAdmin",
    method: "delete",
    path: "/api/admin/projects/{slug}/generators/{name}",
    tag: "Labeling",
    summary: "Delete a generator",
    auth: { kind: "session", role: "admin" },
    params: { slug: projectSlugParam, name: nameParam },
    responses: [{ status: 204, description: "Deleted." }],
    errors: { 404: "No such project or generator.", 422: "The name is malformed." },
  },
  async ({ project, params, user }) => {
    await deleteGenerator(project, params.name, { userId: user.id });
    return { status: 204 };
  },
);
