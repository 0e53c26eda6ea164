import { defineOperation } from "@/lib/api/operation";
import { projectSlugParam } from "@/lib/api/params";
import { createGenerator, toGeneratorResponse } from "@/lib/models/generators";
import { createGeneratorSchema } from "@/lib/models/schema";

/** The Generators tab's form: the same as POST /api/v1/projects/{slug}/generators. */
export const POST = defineOperation(
  {
    internal: true,
    operationId: "createGeneratorAsAdmin",
    method: "post",
    path: "/api/admin/projects/{slug}/generators",
    tag: "Labeling",
    summary: "Register a generator",
    auth: { kind: "session", role: "admin" },
    params: { slug: projectSlugParam },
    body: { variants: [{ name: "CreateGenerator", schema: createGeneratorSchema, example: null }] },
    responses: [{ status: 201, description: "Created." }],
    errors: { 404: "No such project.", 409: "The name is taken.", 422: "The body breaks the schema." },
  },
  async ({ project, body, user }) => ({
    status: 201,
    body: toGeneratorResponse(await createGenerator(project, body, { userId: user.id })),
  }),
);
