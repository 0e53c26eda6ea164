import { defineOperation } from "@/lib/api/operation";
import { projectSlugParam } from "@/lib/api/params";
import { ingestPrompts } from "@/lib/prompts/ingest";
import { labelerPromptContent, labelerPromptSchema, labelerPromptStructure } from "@/lib/prompts/labeler-prompt";

/**
 * A prompt written by a signed-in labeler. It takes the same pipeline as every other prompt; the
 * labeler is its end user (so the per-user quota applies to labelers too). A plain or user-based
 * prompt may be a conversation (`messages`, the last turn the user's), redacted and keyed as any other.
 */
export const POST = defineOperation(
  {
    internal: true,
    operationId: "writePrompt",
    method: "post",
    path: "/api/projects/{slug}/prompts",
    tag: "Prompts",
    summary: "A labeler writes a prompt",
    auth: { kind: "session" },
    params: { slug: projectSlugParam },
    body: { variants: [{ name: "LabelerPrompt", schema: labelerPromptSchema, example: null }] },
    responses: [
      { status: 201, description: "Accepted." },
      { status: 200, description: "Not kept (duplicate, quota or rejected), with the reason." },
    ],
    errors: { 404: "No such project.", 422: "The body breaks the schema." },
  },
  async ({ project, body, user }) => {
    const [result] = await ingestPrompts({
      project,
      source: "labeler",
      kind: body.kind,
      createdById: user.id,
      prompts: [
        {
          ...labelerPromptContent(body),
          user_id: `labeler:${user.id}`,
          category: body.category,
          structure: labelerPromptStructure(body),
        },
      ],
    });
    return result!.status === "accepted" ? { status: 201, body: { result } } : { status: 200, body: { result } };
  },
);
