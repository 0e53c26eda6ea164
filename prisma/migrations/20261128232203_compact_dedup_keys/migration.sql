-- Dedup keys become 17 bytes (lib/prompts/dedup.ts): a kind byte (0 prefix, 1 whole prompt) and
-- the first 16 bytes of the SHA-256 that the text keys ("prefix:<base64url>") already held, so
-- existing keys keep matching the prompts they stand for.
ALTER TABLE "PromptDedupKey" ALTER COLUMN "key" SET DATA TYPE BYTEA USING (
  CASE WHEN "key" LIKE 'prefix:%' THEN '\x00'::bytea ELSE '\x01'::bytea END
  || substring(decode(translate(substr("key", strpos("key", ':') + 1), '-_', '+/') || '=', 'base64') FROM 1 FOR 16)
);
