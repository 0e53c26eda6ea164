import { z } from "zod";
import { defineOperation } from "@/lib/api/operation";
import { BAD_SLUG, PROJECT_NOT_FOUND, projectSlugParam } from "@/lib/api/params";
import { createGenerator, listGenerators, toGeneratorResponse } from "@/lib/models/generators";
import { createGeneratorSchema, generatorResponseSchema } from "@/lib/models/schema";

export const GET = defineOperation(
  {
    operationId: "listGenerators",
    method: "get",
    path: "/api/v1/projects/{slug}/generators",
    tag: "Labeling",
    summary: "List the generators",
    description:
      "The model endpoints that generation jobs ask for outputs. Endpoint keys are never returned: `api_key_set` says whether one is stored.",
    auth: { kind: "apiKey", scope: "models:write" },
    params: { slug: projectSlugParam },
    responses: [
      {
        status: 200,
        description: "The generators, by name.",
        body: { name: "GeneratorList", schema: z.object({ generators: z.array(generatorResponseSchema) }) },
      },
    ],
    errors: { 404: PROJECT_NOT_FOUND, 422: `${BAD_SLUG}.` },
  },
  async ({ project }) => ({ status: 200, body: { generators: (await listGenerators(project)).map(toGeneratorResponse) } }),
);

export const POST = defineOperation(
  {
    operationId: "createGenerator",
    method: "post",
    path: "/api/v1/projects/{slug}/generators",
    tag: "Labeling",
    summary: "Register a generator",
    description:
      "A model endpoint speaking the OpenAI HTTP protocol (vLLM, TGI, llama.cpp, Ollama, hosted APIs): `base_url` up to `/v1`, `api` `chat` (`/chat/completions`) or `completions` (`/completions`). The `api_key` is stored encrypted (AES-256-GCM under `RANKLAB_SECRET_KEY`) and never returned. `concurrency` and `requests_per_minute` hold per app instance.",
    auth: { kind: "apiKey", scope: "models:write" },
    params: { slug: projectSlugParam },
    body: {
      variants: [
        {
          name: "CreateGenerator",
          schema: createGeneratorSchema,
          example: {
            name: "llama-3-8b-sft",
            base_url: "http://vllm:8000/v1",
            model: "meta-llama/Meta-Llama-3-8B-Instruct",
            api: "chat",
            api_key: "sk-...",
            params: { temperature: 0.7, top_p: 0.95, max_tokens: 512 },
            concurrency: 8,
            requests_per_minute: 600,
          },
        },
      ],
    },
    responses: [{ status: 201, description: "The generator.", body: { name: "Generator", schema: generatorResponseSchema } }],
    errors: {
      404: PROJECT_NOT_FOUND,
      409: "The project already has a generator with this name.",
      422: `${BAD_SLUG}, the body breaks the schema, or an api_key was sent to a server without RANKLAB_SECRET_KEY.`,
    },
  },
  async ({ project, body, client }) => ({
    status: 201,
    body: toGeneratorResponse(await createGenerator(project, body, { apiKeyId: client.keyId })),
  }),
);
