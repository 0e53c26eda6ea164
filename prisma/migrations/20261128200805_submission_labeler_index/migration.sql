-- CreateIndex
CREATE INDEX "Submission_labelerId_projectId_createdAt_idx" ON "Submission"("labelerId", "projectId", "createdAt");
