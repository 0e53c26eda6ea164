import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { type Generator, Prisma, type Project } from "@/lib/generated/prisma/client";
import { createComparisonSchema, createComparisonTask } from "@/lib/labeling/tasks";
import { generatorParams, openApiKey } from "@/lib/models/generators";
import type { JobSample } from "@/lib/models/jobs";
import { EndpointLimiter } from "@/lib/models/limits";
import {
  type ClientOptions,
  DEFAULT_CLIENT_OPTIONS,
  EndpointError,
  type ModelPrompt,
  requestWithRetries,
} from "@/lib/models/openai-client";
import { nextRequestSize, nSupportFrom } from "@/lib/models/sample-plan";
import type { GenerationErrorRecord } from "@/lib/models/schema";
import { SecretKeyError } from "@/lib/models/secret-box";
import { readMessages } from "@/lib/prompts/conversation";

/*
 * The generation worker: claims a job's items (one per prompt) from PostgreSQL under a lease, asks
 * the generators for the outputs, and makes each prompt's ranking task. Every app instance runs one;
 * they share the work through the database alone, so a restarted or second instance resumes a job.
 */

export type WorkerOptions = {
  /** Unique per worker; recorded on the items it holds. */
  owner: string;
  /** How long a claimed item is held without renewal before another worker may take it over. */
  leaseMs: number;
  /** How often a held lease is renewed (and a cancelled job noticed). */
  renewMs: number;
  /** Items worked on at once. */
  slots: number;
  /** How often an idle worker looks for work (jobs started on other instances, orphaned items). */
  pollMs: number;
  /** Claims of one item before it is failed: an item that keeps taking its worker down is not retried forever. */
  maxItemAttempts: number;
  client: ClientOptions;
};

export const DEFAULT_WORKER_OPTIONS: Omit<WorkerOptions, "owner"> = {
  leaseMs: 120_000,
  renewMs: 5_000,
  slots: 8,
  pollMs: 5_000,
  maxItemAttempts: 3,
  client: DEFAULT_CLIENT_OPTIONS,
};

type ClaimedItem = { id: string; jobId: string; promptId: string; attempts: number };

/** Thrown into a running item when its lease is gone (taken over, or the job cancelled): it stops and writes nothing. */
class LeaseLost extends Error {}

/** A failure recorded on the item (never a key: messages come from EndpointError, which scrubs it). */
class ItemFailure extends Error {
  constructor(readonly record: Omit<GenerationErrorRecord, "prompt_id">) {
    super(record.message);
  }
}

const sampleListSchema = z.array(z.object({ generatorId: z.string(), n: z.number().int().min(1) }));

function failureOf(error: unknown, generator: string | null): ItemFailure {
  if (error instanceof ItemFailure) return error;
  if (error instanceof EndpointError) return new ItemFailure({ generator, status: error.status, message: error.message });
  // A key that cannot be opened, or a prompt archived meanwhile (the task code's own check): said as is.
  if (error instanceof SecretKeyError || error instanceof AppError)
    return new ItemFailure({ generator, status: null, message: error.message });
  // Anything else is our bug, not the endpoint's: logged for the operator, recorded without detail.
  console.error(`Generation failed unexpectedly${generator ? ` (${generator})` : ""}: ${(error as Error)?.message}`);
  return new ItemFailure({ generator, status: null, message: "Internal error while generating." });
}

export class GenerationWorker {
  readonly options: WorkerOptions;
  private readonly limiter = new EndpointLimiter();
  private readonly inFlight = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private stopped = false;

  constructor(options: Partial<WorkerOptions> = {}) {
    this.options = { ...DEFAULT_WORKER_OPTIONS, owner: `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`, ...options };
  }

  /** Starts polling; returns itself. */
  start(): this {
    this.stopped = false;
    this.timer ??= setInterval(() => this.wake(), this.options.pollMs);
    this.timer.unref();
    this.wake();
    return this;
  }

  /** Looks for work now (after a job is created on this instance). */
  wake(): void {
    if (this.stopped || this.ticking) return;
    this.ticking = this.fill()
      .catch((error: Error) => console.error(`Generation worker: ${error.message}`))
      .finally(() => {
        this.ticking = undefined;
      });
  }

  /** Claims items until every slot is busy or nothing is left. */
  private async fill(): Promise<void> {
    while (!this.stopped && this.inFlight.size < this.options.slots) {
      const claimed = await this.claim(this.options.slots - this.inFlight.size);
      if (!claimed.length) return;
      for (const item of claimed) {
        const controller = new AbortController();
        const done = this.process(item, controller).finally(() => {
          this.inFlight.delete(item.id);
          this.wake();
        });
        this.inFlight.set(item.id, { controller, done });
      }
    }
  }

  /** Works until no claimable item is left and nothing is in flight (tests and benchmarks). */
  async drain(): Promise<void> {
    for (;;) {
      this.wake();
      await this.ticking;
      if (!this.inFlight.size) {
        if (!(await this.claimable())) return;
        continue;
      }
      await Promise.race([...this.inFlight.values()].map((entry) => entry.done));
    }
  }

  /**
   * Stops: no more claims, items in flight abandoned. With `release` their leases are given back
   * so another worker takes them at once; without, they wait for their leases to expire (a crash).
   */
  async stop({ release = true } = {}): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    for (const entry of this.inFlight.values()) entry.controller.abort(new LeaseLost("stopping"));
    await Promise.allSettled([...this.inFlight.values()].map((entry) => entry.done));
    await this.ticking;
    if (release) {
      await db.generationItem.updateMany({
        where: { leaseOwner: this.options.owner, status: "running" },
        data: { status: "pending", leaseOwner: null, leaseUntil: null, attempts: { decrement: 1 } },
      });
    }
  }

  private async claimable(): Promise<boolean> {
    const [row] = await db.$queryRaw<{ found: boolean }[]>`
      SELECT EXISTS (
        SELECT 1 FROM "GenerationItem" i JOIN "GenerationJob" j ON j."id" = i."jobId"
        WHERE j."status" IN ('queued', 'running')
          AND (i."status" = 'pending' OR (i."status" = 'running' AND i."leaseUntil" < (now() AT TIME ZONE 'UTC')))
      ) AS found`;
    return Boolean(row?.found);
  }

  /**
   * Takes up to `limit` items: pending ones, or running ones whose lease expired (their worker
   * died). SKIP LOCKED lets workers claim side by side without waiting on or taking each other's.
   * Times are computed in the database (UTC, as Prisma stores them), so instances' clocks never disagree.
   */
  private async claim(limit: number): Promise<ClaimedItem[]> {
    const items = await db.$queryRaw<ClaimedItem[]>`
      WITH picked AS (
        SELECT i."id" FROM "GenerationItem" i JOIN "GenerationJob" j ON j."id" = i."jobId"
        WHERE j."status" IN ('queued', 'running')
          AND (i."status" = 'pending' OR (i."status" = 'running' AND i."leaseUntil" < (now() AT TIME ZONE 'UTC')))
        ORDER BY j."createdAt", i."id"
        LIMIT ${limit}
        FOR UPDATE OF i SKIP LOCKED
      )
      UPDATE "GenerationItem" i
      SET "status" = 'running', "leaseOwner" = ${this.options.owner}, "attempts" = i."attempts" + 1,
          "leaseUntil" = (now() AT TIME ZONE 'UTC') + ${this.options.leaseMs} * interval '1 millisecond'
      FROM picked WHERE i."id" = picked."id"
      RETURNING i."id", i."jobId", i."promptId", i."attempts"`;
    const jobIds = [...new Set(items.map((item) => item.jobId))];
    if (jobIds.length) await db.generationJob.updateMany({ where: { id: { in: jobIds }, status: "queued" }, data: { status: "running" } });
    return items;
  }

  /** Extends the lease; false when it is no longer ours (taken over, or the job cancelled). */
  private async renew(item: ClaimedItem): Promise<boolean> {
    const count = await db.$executeRaw`
      UPDATE "GenerationItem"
      SET "leaseUntil" = (now() AT TIME ZONE 'UTC') + ${this.options.leaseMs} * interval '1 millisecond'
      WHERE "id" = ${item.id} AND "leaseOwner" = ${this.options.owner} AND "status" = 'running'`;
    return count > 0;
  }

  private async process(item: ClaimedItem, controller: AbortController): Promise<void> {
    const renewal = setInterval(() => {
      this.renew(item)
        .then((held) => held || controller.abort(new LeaseLost()))
        .catch(() => {});
    }, this.options.renewMs);
    try {
      await this.generate(item, controller.signal);
    } catch (error) {
      if (controller.signal.aborted || error instanceof LeaseLost) return;
      const failure = failureOf(error, null);
      await db.generationItem.updateMany({
        where: { id: item.id, leaseOwner: this.options.owner, status: "running" },
        data: { status: "failed", leaseOwner: null, leaseUntil: null, error: failure.record },
      });
    } finally {
      clearInterval(renewal);
      await this.finishJob(item.jobId).catch((error: Error) => console.error(`Generation worker: ${error.message}`));
    }
  }

  private async generate(item: ClaimedItem, signal: AbortSignal): Promise<void> {
    if (item.attempts > this.options.maxItemAttempts) {
      throw new ItemFailure({ generator: null, status: null, message: `Interrupted ${item.attempts - 1} times; given up.` });
    }
    const job = await db.generationJob.findUniqueOrThrow({ where: { id: item.jobId }, include: { project: true } });
    const samples: JobSample[] = sampleListSchema.parse(job.samples);
    const prompt = await db.prompt.findFirst({
      where: { id: item.promptId, projectId: job.projectId },
      select: { text: true, messages: true, status: true },
    });
    if (prompt?.status !== "active") throw new ItemFailure({ generator: null, status: null, message: "The prompt is gone or archived." });
    const generators = await db.generator.findMany({ where: { id: { in: samples.map((sample) => sample.generatorId) } } });

    // One generator failing stops the others: the prompt's task needs every output.
    const siblings = new AbortController();
    const both = AbortSignal.any([signal, siblings.signal]);
    const outputs = await Promise.all(
      samples.map(async (sample) => {
        const generator = generators.find((candidate) => candidate.id === sample.generatorId);
        if (!generator) throw new ItemFailure({ generator: null, status: null, message: "A generator of this job was deleted." });
        try {
          const texts = await this.sample(generator, { text: prompt.text, messages: readMessages(prompt.messages) }, sample.n, both);
          return texts.map((text) => ({ model: generator.name, text }));
        } catch (error) {
          siblings.abort(error);
          if (signal.aborted) throw signal.reason;
          throw failureOf(error, generator.name);
        }
      }),
    );

    const input = createComparisonSchema.safeParse({ prompt_id: item.promptId, outputs: outputs.flat() });
    if (!input.success) {
      const issue = input.error.issues[0];
      throw new ItemFailure({ generator: null, status: null, message: `The outputs cannot make a task: ${issue?.message ?? "invalid"}` });
    }
    if (signal.aborted) throw signal.reason;
    await createComparisonTask(job.project as Project, input.data, async (tx, task) => {
      // The link's primary key (job, prompt) refuses a second task for the prompt, and the item
      // update refuses a worker whose lease is gone: either way the task rolls back with it.
      await tx.generationTaskLink.create({ data: { jobId: item.jobId, promptId: item.promptId, taskId: task.id } });
      const { count } = await tx.generationItem.updateMany({
        where: { id: item.id, leaseOwner: this.options.owner, status: "running" },
        data: { status: "done", leaseOwner: null, leaseUntil: null, error: Prisma.DbNull },
      });
      if (!count) throw new LeaseLost();
    });
  }

  /** `n` samples from one generator: in one request where the server answers `n` choices, else one at a time. */
  private async sample(generator: Generator, prompt: ModelPrompt, n: number, signal: AbortSignal): Promise<string[]> {
    const endpoint = {
      baseUrl: generator.baseUrl,
      api: generator.api,
      model: generator.model,
      apiKey: openApiKey(generator),
      params: generatorParams(generator),
    };
    const limits = { concurrency: generator.concurrency, requestsPerMinute: generator.requestsPerMinute };
    const acquire = () => this.limiter.acquire(generator.id, limits, signal);
    let supportsN = generator.supportsN;
    const texts: string[] = [];
    while (texts.length < n) {
      const size = nextRequestSize(n - texts.length, supportsN);
      let answer: string[];
      try {
        answer = await requestWithRetries(endpoint, prompt, size, this.options.client, acquire, signal);
      } catch (error) {
        // A server that refuses `n` outright (400/422) is asked one at a time from now on.
        if (size > 1 && error instanceof EndpointError && (error.status === 400 || error.status === 422)) {
          supportsN = false;
          continue;
        }
        throw error;
      }
      if (!answer.length) throw new EndpointError("The endpoint answered no choices.", 200, false);
      supportsN = nSupportFrom(size, answer.length, supportsN);
      texts.push(...answer.slice(0, n - texts.length));
    }
    if (supportsN !== generator.supportsN) {
      await db.generator.updateMany({ where: { id: generator.id, updatedAt: generator.updatedAt }, data: { supportsN } });
    }
    return texts;
  }

  /** Closes the job when none of its items is left to do: failed when every prompt failed, done otherwise. */
  private async finishJob(jobId: string): Promise<void> {
    await db.$executeRaw`
      UPDATE "GenerationJob" j
      SET "status" = (CASE WHEN EXISTS (SELECT 1 FROM "GenerationItem" WHERE "jobId" = j."id" AND "status" = 'done')
                           THEN 'done' ELSE 'failed' END)::"GenerationJobStatus",
          "finishedAt" = (now() AT TIME ZONE 'UTC')
      WHERE j."id" = ${jobId} AND j."status" = 'running'
        AND NOT EXISTS (SELECT 1 FROM "GenerationItem" WHERE "jobId" = j."id" AND "status" IN ('pending', 'running'))`;
  }
}

const WORKER = Symbol.for("ranklab.generationWorker");

/** This instance's worker, started on first use (at server start, and when a job is created here). */
export function ensureGenerationWorker(): GenerationWorker {
  const holder = globalThis as { [WORKER]?: GenerationWorker };
  holder[WORKER] ??= new GenerationWorker().start();
  return holder[WORKER];
}
