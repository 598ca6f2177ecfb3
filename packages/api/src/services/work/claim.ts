import { randomUUID } from "node:crypto";

import type { Database } from "@taskforge/db";

import { BATCH_SERVED, IN_SCOPE, NOT_WORKED, WORKER_SCOPE_CTES } from "./eligible";
import { workerLabelSql } from "./worker-label";
import { toWorkItem, WORK_ITEM_COLUMNS } from "./work-item";
import type { WorkItem } from "@taskforge/schema";
import type { WorkItemRow } from "./work-item";
import { requireRole } from "./worker";
import type { Worker, WorkKind } from "./worker";

// Parameters of CLAIM_SQL: $1 user id, $2 kind, $3 random number in [0, 1) for the gold draw,
// $4 the new assignment's id. The actor of the `claimed` event is the worker's label (see
// `workerLabel`), read from their row.

/**
 * A pending task this worker may take, in queue order (batch priority, then task priority, then
 * oldest), of a batch served to them (see `BATCH_SERVED`). Written out in each candidate rather
 * than shared through a CTE: a CTE used twice is materialized, which would read every eligible task
 * instead of the first one. Each candidate's conditions imply the predicate of `tasks_claimable_idx`
 * (pending, live world, gold or a free slot), so it is read from that index, which holds no task
 * whose slots are all taken.
 *
 * The statement is prepared, so one plan serves each connection until the tables' statistics
 * change; it must stay right whatever they said when it was made. Hence `OFFSET 0` in the check
 * for the worker's own earlier assignment: it stays a lookup per candidate (task and worker, a
 * unique index) instead of becoming a join that a small table's statistics may turn into a read
 * of all the worker's assignments for every candidate.
 */
const eligibleTasks = (gold: boolean) => `
  SELECT t."id"
  FROM "tasks" t
  WHERE t."status" = 'pending' AND t."stage" = $2::text::task_stage AND NOT t."is_test"
    AND t."is_gold" = ${gold}
    AND NOT EXISTS (SELECT 1 FROM held)
    AND ${IN_SCOPE}
    AND ${NOT_WORKED}
    AND ${BATCH_SERVED}`;

const QUEUE_ORDER = `ORDER BY t."batch_priority" DESC, t."priority" DESC, t."created_at", t."id"`;

/**
 * One statement hands out the worker's next task, so a claim is a single round trip with no
 * interactive transaction around it:
 * - `held`: the assignment the worker already has (a reload resumes it, draft and all);
 * - `me`, `grants`, `reach`, `scope` (see `WORKER_SCOPE_CTES`): what the worker may claim, as a
 *   member of their organization and as a platform worker on projects that opted in;
 * - `gold`: whether this claim serves a gold task first, drawn against the highest gold rate of
 *   the projects in the worker's reach;
 * - the candidates: `FOR UPDATE SKIP LOCKED` passes over tasks another claim holds, and the slot
 *   check lives on the task row (`claims_open`): a row committed by another claimer since our
 *   snapshot is re-checked against its newest version before we take it, so a task never gets
 *   more workers than it needs. Gold tasks have no slot limit (every Tasker may answer them); the
 *   plain candidate is looked for only when no gold one was taken;
 * - then the slot is taken, the assignment written and the `claimed` event recorded;
 * - the result is the work item, of the held assignment or of the rows just written (the new
 *   assignment is not visible to the statement's own reads, so it is selected from `claimed`).
 */
const CLAIM_SQL = `
WITH held AS (
  SELECT a."id"
  FROM "task_assignments" a
  WHERE a."user_id" = $1::uuid AND a."kind" = $2::text::assignment_kind AND a."status" = 'active'
    AND a."lease_expires_at" > now()
  ORDER BY a."claimed_at"
  LIMIT 1
), ${WORKER_SCOPE_CTES}, gold AS (
  SELECT $2::text = 'annotate' AND $3::float8 < (SELECT gold_rate FROM scope) AS serve
), gold_candidate AS (
  ${eligibleTasks(true)}
    AND (SELECT serve FROM gold)
  ${QUEUE_ORDER}
  LIMIT 1
  FOR UPDATE OF t SKIP LOCKED
), plain_candidate AS (
  ${eligibleTasks(false)}
    AND NOT EXISTS (SELECT 1 FROM gold_candidate)
    -- A review takes the task's one review slot. Spelt as two conditions rather than one CASE so
    -- the first proves the index predicate (annotations_required is at least 1).
    AND t."claims_open" < t."annotations_required" AND ($2::text <> 'review' OR t."claims_open" < 1)
  ${QUEUE_ORDER}
  LIMIT 1
  FOR UPDATE OF t SKIP LOCKED
), taken AS (
  -- One id at most (the plain candidate is looked for only without a gold one): a key lookup.
  UPDATE "tasks" t SET "claims_open" = t."claims_open" + 1
  WHERE t."id" = (SELECT "id" FROM gold_candidate UNION ALL SELECT "id" FROM plain_candidate)
  RETURNING t."id", t."round", t."project_id", t."organization_id", t."type", t."instruction", t."params", t."response",
    t."agreement", t."annotations_required"
), claimed AS (
  INSERT INTO "task_assignments" ("id", "task_id", "user_id", "kind", "round", "status", "claimed_at", "lease_expires_at")
  SELECT $4::uuid, k."id", $1::uuid, $2::text::assignment_kind, k."round", 'active', now(),
    now() + make_interval(secs => COALESCE((SELECT p."lease_seconds" FROM "projects" p WHERE p."id" = k."project_id"), 600))
  FROM taken k
  RETURNING "id", "task_id", "kind", "lease_expires_at", "draft", "draft_saved_at"
), event AS (
  INSERT INTO "task_events" ("task_id", "type", "actor", "data")
  SELECT c."task_id", 'claimed', ${workerLabelSql("m", 'k."organization_id"', "$2::text")},
    jsonb_build_object('kind', $2::text)
  FROM claimed c JOIN taken k ON k."id" = c."task_id" CROSS JOIN me m
)
SELECT ${WORK_ITEM_COLUMNS}
FROM "task_assignments" a
JOIN "tasks" t ON t."id" = a."task_id"
LEFT JOIN "projects" p ON p."id" = t."project_id"
WHERE a."id" = (SELECT "id" FROM held)
UNION ALL
SELECT ${WORK_ITEM_COLUMNS}
FROM claimed a
JOIN taken t ON t."id" = a."task_id"
LEFT JOIN "projects" p ON p."id" = t."project_id"`;

/**
 * Hands the worker their next task: the one they already hold, or a newly claimed one; null when
 * nothing is available. The claim statement returns the work item itself, so a claim is one round
 * trip, run beside Prisma on the same pool as a prepared statement: planning this statement costs
 * more than running it.
 */
export const claimNext = async (
  db: Database,
  worker: Worker,
  kind: WorkKind,
  random = Math.random,
): Promise<WorkItem | null> => {
  requireRole(worker, kind);
  const [row] = await db.sql.query<WorkItemRow>(
    CLAIM_SQL,
    [worker.userId, kind, random(), randomUUID()],
    { preparedAs: "claim_next" },
  );
  return row ? toWorkItem(row) : null;
};
