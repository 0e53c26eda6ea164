-- CreateEnum
CREATE TYPE "TaskKind" AS ENUM ('ranking', 'demonstration');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('open', 'done');

-- CreateEnum
CREATE TYPE "AssignmentStatus" AS ENUM ('leased', 'submitted', 'skipped', 'expired', 'released');

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "labelsPerTask" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "leaseMinutes" INTEGER NOT NULL DEFAULT 30;

-- CreateTable
CREATE TABLE "Task" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "promptId" TEXT NOT NULL,
    "kind" "TaskKind" NOT NULL,
    "status" "TaskStatus" NOT NULL DEFAULT 'open',
    "labelsNeeded" INTEGER NOT NULL DEFAULT 1,
    "submittedCount" INTEGER NOT NULL DEFAULT 0,
    "leasedCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaskOutput" (
    "id" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "metadata" JSONB,
    "position" INTEGER NOT NULL,

    CONSTRAINT "TaskOutput_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "labelerId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "status" "AssignmentStatus" NOT NULL DEFAULT 'leased',
    "displayOrder" TEXT[],
    "leasedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseExpiresAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "skipReason" TEXT,

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Submission" (
    "id" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "labelerId" TEXT NOT NULL,
    "kind" "TaskKind" NOT NULL,
    "ratings" JSONB,
    "ranking" JSONB,
    "promptCategory" "UseCase",
    "promptFlags" TEXT[],
    "note" TEXT,
    "demonstration" TEXT,
    "displayOrder" TEXT[],
    "instructionsVersion" INTEGER NOT NULL,
    "durationMs" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Submission_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Task_projectId_status_createdAt_id_idx" ON "Task"("projectId", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Task_promptId_idx" ON "Task"("promptId");

-- CreateIndex
CREATE INDEX "TaskOutput_taskId_position_idx" ON "TaskOutput"("taskId", "position");

-- CreateIndex
CREATE INDEX "Assignment_labelerId_projectId_status_idx" ON "Assignment"("labelerId", "projectId", "status");

-- CreateIndex
CREATE INDEX "Assignment_status_leaseExpiresAt_idx" ON "Assignment"("status", "leaseExpiresAt");

-- CreateIndex
CREATE INDEX "Assignment_projectId_finishedAt_idx" ON "Assignment"("projectId", "finishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Assignment_taskId_labelerId_key" ON "Assignment"("taskId", "labelerId");

-- CreateIndex
CREATE UNIQUE INDEX "Submission_assignmentId_key" ON "Submission"("assignmentId");

-- CreateIndex
CREATE INDEX "Submission_projectId_createdAt_id_idx" ON "Submission"("projectId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Submission_taskId_idx" ON "Submission"("taskId");

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "Prompt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskOutput" ADD CONSTRAINT "TaskOutput_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_labelerId_fkey" FOREIGN KEY ("labelerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
