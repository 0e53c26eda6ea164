-- AlterTable
ALTER TABLE "Prompt" DROP COLUMN "tokenCount";
