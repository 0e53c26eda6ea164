import { defineOperation, type Parameter } from "@/lib/api/operation";
import { projectSlugParam } from "@/lib/api/params";
import { deleteGenerator, getGenerator, toGeneratorResponse, updateGenerator } from "@/lib/models/generators";
import { generatorNameSchema, generatorResponseSchema, updateGeneratorSchema } from "@/lib/models/schema";

const generatorNameParam = {
  schema: generatorNameSchema,
  description: "The generator's name, unique in the project.",
  example: "llama-3-8b-sft",
  label: "generator name",
} satisfies Parameter;

const NOT_FOUND = "No project with this slug, or no generator with this name.";
const MALFORMED = "The slug or the generator name is malformed";

export const GET = defineOperation(
  {
    operationId: "getGenerator",
    method: "get",
    path: "/api/v1/projects/{slug}/generators/{name}",
    tag: "Labeling",
    summary: "Get a generator",
    auth: { kind: "apiKey", scope: "models:write" },
    params: { slug: projectSlugParam, name: generatorNameParam },
    responses: [{ status: 200, description: "The generator.", body: { name: "Generator", schema: generatorResponseSchema } }],
    errors: { 404: NOT_FOUND, 422: `${MALFORMED}.` },
  },
  async ({ project, params }) => ({ status: 200, body: toGeneratorResponse(await getGenerator(project, params.name)) }),
);

export const PATCH = defineOperation(
  {
    operationId: "updateGenerator",
    method: "patch",
    path: "/api/v1/projects/{slug}/generators/{name}",
    tag: "Labeling",
    summary: "Change a generator",
    description:
      "Send only what changes; `params` are merged into the current ones; `api_key: null` removes the key, `null` lifts a limit.",
    auth: { kind: "apiKey", scope: "models:write" },
    params: { slug: projectSlugParam, name: generatorNameParam },
    body: {
      variants: [{ name: "UpdateGenerator", schema: updateGeneratorSchema, example: { params: { temperature: 1 }, concurrency: 4 } }],
    },
    responses: [{ status: 200, description: "The generator as saved.", body: { name: "Generator", schema: generatorResponseSchema } }],
    errors: {
      404: NOT_FOUND,
      409: "Another generator of the project has the new name.",
      422: `${MALFORMED}, or the body breaks the schema.`,
    },
  },
  async ({ project, params, body, client }) => ({
    status: 200,
    body: toGeneratorResponse(await updateGenerator(project, params.name, body, { apiKeyId: client.keyId })),
  }),
);

export const DELETE = defineOperation(
  {
    operationId: "deleteGenerator",
    method: "delete",
    path: "/api/v1/projects/{slug}/generators/{name}",
    tag: "Labeling",
    summary: "Delete a generator",
    description: "Its stored key goes with it. Prompts of running jobs that still need it fail.",
    auth: { kind: "apiKey", scope: "models:write" },
    params: { slug: projectSlugParam, name: generatorNameParam },
    responses: [{ status: 204, description: "Deleted." }],
    errors: { 404: NOT_FOUND, 422: `${MALFORMED}.` },
  },
  async ({ project, params, client }) => {
    await deleteGenerator(project, params.name, { apiKeyId: client.keyId });
    return { status: 204 };
  },
);
