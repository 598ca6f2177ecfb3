import type { Database } from "@taskforge/db";

import { logger } from "../../logger";
import { foldTaskCounts } from "../tasks/fold-task-counts";
import { pruneIdempotencyKeys } from "../tasks/idempotency";

/**
 * Marks assignments whose lease ran out as expired, frees their slot so the task is claimable
 * again, and logs it in each task's history. A late submit is refused from the moment the lease
 * ends; the task returns to the queue at the next sweep. Returns how many leases it closed.
 */
export const expireLeases = (db: Database) =>
  db.prisma.$transaction(async (tx) => {
    const expired = await tx.$queryRaw<{ task_id: string; user_id: string }[]>`
      WITH expired AS (
        UPDATE "task_assignments" SET "status" = 'expired'
        WHERE "status" = 'active' AND "lease_expires_at" <= now()
        RETURNING "task_id", "user_id", "round"
      ), freed AS (
        UPDATE "tasks" t SET "claims_open" = GREATEST(t."claims_open" - e.n, 0)
        FROM (SELECT "task_id", "round", count(*)::int AS n FROM expired GROUP BY "task_id", "round") e
        WHERE t."id" = e."task_id" AND t."round" = e."round"
      )
      SELECT "task_id", "user_id"::text AS "user_id" FROM expired`;
    if (expired.length) {
      await tx.taskEvent.createMany({
        data: expired.map((e) => ({
          taskId: e.task_id,
          type: "lease_expired",
          actor: "system",
          data: { user_id: e.user_id },
        })),
      });
    }
    return expired.length;
  });

/**
 * Runs the periodic jobs until stopped: the lease sweep every `intervalMs`, and about once a minute
 * the pruning of Idempotency-Keys past their 24 h retention and the folding of ended connections'
 * task counters.
 */
export const startWorkJobs = (db: Database, options: { intervalMs?: number } = {}) => {
  const intervalMs = options.intervalMs ?? 2000;
  let running = false;
  let ticks = 0;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    const pruneNow = ticks++ % Math.max(1, Math.round(60_000 / intervalMs)) === 0;
    expireLeases(db)
      .then(async () => {
        if (!pruneNow) return;
        await pruneIdempotencyKeys(db);
        await foldTaskCounts(db);
      })
      .catch((error: unknown) => logger.error({ err: error }, "periodic job failed"))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
};
