import type { Prisma } from "@taskforge/db";
import { WORK_KINDS } from "@taskforge/schema";

import { AppError } from "../../errors";
import { IN_SCOPE, WORKER_SCOPE_CTES } from "./eligible";
import type { WorkKind } from "./worker";

/**
 * Whether the task is still in the worker's reach for this kind of work, by the claim's own rules:
 * a member removed or demoted, a pick taken back or a project's platform workforce turned off ends
 * what they may do with work they already hold. `$3` is the task's id.
 */
const TASK_IN_REACH_SQL = `
WITH ${WORKER_SCOPE_CTES}
SELECT ${IN_SCOPE} AS "in_reach" FROM "tasks" t WHERE t."id" = $3`;

export const isTaskInReach = async (
  tx: Prisma.TransactionClient,
  userId: string,
  kind: WorkKind,
  taskId: string,
) => {
  const [row] = await tx.$queryRawUnsafe<{ in_reach: boolean }[]>(
    TASK_IN_REACH_SQL,
    userId,
    kind,
    taskId,
  );
  return row?.in_reach === true;
};

export const outOfReach = () =>
  new AppError(
    "forbidden",
    "You may no longer work on this task: your roles, your organization or the project's workforce changed. Give it back or leave it; it returns to the queue.",
  );

/**
 * Gives back, at once, every task the user holds for this kind of work that is no longer in their
 * reach: what a removal or a change of roles owes the queue, in the change's own transaction.
 * Each assignment is released, its slot freed (as the lease sweep does) and a `released` event
 * logged with the reason. Returns how many it released.
 */
const RELEASE_OUT_OF_REACH_SQL = `
WITH ${WORKER_SCOPE_CTES}, held AS (
  SELECT a."id" FROM "task_assignments" a JOIN "tasks" t ON t."id" = a."task_id"
  WHERE a."user_id" = $1::uuid AND a."kind" = $2::text::assignment_kind AND a."status" = 'active'
    AND NOT ${IN_SCOPE}
  FOR UPDATE OF a
), released AS (
  UPDATE "task_assignments" a SET "status" = 'released', "reason" = 'access_removed'
  FROM held WHERE a."id" = held."id"
  RETURNING a."task_id", a."round"
), freed AS (
  UPDATE "tasks" t SET "claims_open" = GREATEST(t."claims_open" - r.n, 0)
  FROM (SELECT "task_id", "round", count(*)::int AS n FROM released GROUP BY "task_id", "round") r
  WHERE t."id" = r."task_id" AND t."round" = r."round"
), logged AS (
  INSERT INTO "task_events" ("task_id", "type", "actor", "data")
  SELECT "task_id", 'released', 'system', jsonb_build_object('reason', 'access_removed')
  FROM released
)
SELECT count(*)::int AS "released" FROM released`;

/**
 * Locks the tasks of the user's open assignments of one kind, in id order, before their
 * assignments are locked: work actions lock a task, then its assignment, and the release must take
 * them in the same order or the two can deadlock.
 */
const LOCK_HELD_TASKS_SQL = `
SELECT 1 FROM "tasks" t WHERE t."id" IN (
  SELECT a."task_id" FROM "task_assignments" a
  WHERE a."user_id" = $1::uuid AND a."kind" = $2::text::assignment_kind AND a."status" = 'active')
ORDER BY t."id" FOR UPDATE OF t`;

export const releaseWorkOutOfReach = async (tx: Prisma.TransactionClient, userId: string) => {
  let total = 0;
  for (const kind of WORK_KINDS) {
    await tx.$queryRawUnsafe(LOCK_HELD_TASKS_SQL, userId, kind);
    const [row] = await tx.$queryRawUnsafe<{ released: number }[]>(
      RELEASE_OUT_OF_REACH_SQL,
      userId,
      kind,
    );
    total += row?.released ?? 0;
  }
  return total;
};
