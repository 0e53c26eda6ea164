-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "snapshotLimit" INTEGER NOT NULL DEFAULT 20;
