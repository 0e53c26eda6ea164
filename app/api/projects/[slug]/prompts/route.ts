import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/api/errors";
import { readJson, route } from "@/lib/api/http";
import { requireApiUser } from "@/lib/auth/guards";
import { projectFromParams, type SlugContext } from "@/lib/projects/route-params";
import { ingestPrompts } from "@/lib/prompts/ingest";
import { labelerPromptSchema, labelerPromptStructure, renderLabelerPrompt } from "@/lib/prompts/labeler-prompt";

/**
 * A prompt written by a signed-in labeler. It takes the same pipeline as every other prompt; the
 * labeler is its end user (so the per-user quota applies to labelers too).
 */
export const POST = route(async (request, context: SlugContext) => {
  const user = await requireApiUser();
  const input = parseOrThrow(labelerPromptSchema, await readJson(request), "prompt");
  const project = await projectFromParams(context);
  const [result] = await ingestPrompts({
    project,
    source: "labeler",
    kind: input.kind,
    createdById: user.id,
    prompts: [
      {
        text: renderLabelerPrompt(input),
        user_id: `labeler:${user.id}`,
        category: input.category,
        structure: labelerPromptStructure(input),
      },
    ],
  });
  return NextResponse.json({ result }, { status: result!.status === "accepted" ? 201 : 200 });
});
