import type { Database } from "@taskforge/db";

import { logger } from "../../logger";
import { foldTaskCounts } from "../tasks/fold-task-counts";
import { pruneIdempotencyKeys } from "../tasks/idempotency";
import { vacuumClaimQueue } from "./queue-upkeep";

/** Leases closed per statement: each batch commits on its own, so a backlog is drained in steps. */
const EXPIRE_BATCH = 1000;

/**
 * One batch of the sweep, in one statement (so it is atomic without a transaction around it): the
 * oldest due leases, skipping any that another process is closing or extending right now, are
 * marked expired, their slots freed and a `lease_expired` event logged for each. Returns how many
 * it closed. Work actions lock a task, then its assignment; the sweep takes both locks without
 * waiting (a lease whose task is busy waits for the next sweep), so it can never deadlock with them.
 */
const EXPIRE_SQL = `
WITH due AS (
  SELECT a."id" FROM "task_assignments" a JOIN "tasks" t ON t."id" = a."task_id"
  WHERE a."status" = 'active' AND a."lease_expires_at" <= now()
  ORDER BY a."lease_expires_at"
  LIMIT $1
  FOR UPDATE OF t, a SKIP LOCKED
), expired AS (
  UPDATE "task_assignments" a SET "status" = 'expired'
  FROM due WHERE a."id" = due."id"
  RETURNING a."task_id", a."user_id", a."round"
), freed AS (
  UPDATE "tasks" t SET "claims_open" = GREATEST(t."claims_open" - e.n, 0)
  FROM (SELECT "task_id", "round", count(*)::int AS n FROM expired GROUP BY "task_id", "round") e
  WHERE t."id" = e."task_id" AND t."round" = e."round"
), logged AS (
  INSERT INTO "task_events" ("task_id", "type", "actor", "data")
  SELECT "task_id", 'lease_expired', 'system', jsonb_build_object('user_id', "user_id"::text)
  FROM expired
)
SELECT count(*)::int AS "closed" FROM expired`;

/**
 * Marks assignments whose lease ran out as expired, frees their slot so the task is claimable
 * again, and logs it in each task's history. A late submit is refused from the moment the lease
 * ends; the task returns to the queue at the next sweep. Works in batches of `batchSize`, each
 * committed on its own: one transaction over a large backlog (after downtime, say) would outlast
 * any timeout, fail, and leave the same backlog for the next sweep. Returns how many leases it
 * closed.
 */
export const expireLeases = async (
  db: Database,
  options: { batchSize?: number } = {},
): Promise<number> => {
  const batchSize = options.batchSize ?? EXPIRE_BATCH;
  let total = 0;
  for (;;) {
    const [row] = await db.sql.query<{ closed: number }>(EXPIRE_SQL, [batchSize]);
    const closed = row?.closed ?? 0;
    total += closed;
    if (closed < batchSize) return total;
  }
};

/**
 * Runs the periodic jobs until stopped: every `intervalMs`, the lease sweep and the claim queue's
 * vacuum when it is due; about once a minute, the pruning of Idempotency-Keys past their 24 h
 * retention and the folding of ended connections' task counters.
 */
export const startWorkJobs = (
  db: Database,
  options: { intervalMs?: number; deadTasksBeforeVacuum?: number } = {},
) => {
  const intervalMs = options.intervalMs ?? 2000;
  let running = false;
  let ticks = 0;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    const pruneNow = ticks++ % Math.max(1, Math.round(60_000 / intervalMs)) === 0;
    expireLeases(db)
      .then(async () => {
        await vacuumClaimQueue(db, options.deadTasksBeforeVacuum);
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
