-- AlterTable
ALTER TABLE "Prompt" ADD COLUMN     "messages" JSONB;
