-- CreateEnum
CREATE TYPE "LabelerStatus" AS ENUM ('active', 'warned', 'blocked', 'screening', 'failed_screening');

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "baselineModel" TEXT,
ADD COLUMN     "goldBlockBelow" DOUBLE PRECISION NOT NULL DEFAULT 0.5,
ADD COLUMN     "goldMinAnswered" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN     "goldRate" DOUBLE PRECISION NOT NULL DEFAULT 0.1,
ADD COLUMN     "goldWarnBelow" DOUBLE PRECISION NOT NULL DEFAULT 0.7,
ADD COLUMN     "screeningPass" DOUBLE PRECISION NOT NULL DEFAULT 0.75,
ADD COLUMN     "screeningTasks" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "gold" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "goldRanking" JSONB;

-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "firstShown" INTEGER,
ADD COLUMN     "gold" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "likerts" INTEGER[],
ADD COLUMN     "ranks" INTEGER[];

-- CreateTable
CREATE TABLE "LabelerQuality" (
    "projectId" TEXT NOT NULL,
    "labelerId" TEXT NOT NULL,
    "status" "LabelerStatus" NOT NULL,
    "goldAnswered" INTEGER NOT NULL DEFAULT 0,
    "goldPairs" INTEGER NOT NULL DEFAULT 0,
    "goldCorrect" INTEGER NOT NULL DEFAULT 0,
    "screeningAnswered" INTEGER NOT NULL DEFAULT 0,
    "screeningPairs" INTEGER NOT NULL DEFAULT 0,
    "screeningCorrect" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabelerQuality_pkey" PRIMARY KEY ("projectId","labelerId")
);

-- CreateIndex
CREATE INDEX "Task_projectId_gold_createdAt_id_idx" ON "Task"("projectId", "gold", "createdAt", "id");

-- Backfill: every existing ranking gets its ranks, ratings and first-shown output by position.
UPDATE "Submission" s
SET "ranks" = by_position.ranks, "likerts" = by_position.likerts
FROM (
  SELECT s2."id",
         array_agg((grp.idx - 1)::int ORDER BY o."position") AS ranks,
         array_agg(coalesce((s2."ratings"::jsonb -> o."id" ->> 'likert')::int, 0) ORDER BY o."position") AS likerts
  FROM "Submission" s2
  CROSS JOIN LATERAL jsonb_array_elements(s2."ranking"::jsonb) WITH ORDINALITY AS grp(ids, idx)
  CROSS JOIN LATERAL jsonb_array_elements_text(grp.ids) AS member(output_id)
  JOIN "TaskOutput" o ON o."id" = member.output_id
  WHERE s2."kind" = 'ranking' AND s2."ranking" IS NOT NULL
  GROUP BY s2."id"
) AS by_position
WHERE s."id" = by_position."id";

UPDATE "Submission" s
SET "firstShown" = o."position"
FROM "TaskOutput" o
WHERE s."kind" = 'ranking' AND cardinality(s."displayOrder") > 0 AND o."id" = s."displayOrder"[1];
