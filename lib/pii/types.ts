/** The kinds of personal data the redactor finds, in placeholder order of precedence. */
export const PII_TYPES = [
  "SECRET",
  "EMAIL",
  "PHONE",
  "CREDIT_CARD",
  "IBAN",
  "US_SSN",
  "NATIONAL_ID",
  "IP_ADDRESS",
  "HANDLE",
  "STREET_ADDRESS",
  "DATE_OF_BIRTH",
  "PERSON",
] as const;

export type PiiType = (typeof PII_TYPES)[number];

/** One piece of personal data: offsets are UTF-16 indices into the original text, end exclusive. */
export type Finding = {
  type: PiiType;
  start: number;
  end: number;
  confidence: number;
  placeholder: string;
};

/** What a recognizer proposes before overlaps are resolved and placeholders assigned. */
export type Candidate = {
  type: PiiType;
  start: number;
  end: number;
  confidence: number;
};

export type RedactOptions = {
  /** Types to look for; all of PII_TYPES when omitted. */
  types?: readonly PiiType[];
  /** Findings below this confidence are dropped (default 0.5). */
  minConfidence?: number;
  /** Leave well-known public and fictional figures' names as they are (lib/pii/public-figures.ts; default false). */
  keepPublicFigures?: boolean;
};

export type RedactResult = { redacted: string; findings: Finding[] };
