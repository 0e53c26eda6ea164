-- CreateEnum
CREATE TYPE "GeneratorApi" AS ENUM ('chat', 'completions');

-- CreateEnum
CREATE TYPE "GenerationJobStatus" AS ENUM ('queued', 'running', 'done', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "GenerationItemStatus" AS ENUM ('pending', 'running', 'done', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "Generator" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "api" "GeneratorApi" NOT NULL,
    "apiKeyCiphertext" TEXT,
    "params" JSONB NOT NULL,
    "concurrency" INTEGER,
    "requestsPerMinute" INTEGER,
    "supportsN" BOOLEAN,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Generator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GenerationJob" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "status" "GenerationJobStatus" NOT NULL DEFAULT 'queued',
    "samples" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "GenerationJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GenerationItem" (
    "id" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "promptId" TEXT NOT NULL,
    "status" "GenerationItemStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "error" JSONB,

    CONSTRAINT "GenerationItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GenerationTaskLink" (
    "jobId" TEXT NOT NULL,
    "promptId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,

    CONSTRAINT "GenerationTaskLink_pkey" PRIMARY KEY ("jobId","promptId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Generator_projectId_name_key" ON "Generator"("projectId", "name");

-- CreateIndex
CREATE INDEX "GenerationJob_projectId_createdAt_idx" ON "GenerationJob"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "GenerationJob_status_idx" ON "GenerationJob"("status");

-- CreateIndex
CREATE INDEX "GenerationItem_jobId_status_idx" ON "GenerationItem"("jobId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "GenerationItem_jobId_promptId_key" ON "GenerationItem"("jobId", "promptId");

-- CreateIndex
CREATE UNIQUE INDEX "GenerationTaskLink_taskId_key" ON "GenerationTaskLink"("taskId");

-- AddForeignKey
ALTER TABLE "Generator" ADD CONSTRAINT "Generator_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GenerationJob" ADD CONSTRAINT "GenerationJob_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GenerationItem" ADD CONSTRAINT "GenerationItem_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "GenerationJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GenerationTaskLink" ADD CONSTRAINT "GenerationTaskLink_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "GenerationJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;
