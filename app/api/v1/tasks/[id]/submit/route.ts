import { defineOperation } from "@/lib/api/operation";
import { taskIdParam } from "@/lib/api/params";
import { submitTask } from "@/lib/labeling/queue";
import { demonstrationSubmissionSchema, rankingSubmissionSchema, submitResultSchema } from "@/lib/labeling/schema";

export const POST = defineOperation(
  {
    operationId: "submitTask",
    method: "post",
    path: "/api/v1/tasks/{id}/submit",
    tag: "Labeling",
    summary: "Submit a ranking or a demonstration",
    description:
      "The body depends on the task's kind: a ranking (Likert and flags per output, tie groups best first, prompt labels) or a demonstration. " +
      "A ranking is checked against the task: every output rated and ranked exactly once. Submitting twice is harmless.",
    auth: { kind: "session" },
    params: { id: taskIdParam },
    body: {
      description: "`RankingSubmission` for a ranking task, `DemonstrationSubmission` for a demonstration task.",
      variants: [
        {
          name: "RankingSubmission",
          summary: "A ranking task",
          schema: rankingSubmissionSchema,
          example: {
            ratings: {
              OUTPUT_A: { likert: 6, flags: [] },
              OUTPUT_B: { likert: 5, flags: ["hallucination"] },
              OUTPUT_C: { likert: 5, flags: [] },
              OUTPUT_D: { likert: 2, flags: ["fails_to_follow_instruction"] },
            },
            ranking: [["OUTPUT_A"], ["OUTPUT_B", "OUTPUT_C"], ["OUTPUT_D"]],
            prompt_labels: { category: "generation", flags: [] },
            duration_ms: 95000,
          },
        },
        {
          name: "DemonstrationSubmission",
          summary: "A demonstration task",
          schema: demonstrationSubmissionSchema,
          example: { text: "Grey water folds on itself...", duration_ms: 240000 },
        },
      ],
    },
    responses: [
      { status: 200, description: "Recorded (or already recorded).", body: { name: "SubmitResult", schema: submitResultSchema } },
    ],
    errors: {
      404: "This task is not assigned to the signed-in labeler.",
      409: "The lease ran out and someone else took the task, or the labeler skipped it.",
      422: "The body breaks the schema, or the ranking does not match the task's outputs.",
    },
  },
  // The body is parsed by submitTask with the variant of the task's kind. The answer is a few
  // bytes of one person's state: never stored, never compressed (Next gzips a streamed body of
  // any size, and gzip was ~4% of the app's CPU in bench:labeling).
  async ({ params, user, body }) => ({
    status: 200,
    body: await submitTask(params.id, user.id, body),
    headers: { "Cache-Control": "private, no-store, no-transform" },
  }),
);
