-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "redactOutputs" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "TaskOutput" ADD COLUMN     "redactions" JSONB;
