// Display names for the prompt pipeline's enum values; the use cases' names live beside their schema.
export { USE_CASE_LABELS } from "@/lib/prompts/schema";

export const SPLIT_LABELS = { train: "Train", valid: "Validation", test: "Test" } as const;
export const SOURCE_LABELS = { api: "API", import: "Import", labeler: "Labeler" } as const;
export const KIND_LABELS = { plain: "Plain", few_shot: "Few-shot", user_based: "User-based" } as const;
export const STATUS_LABELS = { active: "Active", archived: "Archived" } as const;

/** "EMAIL" → "Email", "STREET_ADDRESS" → "Street address", "IP_ADDRESS" → "IP address". */
export function piiTypeLabel(type: string): string {
  const special: Record<string, string> = {
    IP_ADDRESS: "IP address",
    US_SSN: "US SSN",
    NATIONAL_ID: "National ID",
    IBAN: "IBAN",
    DATE_OF_BIRTH: "Date of birth",
  };
  if (special[type]) return special[type];
  const words = type.toLowerCase().split("_");
  return [words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1), ...words.slice(1)].join(" ");
}
