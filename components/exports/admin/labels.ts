// Names and small formatters for the export screen.

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

/** 1,536 → "1.5 KB": binary units, one decimal below 10. */
export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 || value >= 10 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
