import { defineOperation } from "@/lib/api/operation";
import { projectSlugParam } from "@/lib/api/params";
import { createGenerationJob, listGenerationJobs } from "@/lib/models/jobs";
import { createGenerationJobSchema } from "@/lib/models/schema";
import { ensureGenerationWorker } from "@/lib/models/worker";

/** The Generators tab's job list, polled while a job runs. */
export const GET = defineOperation(
  {
    internal: true,
    operationId: "listGenerationJobsAsAdmin",
    method: "get",
    path: "/api/admin/projects/{slug}/generations",
    tag: "Labeling",
    summary: "List the generation jobs",
    auth: { kind: "session", role: "admin" },
    params: { slug: projectSlugParam },
    responses: [{ status: 200, description: "The latest jobs." }],
    errors: { 404: "No such project." },
  },
  async ({ project }) => ({ status: 200, body: { jobs: await listGenerationJobs(project) } }),
);

/** The Generators tab's job form: the same as POST /api/v1/projects/{slug}/generations. */
export const POST = defineOperation(
  {
    internal: true,
    operationId: "createGenerationJobAsAdmin",
    method: "post",
    path: "/api/admin/projects/{slug}/generations",
    tag: "Labeling",
    summary: "Start a generation job",
    auth: { kind: "session", role: "admin" },
    params: { slug: projectSlugParam },
    body: { variants: [{ name: "CreateGenerationJob", schema: createGenerationJobSchema, example: null }] },
    responses: [{ status: 202, description: "Queued." }],
    errors: { 404: "No such project.", 422: "The body breaks the schema, or no prompt matches." },
  },
  async ({ project, body, user }) => {
    const job = await createGenerationJob(project, body, { userId: user.id });
    ensureGenerationWorker().wake();
    return { status: 202, body: { job_id: job.id } };
  },
);
