import { countTokens as countR50k } from "gpt-tokenizer/encoding/r50k_base";

/**
 * Tokens as GPT-3 counted them (the r50k_base encoding of the paper's models), for the
 * "prompts over ~1k tokens were dropped" rule.
 */
export function countTokens(text: string): number {
  return countR50k(text);
}
