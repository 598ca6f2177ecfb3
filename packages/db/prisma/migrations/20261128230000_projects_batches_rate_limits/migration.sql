-- AlterTable
ALTER TABLE "projects" ADD COLUMN     "rapid" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "studio" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "pipeline" TEXT NOT NULL DEFAULT 'standard_task',
ADD COLUMN     "consensus_attempts" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "batches" ADD COLUMN     "calibration_batch" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "self_label_batch" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "completed_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "rate_limit_buckets" (
    "key" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "rate_limit_buckets_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "batches_org_created_idx" ON "batches"("organization_id", "is_test", "created_at" DESC);
