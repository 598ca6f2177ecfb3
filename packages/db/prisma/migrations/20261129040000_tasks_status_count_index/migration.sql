-- Counting an organization's tasks of one status (the dashboard's total under a status filter).
-- B-tree deduplication stores each (organization, world, status) key once with a list of row
-- pointers, so this index is a few MB at a million tasks where tasks_org_status_created_idx (which
-- also holds created_at and id, unique per row) is ~160 MB: the count's index-only scan reads ~20x
-- fewer pages. Measured at 1M tasks: 375 ms (parallel seq scan) -> 150 ms.
CREATE INDEX "tasks_org_status_idx" ON "tasks"("organization_id", "is_test", "status");
