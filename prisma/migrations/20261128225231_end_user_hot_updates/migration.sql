-- DropIndex
DROP INDEX "EndUser_projectId_acceptedCount_idx";

-- Room on each page for a new version of a row, so that count updates stay HOT.
ALTER TABLE "EndUser" SET (fillfactor = 50);
