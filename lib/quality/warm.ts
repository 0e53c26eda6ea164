import "server-only";
import type { LoadedRankings, ProjectRankings } from "@/lib/quality/load";
import { tableOf } from "@/lib/quality/rankings";
import { modelFigures, qualityFigures } from "@/lib/quality/report";
import { generateSyntheticRankings } from "@/lib/quality/synthetic";

/*
 * Runs both reports' figures once, on synthetic rankings held in memory, when the server starts
 * (instrumentation.ts). The first report a project asks for then runs code the JIT has already
 * compiled and optimized: on 100k rankings that is a few hundred milliseconds less for the first
 * caller (bench/quality.ts shows it). No database is touched and nothing is cached.
 */

const WARM_RANKINGS = 20_000;

export async function warmQualityCode(): Promise<void> {
  const synthetic = generateSyntheticRankings(1, WARM_RANKINGS, { labelers: 50 });
  const table = tableOf(synthetic.records);
  const gold = Uint8Array.from(synthetic.records, (record) => (synthetic.referenceRanksByTask.has(record.task) ? 1 : 0));
  const rankings: LoadedRankings = {
    ...table,
    gold,
    flagMasks: Int32Array.from(table.ranks, (rank) => (rank > 2 ? 1 : 0)),
    durationMs: Float64Array.from(synthetic.records, (_, r) => 20_000 + r),
    day: Int32Array.from(synthetic.records, (record) => 20_000 + synthetic.weekOfTask[record.task]! * 7),
  };
  const labelerIds = Array.from({ length: 50 }, (_, labeler) => `warm-${labeler}`);
  const data: ProjectRankings = {
    rankings,
    taskIds: Array.from({ length: synthetic.tasks }, (_, task) => `warm-${task}`),
    labelerIds,
    labelerStatus: labelerIds.map(() => "active"),
    standings: new Map(),
    models: Array.from({ length: 6 }, (_, model) => `model-${model}`),
    modelsByTask: synthetic.modelsByTask,
    goldReference: new Map([...synthetic.referenceRanksByTask].map(([task, ranks]) => [task, Array.from(ranks)])),
  };
  await qualityFigures({ splitSalt: "warm" }, data);
  await modelFigures(data, "model-0");
}
