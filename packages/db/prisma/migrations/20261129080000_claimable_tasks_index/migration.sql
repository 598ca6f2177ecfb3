-- A claimed task stays pending until its Taskers submit, so the old queue index (every pending task)
-- made each claim walk past all the tasks already taken: claims slowed down as the queue drained.
-- This index holds only what a claim can still take, in queue order: gold tasks (no slot limit) and
-- tasks with a free slot. The statistics page's queue count reads the same set.
DROP INDEX "tasks_queue_idx";

CREATE INDEX "tasks_claimable_idx" ON "tasks"("stage", "is_gold", "batch_priority" DESC, "priority" DESC, "created_at", "id")
WHERE "status" = 'pending' AND NOT "is_test" AND ("is_gold" OR "claims_open" < "annotations_required");

-- A review claim needs its one free slot inside the index above (claims_open < 1 <= annotations_required).
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_annotations_required_check" CHECK ("annotations_required" >= 1);
