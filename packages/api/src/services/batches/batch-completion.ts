import type { DbClient } from "../../db-client";
import { enqueueBatchCallback } from "../callbacks";

/**
 * Keeps batch status in step with its tasks: an in-progress batch whose tasks have all ended
 * becomes `completed`, and a completed batch that gets a pending task again (a new task, a redo)
 * goes back to `in_progress`. Staging batches wait for `finalize`. A batch that completes owes its
 * callback. Call it in the transaction that changed task statuses.
 */
export const refreshBatchStatus = async (tx: DbClient, batchIds: readonly (string | null)[]) => {
  const ids = [...new Set(batchIds.filter((id): id is string => id !== null))];
  if (!ids.length) return;
  const changed = await tx.$queryRaw<
    { id: string; status: string; organization_id: string; is_test: boolean }[]
  >`
    UPDATE "batches" b SET
      "status" = CASE WHEN pending.any THEN 'in_progress'::batch_status ELSE 'completed'::batch_status END,
      "completed_at" = CASE WHEN pending.any THEN NULL ELSE now() END,
      "updated_at" = now()
    FROM (
      SELECT b2."id", EXISTS (
        SELECT 1 FROM "tasks" t WHERE t."batch_id" = b2."id" AND t."status" = 'pending' AND NOT t."is_gold"
      ) AS any
      FROM "batches" b2 WHERE b2."id" = ANY(${ids}::uuid[])
    ) pending
    WHERE b."id" = pending."id" AND b."status" <> 'staging'
      AND b."status" <> (CASE WHEN pending.any THEN 'in_progress' ELSE 'completed' END)::batch_status
    RETURNING b."id"::text AS "id", b."status"::text AS "status", b."organization_id"::text AS "organization_id", b."is_test"`;
  for (const batch of changed.filter((b) => b.status === "completed")) {
    await enqueueBatchCallback(tx, {
      organizationId: batch.organization_id,
      isTest: batch.is_test,
      batchId: batch.id,
    });
  }
};
