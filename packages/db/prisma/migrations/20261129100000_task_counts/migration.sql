-- The exact `total` of GET /v1/tasks, kept by the database instead of counted per request.
-- Counting hundreds of thousands of matches took 60-250 ms at a million tasks, raw SQL as much as
-- ours; a sum over these rows takes well under a millisecond.
--
-- One row per combination of the list's equality filters (world, project, batch, type, status,
-- customer review status) and tag: tag '' counts every task (a tag is never empty), any other tag
-- the tasks carrying it. Tasks without a project or batch count under the nil uuid, so the key
-- needs no NULLs. Triggers on `tasks` keep the rows in the same transaction as the change, so a
-- total is as exact as count(*) under any isolation the list reads with.
--
-- `shard` spreads concurrent writers: each connection adds to its own slice of the rows, so
-- Taskers completing tasks of one project at once do not queue on one row lock until commit.
-- Each upsert writes its rows in key order, so two of them never wait on each other in a cycle.
-- Counts that fall to zero stay as rows (they cost a few bytes and keep the triggers upsert-only).
CREATE TABLE "task_counts" (
    "organization_id" UUID NOT NULL,
    "is_test" BOOLEAN NOT NULL,
    "tag" TEXT NOT NULL,
    "project_id" UUID NOT NULL,
    "batch_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "status" "task_status" NOT NULL,
    "customer_review_status" "customer_review_status" NOT NULL,
    "shard" SMALLINT NOT NULL,
    "tasks" BIGINT NOT NULL,

    CONSTRAINT "task_counts_pkey" PRIMARY KEY ("organization_id", "is_test", "tag", "project_id", "batch_id", "type", "status", "customer_review_status", "shard")
);

-- Inserted tasks count up, deleted ones down: one upsert per statement (a bulk create of 1,000
-- tasks adds to a handful of rows), from the statement's transition table.
CREATE FUNCTION "task_counts_on_insert_or_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "task_counts" AS c ("organization_id", "is_test", "tag", "project_id", "batch_id", "type", "status", "customer_review_status", "shard", "tasks")
  SELECT t."organization_id", t."is_test", k."tag",
    COALESCE(t."project_id", '00000000-0000-0000-0000-000000000000'),
    COALESCE(t."batch_id", '00000000-0000-0000-0000-000000000000'),
    t."type", t."status", t."customer_review_status", pg_backend_pid() % 8,
    CASE WHEN TG_OP = 'INSERT' THEN count(*) ELSE -count(*) END
  FROM "changed_tasks" t CROSS JOIN LATERAL (SELECT '' AS "tag" UNION SELECT unnest(t."tags")) k
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT ("organization_id", "is_test", "tag", "project_id", "batch_id", "type", "status", "customer_review_status", "shard")
  DO UPDATE SET "tasks" = c."tasks" + EXCLUDED."tasks";
  RETURN NULL;
END $$;

-- An update moves a task between rows only when a counted column changes (the trigger's WHEN), so
-- claims, drafts and responses never run it.
CREATE FUNCTION "task_counts_on_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "task_counts" AS c ("organization_id", "is_test", "tag", "project_id", "batch_id", "type", "status", "customer_review_status", "shard", "tasks")
  SELECT d."organization_id", d."is_test", d."tag", d."project_id", d."batch_id", d."type", d."status", d."customer_review_status",
    pg_backend_pid() % 8, sum(d."delta")
  FROM (
    SELECT OLD."organization_id", OLD."is_test", k."tag",
      COALESCE(OLD."project_id", '00000000-0000-0000-0000-000000000000') AS "project_id",
      COALESCE(OLD."batch_id", '00000000-0000-0000-0000-000000000000') AS "batch_id",
      OLD."type", OLD."status", OLD."customer_review_status", -1 AS "delta"
    FROM (SELECT '' AS "tag" UNION SELECT unnest(OLD."tags")) k
    UNION ALL
    SELECT NEW."organization_id", NEW."is_test", k."tag",
      COALESCE(NEW."project_id", '00000000-0000-0000-0000-000000000000'),
      COALESCE(NEW."batch_id", '00000000-0000-0000-0000-000000000000'),
      NEW."type", NEW."status", NEW."customer_review_status", 1
    FROM (SELECT '' AS "tag" UNION SELECT unnest(NEW."tags")) k
  ) d
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  HAVING sum(d."delta") <> 0
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT ("organization_id", "is_test", "tag", "project_id", "batch_id", "type", "status", "customer_review_status", "shard")
  DO UPDATE SET "tasks" = c."tasks" + EXCLUDED."tasks";
  RETURN NULL;
END $$;

CREATE FUNCTION "task_counts_on_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "task_counts";
  RETURN NULL;
END $$;

CREATE TRIGGER "task_counts_insert" AFTER INSERT ON "tasks"
  REFERENCING NEW TABLE AS "changed_tasks"
  FOR EACH STATEMENT EXECUTE FUNCTION "task_counts_on_insert_or_delete"();

CREATE TRIGGER "task_counts_delete" AFTER DELETE ON "tasks"
  REFERENCING OLD TABLE AS "changed_tasks"
  FOR EACH STATEMENT EXECUTE FUNCTION "task_counts_on_insert_or_delete"();

CREATE TRIGGER "task_counts_update" AFTER UPDATE ON "tasks"
  FOR EACH ROW
  WHEN (OLD."organization_id" IS DISTINCT FROM NEW."organization_id"
    OR OLD."is_test" IS DISTINCT FROM NEW."is_test"
    OR OLD."project_id" IS DISTINCT FROM NEW."project_id"
    OR OLD."batch_id" IS DISTINCT FROM NEW."batch_id"
    OR OLD."type" IS DISTINCT FROM NEW."type"
    OR OLD."status" IS DISTINCT FROM NEW."status"
    OR OLD."customer_review_status" IS DISTINCT FROM NEW."customer_review_status"
    OR OLD."tags" IS DISTINCT FROM NEW."tags")
  EXECUTE FUNCTION "task_counts_on_update"();

CREATE TRIGGER "task_counts_truncate" AFTER TRUNCATE ON "tasks"
  FOR EACH STATEMENT EXECUTE FUNCTION "task_counts_on_truncate"();

-- The tasks already there.
INSERT INTO "task_counts" ("organization_id", "is_test", "tag", "project_id", "batch_id", "type", "status", "customer_review_status", "shard", "tasks")
SELECT t."organization_id", t."is_test", k."tag",
  COALESCE(t."project_id", '00000000-0000-0000-0000-000000000000'),
  COALESCE(t."batch_id", '00000000-0000-0000-0000-000000000000'),
  t."type", t."status", t."customer_review_status", 0, count(*)
FROM "tasks" t CROSS JOIN LATERAL (SELECT '' AS "tag" UNION SELECT unnest(t."tags")) k
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

-- These two served only the list's totals, which task_counts now answers; every insert paid for them.
DROP INDEX "tasks_org_project_batch_idx";
DROP INDEX "tasks_org_type_idx";
