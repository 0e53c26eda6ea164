-- AlterTable
ALTER TABLE "Prompt" ADD COLUMN     "txid" BIGINT NOT NULL DEFAULT ((pg_current_xact_id())::text)::bigint;

-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "txid" BIGINT NOT NULL DEFAULT ((pg_current_xact_id())::text)::bigint;

-- CreateTable
CREATE TABLE "ExportSnapshot" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "dataset" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "manifest" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "apiKeyId" TEXT,

    CONSTRAINT "ExportSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExportSnapshotFile" (
    "id" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "records" INTEGER NOT NULL,
    "bytes" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,

    CONSTRAINT "ExportSnapshotFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExportSnapshotChunk" (
    "fileId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "ExportSnapshotChunk_pkey" PRIMARY KEY ("fileId","index")
);

-- CreateIndex
CREATE UNIQUE INDEX "ExportSnapshot_projectId_name_key" ON "ExportSnapshot"("projectId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ExportSnapshotFile_snapshotId_name_key" ON "ExportSnapshotFile"("snapshotId", "name");

-- CreateIndex
CREATE INDEX "Prompt_projectId_txid_id_idx" ON "Prompt"("projectId", "txid", "id");

-- CreateIndex
CREATE INDEX "Submission_projectId_kind_txid_id_idx" ON "Submission"("projectId", "kind", "txid", "id");

-- AddForeignKey
ALTER TABLE "ExportSnapshotFile" ADD CONSTRAINT "ExportSnapshotFile_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "ExportSnapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExportSnapshotChunk" ADD CONSTRAINT "ExportSnapshotChunk_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "ExportSnapshotFile"("id") ON DELETE CASCADE ON UPDATE CASCADE;
