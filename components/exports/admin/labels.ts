// Display names for the export screen; sizes are formatted by lib/ui/format.

export const DATASET_LABELS: Record<string, string> = {
  comparisons: "Comparisons",
  demonstrations: "Demonstrations",
  prompts: "Prompts",
};

/** What each format is, in a few words, for the pickers. */
export const FORMAT_LABELS: Record<string, string> = {
  batches: "batches — one record per ranking (InstructGPT)",
  pairs: "pairs — Ranklab's flat pair layout",
  trl: "trl — prompt / chosen / rejected",
  "trl-conversational": "trl-conversational — as chat messages",
  openai: "openai — preference fine-tuning",
  hh: "hh — Anthropic HH-RLHF",
  sft: "sft — prompt / completion",
  messages: "messages — chat for SFT",
  prompts: "prompts — RL training prompts",
};
