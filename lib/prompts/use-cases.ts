// The paper's use-case categories, in its order of frequency, and their names for people. Plain
// constants without zod, so the label screen can offer them without loading a schema library.

export const USE_CASES = [
  "generation",
  "open_qa",
  "brainstorming",
  "chat",
  "rewrite",
  "summarization",
  "classification",
  "other",
  "closed_qa",
  "extract",
] as const;
export type UseCase = (typeof USE_CASES)[number];

export const USE_CASE_LABELS: Record<UseCase, string> = {
  generation: "Generation",
  open_qa: "Open QA",
  brainstorming: "Brainstorming",
  chat: "Chat",
  rewrite: "Rewrite",
  summarization: "Summarization",
  classification: "Classification",
  other: "Other",
  closed_qa: "Closed QA",
  extract: "Extract",
};
