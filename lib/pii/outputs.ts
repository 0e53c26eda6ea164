import type { Prisma } from "@/lib/generated/prisma/client";
import { redactJson, stringsInJson } from "@/lib/prompts/prepare";
import { redactorFor } from "./pool";
import { summarizeFindings } from "./redact";
import type { PiiType } from "./types";

/*
 * Model outputs as they are stored (lib/labeling/tasks.ts, lib/labeling/import.ts; generation jobs
 * create their tasks through tasks.ts). Prompts are always redacted; a project may choose to store
 * model outputs as sent (Project.redactOutputs), when its models never see personal data and the
 * redactor's rare misses on ordinary words would corrupt what labelers judge. Output metadata is
 * client-supplied (end-user ids, request ids) and is redacted either way.
 */

export type OutputRedactionCount = { type: PiiType; count: number };

/** A TaskOutput row to create: the output's text and metadata as stored, and what was replaced in its text (none: stored as sent). */
export type StoredOutputRow = {
  model: string;
  text: string;
  metadata: Prisma.InputJsonValue | undefined;
  redactions: OutputRedactionCount[] | undefined;
  position: number;
};

type OutputInput = { model: string; text: string; metadata?: unknown };

/**
 * Redacts `outputs` on the worker pool (every output of a request or a batch at once) and answers
 * a function that gives one of them, at its position, as the row to store. Outputs not handed over
 * here must not be asked for (the pool's redactor throws).
 */
export async function outputStorer(
  outputs: readonly OutputInput[],
  options: { redactOutputs: boolean; keepPublicFigures: boolean },
): Promise<(output: OutputInput, position: number) => StoredOutputRow> {
  const strings: string[] = [];
  for (const output of outputs) {
    if (options.redactOutputs) strings.push(output.text);
    if (output.metadata !== undefined && output.metadata !== null) stringsInJson(output.metadata, strings);
  }
  const redactor = await redactorFor(strings, { keepPublicFigures: options.keepPublicFigures });
  return (output, position) => {
    const metadata =
      output.metadata === undefined || output.metadata === null
        ? undefined
        : (redactJson(output.metadata, new Map(), redactor) as Prisma.InputJsonValue);
    if (!options.redactOutputs) return { model: output.model, text: output.text, metadata, redactions: undefined, position };
    const result = redactor(output.text);
    return { model: output.model, text: result.redacted, metadata, redactions: summarizeFindings(result.findings), position };
  };
}
