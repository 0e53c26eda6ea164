-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateEnum
CREATE TYPE "Split" AS ENUM ('train', 'valid', 'test');

-- CreateEnum
CREATE TYPE "PromptSource" AS ENUM ('api', 'import', 'labeler');

-- CreateEnum
CREATE TYPE "PromptStatus" AS ENUM ('active', 'archived');

-- CreateEnum
CREATE TYPE "PromptKind" AS ENUM ('plain', 'few_shot', 'user_based');

-- CreateEnum
CREATE TYPE "UseCase" AS ENUM ('generation', 'open_qa', 'brainstorming', 'chat', 'rewrite', 'summarization', 'classification', 'other', 'closed_qa', 'extract');

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "dedupPrefixWords" INTEGER NOT NULL DEFAULT 20,
ADD COLUMN     "maxPromptTokens" INTEGER NOT NULL DEFAULT 1000,
ADD COLUMN     "promptQuota" INTEGER NOT NULL DEFAULT 200,
ADD COLUMN     "splitSalt" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
ADD COLUMN     "splitTest" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "splitTrain" INTEGER NOT NULL DEFAULT 80,
ADD COLUMN     "splitValid" INTEGER NOT NULL DEFAULT 10;

-- CreateTable
CREATE TABLE "Prompt" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "tokenCount" INTEGER NOT NULL,
    "userRef" TEXT NOT NULL,
    "split" "Split" NOT NULL,
    "source" "PromptSource" NOT NULL,
    "kind" "PromptKind" NOT NULL DEFAULT 'plain',
    "status" "PromptStatus" NOT NULL DEFAULT 'active',
    "category" "UseCase",
    "metadata" JSONB,
    "structure" JSONB,
    "redactions" JSONB,
    "createdById" TEXT,
    "importId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Prompt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PromptDedupKey" (
    "projectId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "promptId" TEXT NOT NULL,

    CONSTRAINT "PromptDedupKey_pkey" PRIMARY KEY ("projectId","key")
);

-- CreateTable
CREATE TABLE "EndUser" (
    "projectId" TEXT NOT NULL,
    "userRef" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "split" "Split" NOT NULL,
    "acceptedCount" INTEGER NOT NULL DEFAULT 0,
    "quotaOverride" INTEGER,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EndUser_pkey" PRIMARY KEY ("projectId","userRef")
);

-- CreateTable
CREATE TABLE "IngestCounter" (
    "projectId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "name" TEXT NOT NULL,
    "shard" INTEGER NOT NULL DEFAULT 0,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "IngestCounter_pkey" PRIMARY KEY ("projectId","day","name","shard")
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "status" INTEGER,
    "response" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotencyRecord_pkey" PRIMARY KEY ("scope","key")
);

-- CreateTable
CREATE TABLE "PromptImport" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "lines" INTEGER NOT NULL DEFAULT 0,
    "accepted" INTEGER NOT NULL DEFAULT 0,
    "duplicate" INTEGER NOT NULL DEFAULT 0,
    "quota" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "invalid" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "PromptImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PromptImportProblem" (
    "importId" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "duplicateOf" TEXT,

    CONSTRAINT "PromptImportProblem_pkey" PRIMARY KEY ("importId","line")
);

-- CreateIndex
CREATE INDEX "Prompt_projectId_createdAt_id_idx" ON "Prompt"("projectId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Prompt_projectId_split_createdAt_idx" ON "Prompt"("projectId", "split", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Prompt_projectId_userRef_idx" ON "Prompt"("projectId", "userRef");

-- CreateIndex
CREATE INDEX "Prompt_text_trgm_idx" ON "Prompt" USING GIN ("text" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "EndUser_projectId_acceptedCount_idx" ON "EndUser"("projectId", "acceptedCount" DESC);

-- AddForeignKey
ALTER TABLE "Prompt" ADD CONSTRAINT "Prompt_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EndUser" ADD CONSTRAINT "EndUser_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromptImport" ADD CONSTRAINT "PromptImport_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromptImportProblem" ADD CONSTRAINT "PromptImportProblem_importId_fkey" FOREIGN KEY ("importId") REFERENCES "PromptImport"("id") ON DELETE CASCADE ON UPDATE CASCADE;
