import { defineOperation } from "@/lib/api/operation";
import { idParam, projectSlugParam } from "@/lib/api/params";
import { cancelGenerationJob } from "@/lib/models/jobs";

/** The Generators tab's Cancel button: the same as POST /api/v1/projects/{slug}/generations/{id}/cancel. */
export const POST = defineOperation(
  {
    internal: true,
    operationId: "cancelGenerationJobAsAdmin",
    method: "post",
    path: "/api/admin/projects/{slug}/generations/{id}/cancel",
    tag: "Labeling",
    summary: "Cancel a generation job",
    auth: { kind: "session", role: "admin" },
    params: { slug: projectSlugParam, id: idParam("job ID") },
    responses: [{ status: 200, description: "Cancelled." }],
    errors: { 404: "No such project or job.", 409: "The job has already finished." },
  },
  async ({ project, params, user }) => ({ status: 200, body: await cancelGenerationJob(project, params.id, { userId: user.id }) }),
);
