import "server-only";
import { AppError } from "@/lib/api/errors";
import { writeAudit } from "@/lib/audit/log";
import { db } from "@/lib/db";
import { type Generator, Prisma, type Project } from "@/lib/generated/prisma/client";
import {
  type CreateGeneratorInput,
  type GenerationParams,
  type GeneratorResponse,
  generationParamsSchema,
  type UpdateGeneratorInput,
} from "@/lib/models/schema";
import { type Keyring, keyringFromEnv, open, SecretKeyError, seal } from "@/lib/models/secret-box";

export type Actor = { userId?: string; apiKeyId?: string };

/** The keyring, or a 422 saying the server cannot hold keys (a configuration problem the caller can see and report). */
function requireKeyring(): Keyring {
  try {
    return keyringFromEnv();
  } catch (error) {
    if (error instanceof SecretKeyError) throw new AppError("unprocessable", error.message, [{ path: "api_key", message: error.message }]);
    throw error;
  }
}

// The ciphertext is bound to its project: copied into another project's row it does not open.
function sealApiKey(projectId: string, apiKey: string): string {
  return seal(apiKey, requireKeyring(), projectId);
}

/** A generator's endpoint key in clear, for the request that sends it; null when it has none. */
export function openApiKey(generator: Pick<Generator, "projectId" | "apiKeyCiphertext">): string | null {
  return generator.apiKeyCiphertext === null ? null : open(generator.apiKeyCiphertext, keyringFromEnv(), generator.projectId);
}

export function generatorParams(generator: Pick<Generator, "params">): GenerationParams {
  return generationParamsSchema.parse(generator.params);
}

/** What the API and the screens show of a generator: everything but the key, which is only said to be set. */
export function toGeneratorResponse(generator: Generator): GeneratorResponse {
  return {
    name: generator.name,
    base_url: generator.baseUrl,
    model: generator.model,
    api: generator.api,
    params: generatorParams(generator),
    concurrency: generator.concurrency,
    requests_per_minute: generator.requestsPerMinute,
    api_key_set: generator.apiKeyCiphertext !== null,
    supports_n: generator.supportsN,
    created_at: generator.createdAt.toISOString(),
    updated_at: generator.updatedAt.toISOString(),
  };
}

function nameTaken(error: unknown, name: string): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    throw new AppError("conflict", `This project already has a generator named ${name}.`, [{ path: "name", message: "Name taken." }]);
  }
  throw error;
}

export async function listGenerators(project: Pick<Project, "id">): Promise<Generator[]> {
  return db.generator.findMany({ where: { projectId: project.id }, orderBy: { name: "asc" } });
}

export async function getGenerator(project: Pick<Project, "id">, name: string): Promise<Generator> {
  const generator = await db.generator.findUnique({ where: { projectId_name: { projectId: project.id, name } } });
  if (!generator) throw new AppError("not_found", `No generator named ${name} in this project.`);
  return generator;
}

export async function createGenerator(project: Pick<Project, "id">, input: CreateGeneratorInput, actor: Actor): Promise<Generator> {
  const apiKeyCiphertext = input.api_key === undefined ? null : sealApiKey(project.id, input.api_key);
  try {
    return await db.$transaction(async (tx) => {
      const generator = await tx.generator.create({
        data: {
          projectId: project.id,
          name: input.name,
          baseUrl: input.base_url,
          model: input.model,
          api: input.api,
          apiKeyCiphertext,
          params: input.params,
          concurrency: input.concurrency ?? null,
          requestsPerMinute: input.requests_per_minute ?? null,
        },
      });
      await writeAudit(tx, {
        actorId: actor.userId,
        apiKeyId: actor.apiKeyId,
        action: "generator.create",
        targetType: "generator",
        targetId: generator.id,
        details: { name: generator.name, base_url: generator.baseUrl, model: generator.model },
      });
      return generator;
    });
  } catch (error) {
    return nameTaken(error, input.name);
  }
}

export async function updateGenerator(
  project: Pick<Project, "id">,
  name: string,
  input: UpdateGeneratorInput,
  actor: Actor,
): Promise<Generator> {
  const current = await getGenerator(project, name);
  const data: Prisma.GeneratorUpdateInput = {
    name: input.name,
    baseUrl: input.base_url,
    model: input.model,
    api: input.api,
    concurrency: input.concurrency,
    requestsPerMinute: input.requests_per_minute,
  };
  if (input.params) data.params = generationParamsSchema.parse({ ...generatorParams(current), ...input.params });
  if (input.api_key !== undefined) data.apiKeyCiphertext = input.api_key === null ? null : sealApiKey(project.id, input.api_key);
  // Another endpoint or model may answer `n` differently: find out again.
  if (input.base_url !== undefined || input.model !== undefined || input.api !== undefined) data.supportsN = null;
  try {
    return await db.$transaction(async (tx) => {
      const generator = await tx.generator.update({ where: { id: current.id }, data });
      await writeAudit(tx, {
        actorId: actor.userId,
        apiKeyId: actor.apiKeyId,
        action: "generator.update",
        targetType: "generator",
        targetId: generator.id,
        // Which fields changed, never the key.
        details: { name: generator.name, changed: Object.keys(input) },
      });
      return generator;
    });
  } catch (error) {
    return nameTaken(error, input.name ?? name);
  }
}

export async function deleteGenerator(project: Pick<Project, "id">, name: string, actor: Actor): Promise<void> {
  const generator = await getGenerator(project, name);
  await db.$transaction(async (tx) => {
    await tx.generator.delete({ where: { id: generator.id } });
    await writeAudit(tx, {
      actorId: actor.userId,
      apiKeyId: actor.apiKeyId,
      action: "generator.delete",
      targetType: "generator",
      targetId: generator.id,
      details: { name: generator.name },
    });
  });
}
