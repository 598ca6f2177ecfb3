-- The secured response file of a task (`GET /v1/task/{id}/response_url/{uuid}`) is addressed by a
-- random uuid of its own, so knowing a task id is not enough to reach its response.
ALTER TABLE "tasks" ADD COLUMN "response_uuid" UUID NOT NULL DEFAULT gen_random_uuid();

-- Training tasks (Scale's `POST /v1/training_tasks/{type}`): practice with a known answer for a
-- project's Taskers. A table of their own, so no task list, count, export, batch or callback sees them.
CREATE TABLE "training_tasks" (
    "id" CHAR(24) NOT NULL,
    "organization_id" UUID NOT NULL,
    "is_test" BOOLEAN NOT NULL,
    "project_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "instruction" TEXT NOT NULL DEFAULT '',
    "params" JSONB NOT NULL,
    "expected_response" JSONB NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT,

    CONSTRAINT "training_tasks_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "training_attempts" (
    "id" UUID NOT NULL,
    "training_task_id" CHAR(24) NOT NULL,
    "user_id" UUID NOT NULL,
    "response" JSONB NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "training_attempts_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "training_tasks_project_created_idx" ON "training_tasks"("project_id", "created_at", "id");
CREATE UNIQUE INDEX "training_attempts_training_task_id_user_id_key" ON "training_attempts"("training_task_id", "user_id");
CREATE INDEX "training_attempts_user_id_idx" ON "training_attempts"("user_id");

ALTER TABLE "training_tasks" ADD CONSTRAINT "training_tasks_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "training_tasks" ADD CONSTRAINT "training_tasks_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "training_attempts" ADD CONSTRAINT "training_attempts_training_task_id_fkey" FOREIGN KEY ("training_task_id") REFERENCES "training_tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "training_attempts" ADD CONSTRAINT "training_attempts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
