-- CreateEnum
CREATE TYPE "key_mode" AS ENUM ('live', 'test');

-- CreateEnum
CREATE TYPE "org_role" AS ENUM ('owner', 'member');

-- CreateEnum
CREATE TYPE "task_status" AS ENUM ('pending', 'completed', 'canceled', 'error');

-- CreateEnum
CREATE TYPE "customer_review_status" AS ENUM ('pending', 'accepted', 'fixed', 'rejected', 'commented');

-- CreateEnum
CREATE TYPE "audit_result" AS ENUM ('accepted', 'rejected', 'fixed', 'commented');

-- CreateEnum
CREATE TYPE "audit_source" AS ENUM ('customer', 'scale');

-- CreateEnum
CREATE TYPE "batch_status" AS ENUM ('staging', 'in_progress', 'completed');

-- CreateTable
CREATE TABLE "organizations" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "organization_id" UUID,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "password_hash" TEXT,
    "org_role" "org_role" NOT NULL DEFAULT 'member',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "mode" "key_mode" NOT NULL,
    "key_hash" TEXT NOT NULL,
    "display_prefix" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "projects" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "is_test" BOOLEAN NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "projects_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project_param_versions" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "instruction" TEXT,
    "params" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_param_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "batches" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "is_test" BOOLEAN NOT NULL,
    "project_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "status" "batch_status" NOT NULL DEFAULT 'in_progress',
    "callback_url" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tasks" (
    "id" CHAR(24) NOT NULL,
    "organization_id" UUID NOT NULL,
    "is_test" BOOLEAN NOT NULL,
    "type" TEXT NOT NULL,
    "status" "task_status" NOT NULL DEFAULT 'pending',
    "instruction" TEXT NOT NULL DEFAULT '',
    "params" JSONB NOT NULL,
    "response" JSONB,
    "callback_url" TEXT,
    "callback_succeeded" BOOLEAN NOT NULL DEFAULT false,
    "customer_review_status" "customer_review_status" NOT NULL DEFAULT 'pending',
    "customer_review_comments" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "prior_responses" JSONB NOT NULL DEFAULT '[]',
    "times_redone" INTEGER NOT NULL DEFAULT 0,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "project_id" UUID,
    "project_param_version" INTEGER,
    "batch_id" UUID,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "unique_id" TEXT,
    "clear_unique_id_on_error" BOOLEAN NOT NULL DEFAULT false,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audits" (
    "id" UUID NOT NULL,
    "task_id" CHAR(24) NOT NULL,
    "audited_by" TEXT NOT NULL,
    "audited_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "audit_time_secs" INTEGER NOT NULL DEFAULT 0,
    "result" "audit_result" NOT NULL,
    "source" "audit_source" NOT NULL,
    "comments" TEXT,

    CONSTRAINT "audits_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_keys" (
    "organization_id" UUID NOT NULL,
    "is_test" BOOLEAN NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "task_id" CHAR(24) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("organization_id","is_test","key")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "users_organization_id_idx" ON "users"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");

-- CreateIndex
CREATE INDEX "api_keys_organization_id_idx" ON "api_keys"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "projects_organization_id_is_test_name_key" ON "projects"("organization_id", "is_test", "name");

-- CreateIndex
CREATE UNIQUE INDEX "project_param_versions_project_id_version_key" ON "project_param_versions"("project_id", "version");

-- CreateIndex
CREATE INDEX "batches_project_id_idx" ON "batches"("project_id");

-- CreateIndex
CREATE UNIQUE INDEX "batches_organization_id_is_test_name_key" ON "batches"("organization_id", "is_test", "name");

-- CreateIndex
CREATE UNIQUE INDEX "tasks_org_unique_id_key" ON "tasks"("organization_id", "is_test", "unique_id");

-- CreateIndex
CREATE INDEX "tasks_org_created_idx" ON "tasks"("organization_id", "is_test", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "tasks_org_status_created_idx" ON "tasks"("organization_id", "is_test", "status", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "tasks_org_type_created_idx" ON "tasks"("organization_id", "is_test", "type", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "tasks_project_created_idx" ON "tasks"("project_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "tasks_batch_created_idx" ON "tasks"("batch_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "tasks_org_review_created_idx" ON "tasks"("organization_id", "is_test", "customer_review_status", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "tasks_org_completed_idx" ON "tasks"("organization_id", "is_test", "completed_at");

-- CreateIndex
CREATE INDEX "tasks_org_updated_idx" ON "tasks"("organization_id", "is_test", "updated_at");

-- CreateIndex
CREATE INDEX "tasks_tags_idx" ON "tasks" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "audits_task_id_audited_at_idx" ON "audits"("task_id", "audited_at" DESC);

-- CreateIndex
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys"("created_at");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "projects" ADD CONSTRAINT "projects_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_param_versions" ADD CONSTRAINT "project_param_versions_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batches" ADD CONSTRAINT "batches_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batches" ADD CONSTRAINT "batches_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "batches"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audits" ADD CONSTRAINT "audits_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
