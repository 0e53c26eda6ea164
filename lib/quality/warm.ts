import "server-only";
import { parseRankings } from "@/lib/quality/load";
import { modelFigures, qualityFigures } from "@/lib/quality/report";
import { generateSyntheticRankings } from "@/lib/quality/synthetic";

/*
 * Runs both reports, from the parse of COPY text to the figures, on synthetic rankings held in
 * memory, when the server starts (instrumentation.ts): three times, on different rankings, as
 * V8 compiles a function fully only once it has run a few times (the third pass takes a quarter of
 * the first). The first report a project asks for then runs compiled code. No database is
 * touched; only the bootstrap's reusable segment intervals of these made-up rankings are kept.
 */

const WARM_RANKINGS = 5_000;
const WARM_PASSES = 3;

export async function warmQualityCode(): Promise<void> {
  for (let pass = 1; pass <= WARM_PASSES; pass++) await warmPass(pass);
}

async function warmPass(seed: number): Promise<void> {
  const { records, modelsByTask, referenceRanksByTask, weekOfTask, tasks } = generateSyntheticRankings(seed, WARM_RANKINGS, {
    labelers: 50,
  });
  // Ids that sort as their numbers do, as PostgreSQL sends them.
  const taskId = (task: number) => `warm-task-${String(task).padStart(8, "0")}`;
  const array = (values: ArrayLike<number>) => `{${Array.from(values).join(",")}}`;
  const rankings = records.map((record, r) => {
    const flags = Array.from(record.ranks, (rank) => (rank > 2 ? 1 : 0));
    const day = 20_000 + weekOfTask[record.task]! * 7;
    return `${taskId(record.task)}\twarm-labeler-${record.labeler}\t${array(record.ranks)}\t${array(record.likerts ?? [])}\t${array(flags)}\t${record.firstShown ?? "\\N"}\t${20_000 + r}\t${day}\n`;
  });
  const ids = Array.from({ length: tasks }, (_, task) => `${taskId(task)}\n`).join("");
  const taskModels = modelsByTask
    .map((list, task) => `${taskId(task)}\twarm-prompt-${task}\t${Array.from(list, (m) => `model-${m}`).join("\x1f")}\n`)
    .join("");
  const golds = [...referenceRanksByTask.keys()].map((task) => [taskId(task), null, null]);

  const data = parseRankings(
    "report",
    { rankings: Buffer.from(rankings.join("")), sortedTaskIds: Buffer.from(ids), taskModels: Buffer.from(taskModels) },
    [],
    golds,
  );
  // The gold references (not part of the parse: they come from their own query).
  for (const [task, ranks] of referenceRanksByTask) data.goldReference.set(task, Array.from(ranks));
  await qualityFigures({ splitSalt: "warm" }, data);
  await modelFigures(data, "model-0");
}
