import { z } from "zod";

/*
 * What the quality and model reports answer: the API's zod schemas (the OpenAPI document comes
 * from them) and the types the admin screens read. Field names are the API's (snake_case).
 */

export const figureSchema = z
  .object({
    value: z.number().nullable(),
    ci95: z.tuple([z.number(), z.number()]).nullable(),
    n: z.number().int(),
  })
  .meta({ description: "A figure with its 95% percentile-bootstrap interval and the count it rests on; null when nothing to measure." });
export type FigureJson = z.infer<typeof figureSchema>;

export const LABELER_STATUSES = ["active", "warned", "blocked", "screening", "failed_screening"] as const;

export const labelerQualitySchema = z.object({
  labeler: z.string().meta({ description: "The pseudonym the exports use." }),
  status: z.enum(LABELER_STATUSES),
  rankings: z.number().int(),
  pairwise_agreement: figureSchema,
  gold: z.object({
    answered: z.number().int().meta({ description: "Gold tasks the labeler ranked." }),
    accuracy: z.number().nullable(),
    ci95: z
      .tuple([z.number(), z.number()])
      .nullable()
      .meta({ description: "95% bootstrap interval, resampling the labeler's gold tasks." }),
    pairs: z.number().int().meta({ description: "Output pairs the references order strictly: the count the accuracy rests on." }),
  }),
  position_bias: z.object({
    first_shown_ranked_first: z.number().nullable(),
    expected: z.number().nullable(),
    n: z.number().int().meta({ description: "Rankings with a recorded first-shown output." }),
  }),
  median_duration_ms: z.number().nullable(),
});

export const qualityReportSchema = z.object({
  overall: z.object({
    pairwise_agreement: figureSchema,
    kendall_tau_b: figureSchema,
    likert_alpha: figureSchema,
    tasks: z.number().int(),
    rankings: z.number().int(),
  }),
  labelers: z.array(labelerQualitySchema),
});
export type QualityReport = z.infer<typeof qualityReportSchema>;

/** The admin screen's report: the API's, plus who each pseudonym is and agreement week by week. */
export type AdminQualityReport = QualityReport & {
  labelers: (QualityReport["labelers"][number] & { user: { id: string; name: string | null; email: string } })[];
  /** Pairwise agreement of the tasks whose last ranking came in that ISO week (Monday, UTC). */
  over_time: { week: string; pairwise_agreement: FigureJson }[];
};

export const modelReportSchema = z.object({
  baseline: z.string().nullable(),
  models: z.array(
    z.object({
      model: z.string(),
      comparisons: z.number().int().meta({ description: "(ranking, output of this model, output of the baseline) triples." }),
      win_rate: z.number().nullable(),
      ci95: z.tuple([z.number(), z.number()]).nullable(),
      bt_score: z.number().nullable(),
      bt_ci95: z.tuple([z.number(), z.number()]).nullable(),
      mean_likert: z.number().nullable(),
      likert_ratings: z.number().int().meta({ description: "Likert ratings of this model's outputs: the count mean_likert rests on." }),
      flag_rates: z.record(z.string(), z.number()),
      outputs_rated: z
        .number()
        .int()
        .meta({ description: "(ranking, output of this model) pairs in the counted rankings: the count flag_rates rest on." }),
    }),
  ),
});
export type ModelReport = z.infer<typeof modelReportSchema>;

/** A task whose labelers disagree, for the review queue. */
export type Disagreement = {
  task_id: string;
  gold: boolean;
  /** The gold reference (tie groups of output ids, best first) when the task is gold. */
  reference: string[][] | null;
  prompt: string;
  agreement: FigureJson;
  outputs: { id: string; model: string; text: string; position: number }[];
  rankings: { labeler: string; name: string; groups: string[][] }[];
};

export type GoldTaskSummary = { task_id: string; prompt: string; answered: number; accuracy: number | null; created_at: string };

/** What a labeler sees of their own standing in a project. */
export type OwnStanding = { status: (typeof LABELER_STATUSES)[number]; gold_answered: number; gold_accuracy: number | null };
