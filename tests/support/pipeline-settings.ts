import type { PipelineSettings } from "@/lib/prompts/prepare";

/** A project's pipeline settings as the pure prompt functions take them: the defaults, with `changes`. */
export function pipelineSettings(changes: Partial<PipelineSettings> = {}): PipelineSettings {
  return {
    dedupPrefixWords: 20,
    maxPromptTokens: 1_000,
    splitSalt: "salt",
    split: { train: 80, valid: 10, test: 10 },
    keepPublicFigures: false,
    ...changes,
  };
}
