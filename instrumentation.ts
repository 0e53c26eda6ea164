// Runs once when a server instance starts (Next's instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  // Not awaited: the server answers from the start; the quality code compiles meanwhile.
  setTimeout(() => {
    import("./lib/quality/warm")
      .then(({ warmQualityCode }) => warmQualityCode())
      .catch((error: Error) => console.warn(`Warming the quality code failed: ${error.message}`));
  }, 0);
  // Resumes generation jobs left unfinished by a stopped instance, and takes jobs other instances start.
  import("./lib/models/worker")
    .then(({ ensureGenerationWorker }) => ensureGenerationWorker())
    .catch((error: Error) => console.error(`Starting the generation worker failed: ${error.message}`));
}
