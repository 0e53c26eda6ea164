-- AlterTable
ALTER TABLE "PromptImport" ADD COLUMN     "header" TEXT[] DEFAULT ARRAY[]::TEXT[];
