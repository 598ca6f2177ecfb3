-- Resumable imports. Two chunks of an upload are stored at once and may commit in either order, so
-- "lines stored" alone cannot say where an interrupted upload may continue: the job keeps the end of
-- the unbroken run of stored lines and the spans stored beyond it. `upload_id` names the upload that
-- owns the job, so the chunks of an upload that a resume took over are refused rather than stored twice.
ALTER TABLE "import_jobs" ADD COLUMN "stored_through_line" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "import_jobs" ADD COLUMN "stored_spans" JSONB NOT NULL DEFAULT '[]';
ALTER TABLE "import_jobs" ADD COLUMN "upload_id" UUID;
ALTER TABLE "import_jobs" ADD COLUMN "resume_count" INTEGER NOT NULL DEFAULT 0;
