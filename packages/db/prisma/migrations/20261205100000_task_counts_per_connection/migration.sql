-- Each connection now writes counter rows no other live connection writes: `shard` is the writing
-- backend's pid instead of pid % 8. With eight slices two connections could share one, and two
-- transactions that each change tasks in more than one statement (or one statement over several
-- tasks, whose row triggers run in row order) could lock that slice's rows in opposite orders, so
-- PostgreSQL aborted one of them as a deadlock. Now the counters never make one writer wait for
-- another. The rows of connections that have ended are folded into shard 0 by a periodic job
-- (`foldTaskCounts`), which keeps the table at about (keys x live connections) rows.
ALTER TABLE "task_counts" ALTER COLUMN "shard" TYPE INTEGER;

CREATE OR REPLACE FUNCTION "task_counts_on_insert_or_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "task_counts" AS c ("organization_id", "is_test", "tag", "project_id", "batch_id", "type", "status", "customer_review_status", "shard", "tasks")
  SELECT t."organization_id", t."is_test", k."tag",
    COALESCE(t."project_id", '00000000-0000-0000-0000-000000000000'),
    COALESCE(t."batch_id", '00000000-0000-0000-0000-000000000000'),
    t."type", t."status", t."customer_review_status", pg_backend_pid(),
    CASE WHEN TG_OP = 'INSERT' THEN count(*) ELSE -count(*) END
  FROM "changed_tasks" t CROSS JOIN LATERAL (SELECT '' AS "tag" UNION SELECT unnest(t."tags")) k
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT ("organization_id", "is_test", "tag", "project_id", "batch_id", "type", "status", "customer_review_status", "shard")
  DO UPDATE SET "tasks" = c."tasks" + EXCLUDED."tasks";
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION "task_counts_on_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "task_counts" AS c ("organization_id", "is_test", "tag", "project_id", "batch_id", "type", "status", "customer_review_status", "shard", "tasks")
  SELECT d."organization_id", d."is_test", d."tag", d."project_id", d."batch_id", d."type", d."status", d."customer_review_status",
    pg_backend_pid(), sum(d."delta")
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

-- The eight slices so far, folded into shard 0 (no backend has pid 0).
WITH "gone" AS (
  DELETE FROM "task_counts" WHERE "shard" <> 0 RETURNING *
)
INSERT INTO "task_counts" AS c ("organization_id", "is_test", "tag", "project_id", "batch_id", "type", "status", "customer_review_status", "shard", "tasks")
SELECT "organization_id", "is_test", "tag", "project_id", "batch_id", "type", "status", "customer_review_status", 0, sum("tasks")
FROM "gone"
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
ON CONFLICT ("organization_id", "is_test", "tag", "project_id", "batch_id", "type", "status", "customer_review_status", "shard")
DO UPDATE SET "tasks" = c."tasks" + EXCLUDED."tasks";
