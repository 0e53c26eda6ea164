-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "flagMasks" INTEGER[];

-- Backfill from the ratings JSON: bit i set when the output carries OUTPUT_FLAGS[i].
UPDATE "Submission" s
SET "flagMasks" = by_position.masks
FROM (
  SELECT s2."id",
         array_agg(coalesce((
           SELECT sum(1 << (array_position(ARRAY['fails_to_follow_instruction','inappropriate_for_customer_assistant','hallucination','satisfies_constraint','sexual_content','violent_content','encourages_violence','denigrates_protected_class','harmful_advice','expresses_opinion','expresses_moral_judgment'], f.flag) - 1))::int
           FROM jsonb_array_elements_text(s2."ratings"::jsonb -> o."id" -> 'flags') AS f(flag)
           WHERE array_position(ARRAY['fails_to_follow_instruction','inappropriate_for_customer_assistant','hallucination','satisfies_constraint','sexual_content','violent_content','encourages_violence','denigrates_protected_class','harmful_advice','expresses_opinion','expresses_moral_judgment'], f.flag) IS NOT NULL
         ), 0) ORDER BY o."position") AS masks
  FROM "Submission" s2
  JOIN "TaskOutput" o ON o."taskId" = s2."taskId"
  WHERE s2."kind" = 'ranking' AND s2."ratings" IS NOT NULL
  GROUP BY s2."id"
) AS by_position
WHERE s."id" = by_position."id";
