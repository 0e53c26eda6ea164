export { PII_TYPES, type Finding, type PiiType, type RedactOptions, type RedactResult } from "./types";
export { redact, resolveOverlaps, summarizeFindings } from "./redact";
