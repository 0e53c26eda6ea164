import { defineOperation } from "@/lib/api/operation";
import { taskIdParam } from "@/lib/api/params";
import { skipTask } from "@/lib/labeling/queue";
import { skipResultSchema, skipSchema } from "@/lib/labeling/schema";

export const POST = defineOperation(
  {
    operationId: "skipTask",
    method: "post",
    path: "/api/v1/tasks/{id}/skip",
    tag: "Labeling",
    summary: "Skip a task",
    description:
      "The labeler passes on their task, giving a reason code and optionally their own words (required for `other`); it is never served to them again.",
    auth: { kind: "session" },
    params: { id: taskIdParam },
    body: {
      variants: [
        { name: "SkipRequest", schema: skipSchema, example: { reason: "intent_unclear", note: "Could be about Java or Python." } },
      ],
    },
    responses: [{ status: 200, description: "Skipped (or already skipped).", body: { name: "SkipResult", schema: skipResultSchema } }],
    errors: {
      404: "This task is not assigned to the signed-in labeler.",
      409: "The labeler already submitted this task.",
      422: "The body breaks the schema.",
    },
  },
  async ({ params, user, body }) => {
    await skipTask(params.id, user.id, body.reason, body.note);
    // A few bytes: never stored, never compressed (as submit's answer).
    return { status: 200, body: { status: "skipped" as const }, headers: { "Cache-Control": "private, no-store, no-transform" } };
  },
);
