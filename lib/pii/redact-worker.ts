import { parentPort } from "node:worker_threads";
import { startIdleCollection } from "../idle-memory";
import { getLexicon } from "./lexicon";
import { compactResults, type RedactJob, type RedactReply } from "./pool-protocol";
import { redact, redactAll } from "./redact";

// A thread of the redaction pool (lib/pii/pool.ts): redacts each job's texts and answers with the
// results (pool-protocol.ts).

// The word lists are opened and the patterns compiled as the thread starts, not on its first job.
getLexicon();
redact("Warm-up: Anna Smith, 12 Main Street, anna@example.org");
// The thread's heap is its own: the process's idle collection does not reach it.
startIdleCollection();

parentPort?.on("message", (job: RedactJob) => {
  let reply: RedactReply;
  try {
    reply = { id: job.id, results: compactResults(job.texts, redactAll(job.texts, job.options)) };
  } catch (error) {
    reply = { id: job.id, error: error instanceof Error ? error.message : "redaction failed" };
  }
  parentPort!.postMessage(reply);
});
