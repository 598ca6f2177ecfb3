-- CreateEnum
CREATE TYPE "platform_role" AS ENUM ('admin', 'tasker', 'reviewer');

-- CreateEnum
CREATE TYPE "task_stage" AS ENUM ('annotate', 'review');

-- CreateEnum
CREATE TYPE "assignment_kind" AS ENUM ('annotate', 'review');

-- CreateEnum
CREATE TYPE "assignment_status" AS ENUM ('active', 'submitted', 'skipped', 'released', 'expired', 'reported', 'superseded');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "platform_roles" "platform_role"[] DEFAULT ARRAY[]::"platform_role"[];

-- AlterTable
ALTER TABLE "projects" ADD COLUMN     "annotations_per_task" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "max_annotations_per_task" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN     "lease_seconds" INTEGER NOT NULL DEFAULT 600,
ADD COLUMN     "requires_review" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "agreement_threshold" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "low_agreement_action" TEXT NOT NULL DEFAULT 'review',
ADD COLUMN     "gold_rate" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "gold_min_count" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN     "gold_min_accuracy" DOUBLE PRECISION NOT NULL DEFAULT 0.7,
ADD COLUMN     "problem_report_threshold" INTEGER NOT NULL DEFAULT 2;

-- AlterTable
ALTER TABLE "batches" ADD COLUMN     "priority" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "tasks" ADD COLUMN     "stage" "task_stage" NOT NULL DEFAULT 'annotate',
ADD COLUMN     "annotations_required" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "round" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "claims_open" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "batch_priority" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "agreement" DOUBLE PRECISION,
ADD COLUMN     "expected_response" JSONB,
ADD COLUMN     "is_gold" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "work_grants" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" "assignment_kind" NOT NULL,
    "project_id" UUID,
    "task_type" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removed_at" TIMESTAMPTZ(3),
    "removed_reason" TEXT,

    CONSTRAINT "work_grants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_assignments" (
    "id" UUID NOT NULL,
    "task_id" CHAR(24) NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" "assignment_kind" NOT NULL,
    "round" INTEGER NOT NULL DEFAULT 0,
    "status" "assignment_status" NOT NULL DEFAULT 'active',
    "claimed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_expires_at" TIMESTAMPTZ(3) NOT NULL,
    "submitted_at" TIMESTAMPTZ(3),
    "draft" JSONB,
    "draft_saved_at" TIMESTAMPTZ(3),
    "response" JSONB,
    "work_seconds" INTEGER,
    "reason" TEXT,
    "gold_score" DOUBLE PRECISION,

    CONSTRAINT "task_assignments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tasker_project_stats" (
    "user_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "submissions" INTEGER NOT NULL DEFAULT 0,
    "gold_count" INTEGER NOT NULL DEFAULT 0,
    "gold_score_sum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tasker_project_stats_pkey" PRIMARY KEY ("user_id","project_id")
);

-- CreateTable
CREATE TABLE "task_events" (
    "id" BIGSERIAL NOT NULL,
    "task_id" CHAR(24) NOT NULL,
    "type" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "task_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "tasks_queue_idx" ON "tasks"("status", "stage", "batch_priority" DESC, "priority" DESC, "created_at", "id");

-- CreateIndex
CREATE INDEX "work_grants_user_id_role_idx" ON "work_grants"("user_id", "role");

-- CreateIndex
CREATE INDEX "task_assignments_task_id_kind_round_status_idx" ON "task_assignments"("task_id", "kind", "round", "status");

-- CreateIndex
CREATE INDEX "task_assignments_user_id_status_idx" ON "task_assignments"("user_id", "status");

-- CreateIndex
CREATE INDEX "task_assignments_status_lease_expires_at_idx" ON "task_assignments"("status", "lease_expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "task_assignments_task_id_user_id_kind_key" ON "task_assignments"("task_id", "user_id", "kind");

-- CreateIndex
CREATE INDEX "task_events_task_id_id_idx" ON "task_events"("task_id", "id");

-- AddForeignKey
ALTER TABLE "work_grants" ADD CONSTRAINT "work_grants_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_grants" ADD CONSTRAINT "work_grants_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_assignments" ADD CONSTRAINT "task_assignments_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_assignments" ADD CONSTRAINT "task_assignments_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasker_project_stats" ADD CONSTRAINT "tasker_project_stats_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasker_project_stats" ADD CONSTRAINT "tasker_project_stats_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_events" ADD CONSTRAINT "task_events_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;
