import "server-only";
import { AppError } from "@/lib/api/errors";
import { writeAudit } from "@/lib/audit/log";
import { db } from "@/lib/db";
import type { GenerationJob, Prisma, Project } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/models/generators";
import {
  type CreateGenerationJobInput,
  type GenerationErrorRecord,
  type GenerationJobResponse,
  generationErrorSchema,
  MAX_JOB_PROMPTS,
} from "@/lib/models/schema";

/** What a job asks of each generator, as stored: by id, so a renamed generator keeps its place. */
export type JobSample = { generatorId: string; n: number };

/** The errors a job's status shows at most. */
const ERRORS_SHOWN = 100;

/** Starts a job: one item per chosen prompt, for the workers to claim. */
export async function createGenerationJob(
  project: Pick<Project, "id">,
  input: CreateGenerationJobInput,
  actor: Actor,
): Promise<GenerationJob> {
  const names = input.samples.map((sample) => sample.generator);
  const generators = await db.generator.findMany({
    where: { projectId: project.id, name: { in: names } },
    select: { id: true, name: true },
  });
  const unknown = names.filter((name) => !generators.some((generator) => generator.name === name));
  if (unknown.length) {
    throw new AppError(
      "unprocessable",
      `No generator named ${unknown.join(", ")} in this project.`,
      unknown.map((name) => ({ path: "samples", message: `Unknown generator ${name}.` })),
    );
  }
  const samples: JobSample[] = input.samples.map((sample) => ({
    generatorId: generators.find((generator) => generator.name === sample.generator)!.id,
    n: sample.n,
  }));

  const { ids, split, without_tasks: withoutTasks, limit } = input.prompts;
  const where: Prisma.PromptWhereInput = {
    projectId: project.id,
    status: "active",
    ...(ids ? { id: { in: ids } } : {}),
    ...(split ? { split } : {}),
    ...(withoutTasks ? { tasks: { none: { kind: "ranking" } } } : {}),
  };
  if (ids) {
    const known = await db.prompt.findMany({ where: { projectId: project.id, status: "active", id: { in: ids } }, select: { id: true } });
    const missing = ids.filter((id) => !known.some((prompt) => prompt.id === id));
    if (missing.length) {
      throw new AppError(
        "unprocessable",
        `Unknown or archived prompts: ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? "…" : ""}`,
        missing.slice(0, 100).map((id) => ({ path: "prompts.ids", message: `Unknown or archived prompt ${id}.` })),
      );
    }
  }
  const prompts = await db.prompt.findMany({
    where,
    select: { id: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit ?? MAX_JOB_PROMPTS,
  });
  if (!prompts.length)
    throw new AppError("unprocessable", "No prompt matches; nothing to generate.", [{ path: "prompts", message: "No prompt matches." }]);

  return db.$transaction(async (tx) => {
    const job = await tx.generationJob.create({ data: { projectId: project.id, samples } });
    await tx.generationItem.createMany({ data: prompts.map((prompt) => ({ jobId: job.id, promptId: prompt.id })) });
    await writeAudit(tx, {
      actorId: actor.userId,
      apiKeyId: actor.apiKeyId,
      action: "generation.start",
      targetType: "generation_job",
      targetId: job.id,
      details: { prompts: prompts.length, samples: input.samples },
    });
    return job;
  });
}

async function requireJob(project: Pick<Project, "id">, jobId: string): Promise<GenerationJob> {
  const job = await db.generationJob.findFirst({ where: { id: jobId, projectId: project.id } });
  if (!job) throw new AppError("not_found", `No generation job ${jobId} in this project.`);
  return job;
}

/** A job's state, counted from its items. */
export async function getGenerationJob(project: Pick<Project, "id">, jobId: string): Promise<GenerationJobResponse> {
  const job = await requireJob(project, jobId);
  const [counts, failures] = await Promise.all([
    db.generationItem.groupBy({ by: ["status"], where: { jobId }, _count: { _all: true } }),
    db.generationItem.findMany({
      where: { jobId, status: "failed" },
      select: { promptId: true, error: true },
      orderBy: { id: "asc" },
      take: ERRORS_SHOWN,
    }),
  ]);
  const count = (status: string) => counts.find((row) => row.status === status)?._count._all ?? 0;
  return {
    job_id: job.id,
    status: job.status,
    total: counts.reduce((sum, row) => sum + row._count._all, 0),
    done: count("done"),
    failed: count("failed"),
    cancelled: count("cancelled"),
    errors: failures.map((item): GenerationErrorRecord => {
      const parsed = generationErrorSchema.omit({ prompt_id: true }).safeParse(item.error);
      return { prompt_id: item.promptId, ...(parsed.success ? parsed.data : { generator: null, status: null, message: "Failed." }) };
    }),
    created_at: job.createdAt.toISOString(),
    finished_at: job.finishedAt?.toISOString() ?? null,
  };
}

/** The project's jobs, newest first, for the admin screen. */
export async function listGenerationJobs(project: Pick<Project, "id">, take = 20): Promise<GenerationJobResponse[]> {
  const jobs = await db.generationJob.findMany({
    where: { projectId: project.id },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true },
  });
  return Promise.all(jobs.map((job) => getGenerationJob(project, job.id)));
}

/**
 * Cancels a queued or running job: its unfinished items are cancelled at once, and a worker busy
 * with one finds out at its next lease renewal and stops (the task it was making is not created).
 * Cancelling a cancelled job changes nothing; a finished one is a 409.
 */
export async function cancelGenerationJob(project: Pick<Project, "id">, jobId: string, actor: Actor): Promise<GenerationJobResponse> {
  const job = await requireJob(project, jobId);
  if (job.status === "done" || job.status === "failed")
    throw new AppError("conflict", `The job has already ${job.status === "done" ? "finished" : "failed"}.`);
  await db.$transaction(async (tx) => {
    const { count } = await tx.generationJob.updateMany({
      where: { id: jobId, status: { in: ["queued", "running"] } },
      data: { status: "cancelled", finishedAt: new Date() },
    });
    if (!count) return;
    await tx.generationItem.updateMany({
      where: { jobId, status: { in: ["pending", "running"] } },
      data: { status: "cancelled", leaseOwner: null, leaseUntil: null },
    });
    await writeAudit(tx, {
      actorId: actor.userId,
      apiKeyId: actor.apiKeyId,
      action: "generation.cancel",
      targetType: "generation_job",
      targetId: jobId,
    });
  });
  return getGenerationJob(project, jobId);
}
