import { NextResponse } from "next/server";
import { z } from "zod";
import { parseOrThrow } from "@/lib/api/errors";
import { readJson, route } from "@/lib/api/http";
import { requireApiAdmin } from "@/lib/auth/guards";
import { slugSchema } from "@/lib/projects/schema";
import { promptStatusSchema, setPromptStatus } from "@/lib/prompts/mutations";

type Context = { params: Promise<{ slug: string; id: string }> };

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: "Not a prompt ID." });

/** Archives ({status: "archived"}) or restores ({status: "active"}) a prompt. */
export const PATCH = route(async (request, context: Context) => {
  const admin = await requireApiAdmin();
  const params = await context.params;
  const slug = parseOrThrow(slugSchema, params.slug, "project slug");
  const id = parseOrThrow(idSchema, params.id, "prompt ID");
  const { status } = parseOrThrow(promptStatusSchema, await readJson(request));
  const result = await setPromptStatus(slug, id, status, admin.id);
  return NextResponse.json({ prompt: { id: result.id, status: result.status }, changed: result.changed });
});
