-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "keepPublicFigures" BOOLEAN NOT NULL DEFAULT false;
