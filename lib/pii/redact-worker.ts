import { parentPort } from "node:worker_threads";
import { startIdleCollection } from "../idle-memory";
import { getLexicon } from "./lexicon";
import { redact, redactAll } from "./redact";
import type { RedactOptions, RedactResult } from "./types";

// A thread of the redaction pool (lib/pii/pool.ts): redacts each job's texts and answers with the
// results. A job that throws answers with the error's message alone: the texts may hold personal data.
export type RedactJob = { id: number; texts: string[]; options?: RedactOptions };
export type RedactReply = { id: number; results: RedactResult[] } | { id: number; error: string };

// The word lists are opened and the patterns compiled as the thread starts, not on its first job.
getLexicon();
redact("Warm-up: Anna Smith, 12 Main Street, anna@example.org");
// The thread's heap is its own: the process's idle collection does not reach it.
startIdleCollection();

parentPort?.on("message", (job: RedactJob) => {
  let reply: RedactReply;
  try {
    reply = { id: job.id, results: redactAll(job.texts, job.options) };
  } catch (error) {
    reply = { id: job.id, error: error instanceof Error ? error.message : "redaction failed" };
  }
  parentPort!.postMessage(reply);
});
