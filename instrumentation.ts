// Runs once when a server instance starts (Next's instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  // After a burst of work (an ingest, a report), gives the memory back once the server is idle.
  import("./lib/idle-memory")
    .then(({ startIdleCollection }) => startIdleCollection())
    .catch((error: Error) => console.warn(`Starting the idle collection failed: ${error.message}`));
  // Not awaited: the server answers from the start; the quality code compiles meanwhile, then the
  // connections the reports read through open (rather than on the first report).
  setTimeout(() => {
    import("./lib/quality/warm")
      .then(({ warmQualityCode }) => warmQualityCode())
      .catch((error: Error) => console.warn(`Warming the quality code failed: ${error.message}`))
      .then(() => import("./lib/db-bulk"))
      .then(({ warmBulkPool }) => warmBulkPool())
      .catch((error: Error) => console.warn(`Opening the report connections failed: ${error.message}`));
    // The redactor's word lists, patterns and one pool thread, before the first prompt needs them.
    import("./lib/pii/pool")
      .then(({ warmRedactionPool }) => warmRedactionPool())
      .catch((error: Error) => console.warn(`Warming the redactor failed: ${error.message}`));
  }, 0);
  // Resumes generation jobs left unfinished by a stopped instance, and takes jobs other instances start.
  import("./lib/models/worker")
    .then(({ ensureGenerationWorker }) => ensureGenerationWorker())
    .catch((error: Error) => console.error(`Starting the generation worker failed: ${error.message}`));
}
