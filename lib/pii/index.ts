export { redact, redactAll, resolveOverlaps, summarizeFindings } from "./redact";
export { type Finding, PII_TYPES, type PiiType, type RedactOptions, type RedactResult } from "./types";
