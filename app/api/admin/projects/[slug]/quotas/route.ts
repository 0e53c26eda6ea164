import { NextResponse } from "next/server";
import { z } from "zod";
import { parseOrThrow } from "@/lib/api/errors";
import { readJson, route } from "@/lib/api/http";
import { requireApiAdmin } from "@/lib/auth/guards";
import { requireProject } from "@/lib/projects/queries";
import { slugSchema } from "@/lib/projects/schema";
import { quotaOverrideSchema, setQuotaOverride } from "@/lib/prompts/mutations";
import { listEndUsersByUsage, searchParamsObject, usageCursorSchema } from "@/lib/prompts/queries";

type Context = { params: Promise<{ slug: string }> };

const listSchema = z.object({ after: usageCursorSchema.optional() });

/** End users by usage, heaviest first; `?after=` is the `next` cursor of the previous page. */
export const GET = route(async (request, context: Context) => {
  await requireApiAdmin();
  const slug = parseOrThrow(slugSchema, (await context.params).slug, "project slug");
  const { after } = parseOrThrow(listSchema, searchParamsObject(new URL(request.url)), "query");
  const project = await requireProject(slug);
  const page = await listEndUsersByUsage(project.id, after);
  return NextResponse.json({ defaultLimit: project.promptQuota, endUsers: page.rows, next: page.next });
});

/** Sets ({limit: n}) or clears ({limit: null}) one end user's override, by raw ID or by reference. */
export const PUT = route(async (request, context: Context) => {
  const admin = await requireApiAdmin();
  const slug = parseOrThrow(slugSchema, (await context.params).slug, "project slug");
  const input = parseOrThrow(quotaOverrideSchema, await readJson(request));
  const { endUser, created, defaultLimit } = await setQuotaOverride(slug, input, admin.id);
  return NextResponse.json({
    endUser: {
      userRef: endUser.userRef,
      label: endUser.label,
      split: endUser.split,
      acceptedCount: endUser.acceptedCount,
      quotaOverride: endUser.quotaOverride,
    },
    created,
    defaultLimit,
  });
});
