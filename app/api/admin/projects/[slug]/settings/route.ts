import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/api/errors";
import { readJson, route } from "@/lib/api/http";
import { requireApiAdmin } from "@/lib/auth/guards";
import type { Project } from "@/lib/generated/prisma/client";
import { requireProject } from "@/lib/projects/queries";
import { slugSchema } from "@/lib/projects/schema";
import { updatePromptSettings } from "@/lib/prompts/mutations";
import { projectPromptSettingsSchema } from "@/lib/prompts/schema";

type Context = { params: Promise<{ slug: string }> };

// The salt stays on the server: it keys the end-user pseudonyms.
function settingsOf(project: Project) {
  const { dedupPrefixWords, promptQuota, maxPromptTokens, splitTrain, splitValid, splitTest, labelsPerTask, leaseMinutes } = project;
  return { dedupPrefixWords, promptQuota, maxPromptTokens, splitTrain, splitValid, splitTest, labelsPerTask, leaseMinutes };
}

export const GET = route(async (_request, context: Context) => {
  await requireApiAdmin();
  const slug = parseOrThrow(slugSchema, (await context.params).slug, "project slug");
  return NextResponse.json({ settings: settingsOf(await requireProject(slug)) });
});

/** Changes the pipeline settings; a new prefix length rebuilds the dedup index before answering. */
export const PATCH = route(async (request, context: Context) => {
  const admin = await requireApiAdmin();
  const slug = parseOrThrow(slugSchema, (await context.params).slug, "project slug");
  const input = parseOrThrow(projectPromptSettingsSchema, await readJson(request));
  const result = await updatePromptSettings(slug, input, admin.id);
  return NextResponse.json({ settings: settingsOf(result.project), changed: result.changed, dedupRebuild: result.rebuild });
});
