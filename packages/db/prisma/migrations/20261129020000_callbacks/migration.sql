-- CreateEnum
CREATE TYPE "callback_delivery_status" AS ENUM ('pending', 'succeeded', 'failed');

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "default_callback_url" TEXT;

-- CreateTable
CREATE TABLE "callback_secrets" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "secret" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),

    CONSTRAINT "callback_secrets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "callback_deliveries" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "organization_id" UUID NOT NULL,
    "is_test" BOOLEAN NOT NULL,
    "task_id" CHAR(24),
    "batch_id" UUID,
    "event" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" "callback_delivery_status" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_token" UUID,
    "last_status_code" INTEGER,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "callback_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "callback_attempts" (
    "id" UUID NOT NULL,
    "delivery_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "latency_ms" INTEGER NOT NULL,
    "status_code" INTEGER,
    "error" TEXT,
    "response_excerpt" TEXT,

    CONSTRAINT "callback_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "callback_secrets_organization_id_idx" ON "callback_secrets"("organization_id");

-- CreateIndex
CREATE INDEX "callback_deliveries_status_next_attempt_at_idx" ON "callback_deliveries"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "callback_deliveries_task_id_seq_idx" ON "callback_deliveries"("task_id", "seq");

-- CreateIndex
CREATE INDEX "callback_deliveries_org_status_created_idx" ON "callback_deliveries"("organization_id", "is_test", "status", "created_at");

-- CreateIndex
CREATE INDEX "callback_attempts_delivery_id_started_at_idx" ON "callback_attempts"("delivery_id", "started_at");

-- AddForeignKey
ALTER TABLE "callback_secrets" ADD CONSTRAINT "callback_secrets_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "callback_deliveries" ADD CONSTRAINT "callback_deliveries_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "callback_attempts" ADD CONSTRAINT "callback_attempts_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "callback_deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Not expressible in schema.prisma (hand-written): wake delivery workers that LISTEN on
-- "taskforge_callbacks" when deliveries are enqueued. NOTIFY is sent on commit, once per
-- transaction, so a rolled-back state change wakes nobody; workers also poll, so a missed
-- notification only delays a delivery.
CREATE FUNCTION "taskforge_notify_callbacks"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('taskforge_callbacks', '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER "callback_deliveries_notify" AFTER INSERT ON "callback_deliveries"
  FOR EACH STATEMENT EXECUTE FUNCTION "taskforge_notify_callbacks"();
