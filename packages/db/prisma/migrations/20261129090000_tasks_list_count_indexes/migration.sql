-- Narrow indexes for the exact `total` of GET /v1/tasks, like tasks_org_status_idx: B-tree
-- deduplication stores each key once with a list of row pointers, so at a million tasks each is
-- ~8 MB where the (…, created_at, id) indexes the pages are read from are 110-165 MB, and the
-- count is an index-only scan over 20x fewer pages.
--
-- Project and batch in one: a batch belongs to one project, so the list counts a batch's tasks
-- with both ids and uses the whole key. Counting by project_id alone had no index holding the
-- organization and world, so every match was a heap fetch. Measured at 1M tasks (500k in the
-- project, 100k in the batch): project 280 ms -> 45 ms, batch 320 ms -> 8 ms; type (250k) 60 ms -> 30 ms.
CREATE INDEX "tasks_org_project_batch_idx" ON "tasks"("organization_id", "is_test", "project_id", "batch_id");
CREATE INDEX "tasks_org_type_idx" ON "tasks"("organization_id", "is_test", "type");

-- A completion window: the list counts it and reads its newest task's created_at in one
-- index-only pass, then walks the page from there (the planner, unaware that tasks complete soon
-- after they are created, otherwise walks from the newest task: 380 ms for a week half a year back
-- at 1M tasks, 15 ms this way).
DROP INDEX "tasks_org_completed_idx";
CREATE INDEX "tasks_org_completed_idx" ON "tasks"("organization_id", "is_test", "completed_at", "created_at");
