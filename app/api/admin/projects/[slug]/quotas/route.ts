import { z } from "zod";
import { defineOperation } from "@/lib/api/operation";
import { projectSlugParam } from "@/lib/api/params";
import { quotaOverrideSchema, setQuotaOverride } from "@/lib/prompts/mutations";
import { listEndUsersByUsage, usageCursorSchema } from "@/lib/prompts/queries";

/** End users by usage, heaviest first; `?after=` is the `next` cursor of the previous page. */
export const GET = defineOperation(
  {
    internal: true,
    operationId: "listEndUsers",
    method: "get",
    path: "/api/admin/projects/{slug}/quotas",
    tag: "Prompts",
    summary: "End users by usage",
    auth: { kind: "session", role: "admin" },
    params: { slug: projectSlugParam },
    query: z.object({ after: usageCursorSchema.optional() }),
    responses: [{ status: 200, description: "One page of end users, heaviest first." }],
    errors: { 404: "No such project.", 422: "The cursor is not valid." },
  },
  async ({ project, query }) => {
    const page = await listEndUsersByUsage(project.id, query.after);
    return { status: 200, body: { defaultLimit: project.promptQuota, endUsers: page.rows, next: page.next } };
  },
);

/** Sets ({limit: n}) or clears ({limit: null}) one end user's override, by raw ID or by reference. */
export const PUT = defineOperation(
  {
    internal: true,
    operationId: "setQuotaOverride",
    method: "put",
    path: "/api/admin/projects/{slug}/quotas",
    tag: "Prompts",
    summary: "Set or clear an end user's quota",
    auth: { kind: "session", role: "admin" },
    params: { slug: projectSlugParam },
    body: { variants: [{ name: "QuotaOverride", schema: quotaOverrideSchema, example: { user_id: "user-123", limit: 50 } }] },
    responses: [{ status: 200, description: "The end user with their override." }],
    errors: { 404: "No such project or end user.", 422: "The body breaks the schema." },
  },
  async ({ project, body, user }) => {
    const { endUser, created, defaultLimit } = await setQuotaOverride(project, body, user.id);
    const { userRef, label, split, acceptedCount, quotaOverride } = endUser;
    return { status: 200, body: { endUser: { userRef, label, split, acceptedCount, quotaOverride }, created, defaultLimit } };
  },
);
