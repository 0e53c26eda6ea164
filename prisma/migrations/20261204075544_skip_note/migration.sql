-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "skipNote" TEXT;

-- Skips were once stored as "<reason>: <the labeler's words>", and any other text counted as
-- "other": the reason and the words now live apart, so old skips read like new ones.
UPDATE "Assignment"
SET "skipNote" = NULLIF(btrim(substr("skipReason", strpos("skipReason", ':') + 1)), ''),
    "skipReason" = split_part("skipReason", ':', 1)
WHERE "skipReason" ~ '^(intent_unclear|harmful_or_sensitive|outputs_unreadable|lacks_expertise|other):';

UPDATE "Assignment"
SET "skipNote" = "skipReason", "skipReason" = 'other'
WHERE "skipReason" IS NOT NULL
  AND "skipReason" NOT IN ('intent_unclear', 'harmful_or_sensitive', 'outputs_unreadable', 'lacks_expertise', 'other');
