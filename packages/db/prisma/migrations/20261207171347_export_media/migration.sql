-- AlterTable
ALTER TABLE "export_jobs" ADD COLUMN "options" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN "skip_reasons" JSONB NOT NULL DEFAULT '{}';
