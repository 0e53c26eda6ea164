// Display names for the quality screens; numbers are formatted by components/quality/figures.ts
// and lib/ui/format.ts.
import type { OutputFlag } from "@/lib/labeling/schema";
import type { LABELER_STATUSES } from "@/lib/quality/report-types";

export type LabelerStatus = (typeof LABELER_STATUSES)[number];

export const STATUS_LABELS: Record<LabelerStatus, string> = {
  active: "Active",
  warned: "Warned",
  blocked: "Blocked",
  screening: "Screening",
  failed_screening: "Failed screening",
};

export const STATUS_TONES: Record<LabelerStatus, "green" | "amber" | "red" | "indigo" | "slate"> = {
  active: "green",
  warned: "amber",
  blocked: "red",
  screening: "indigo",
  failed_screening: "red",
};

/** The paper's output metadata, short enough for a chart panel's title. */
export const FLAG_SHORT_LABELS: Record<OutputFlag, string> = {
  fails_to_follow_instruction: "Fails to follow instruction",
  inappropriate_for_customer_assistant: "Inappropriate for assistant",
  hallucination: "Hallucination",
  satisfies_constraint: "Satisfies constraint",
  sexual_content: "Sexual content",
  violent_content: "Violent content",
  encourages_violence: "Encourages violence or harm",
  denigrates_protected_class: "Denigrates protected class",
  harmful_advice: "Harmful advice",
  expresses_opinion: "Expresses opinion",
  expresses_moral_judgment: "Moral judgment",
};

export const SPLIT_LABELS = { train: "Train", valid: "Validation", test: "Test" } as const;
export type Split = keyof typeof SPLIT_LABELS;

/** Categorical colours for models (Tailwind 600s), in a fixed order so a model keeps its colour across charts. */
export const MODEL_COLORS = ["#4f46e5", "#d97706", "#059669", "#db2777", "#0284c7", "#7c3aed", "#dc2626", "#65a30d", "#475569", "#0d9488"];
