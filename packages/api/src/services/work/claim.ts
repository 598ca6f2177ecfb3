import { randomUUID } from "node:crypto";

import type { Database } from "@taskforge/db";

import type { DbClient } from "../../db-client";
import { recordTaskEvent } from "../tasks/history";
import { eligibility } from "./workforce";
import { loadWorkItem } from "./work-item";
import type { WorkItem } from "./work-item";
import { requireRole } from "./worker";
import type { Worker, WorkKind } from "./worker";

/**
 * One statement claims the next task: the highest-priority eligible pending task (batch priority,
 * then task priority, then oldest) that this worker has never touched and that still needs a worker.
 * `FOR UPDATE SKIP LOCKED` passes over tasks another claim holds, and the slot check lives on the
 * task row (`claims_open`): a row committed by another claimer since our snapshot is re-checked
 * against its newest version before we take it, so a task never gets more workers than it needs.
 */
const CLAIM_SQL = `
WITH candidate AS (
  SELECT t."id"
  FROM "tasks" t
  WHERE t."status" = 'pending' AND t."stage" = $2::task_stage AND NOT t."is_test" AND t."is_gold" = $6
    AND (t."is_gold" OR t."claims_open" < CASE WHEN $2 = 'review' THEN 1 ELSE t."annotations_required" END)
    AND (t."project_id" = ANY($3::uuid[]) OR t."type" = ANY($4::text[]))
    AND (t."project_id" IS NULL OR NOT t."project_id" = ANY($5::uuid[]))
    AND NOT EXISTS (SELECT 1 FROM "task_assignments" a WHERE a."task_id" = t."id" AND a."user_id" = $1::uuid)
    AND (t."batch_id" IS NULL OR EXISTS (
      SELECT 1 FROM "batches" b WHERE b."id" = t."batch_id" AND b."status" <> 'staging'))
  ORDER BY t."batch_priority" DESC, t."priority" DESC, t."created_at", t."id"
  LIMIT 1
  FOR UPDATE OF t SKIP LOCKED
), taken AS (
  UPDATE "tasks" t SET "claims_open" = t."claims_open" + 1
  FROM candidate c WHERE t."id" = c."id"
  RETURNING t."id", t."round", t."project_id"
)
INSERT INTO "task_assignments" ("id", "task_id", "user_id", "kind", "round", "status", "claimed_at", "lease_expires_at")
SELECT $7::uuid, k."id", $1::uuid, $2::text::assignment_kind, k."round", 'active', now(),
  now() + make_interval(secs => COALESCE((SELECT p."lease_seconds" FROM "projects" p WHERE p."id" = k."project_id"), 600))
FROM taken k
RETURNING "id", "task_id"`;

type Claimed = { id: string; task_id: string };

const claimOne = async (
  tx: DbClient,
  worker: Worker,
  kind: WorkKind,
  scope: Awaited<ReturnType<typeof eligibility>>,
  gold: boolean,
) => {
  const [claimed] = await tx.$queryRawUnsafe<Claimed[]>(
    CLAIM_SQL,
    worker.userId,
    kind,
    scope.projectIds,
    scope.taskTypes,
    scope.excludedProjectIds,
    gold,
    randomUUID(),
  );
  return claimed;
};

/** The gold rate of the worker's projects: how often a claim serves a gold task first. */
const goldRateFor = async (tx: DbClient, projectIds: string[]) => {
  if (!projectIds.length) return 0;
  const projects = await tx.project.findMany({
    where: { id: { in: projectIds } },
    select: { goldRate: true },
  });
  return Math.max(0, ...projects.map((p) => p.goldRate));
};

/**
 * Hands the worker their next task: the one they already hold (so a reload resumes it, draft and
 * all), or a newly claimed one; null when nothing is available.
 */
export const claimNext = async (
  db: Database,
  worker: Worker,
  kind: WorkKind,
  random = Math.random,
): Promise<WorkItem | null> => {
  requireRole(worker, kind);
  return db.prisma.$transaction(async (tx) => {
    const held = await tx.taskAssignment.findFirst({
      where: { userId: worker.userId, kind, status: "active", leaseExpiresAt: { gt: new Date() } },
      select: { id: true },
      orderBy: { claimedAt: "asc" },
    });
    if (held) return loadWorkItem(tx, held.id);
    const scope = await eligibility(tx, worker.userId, kind);
    if (!scope.projectIds.length && !scope.taskTypes.length) return null;
    const serveGold = kind === "annotate" && random() < (await goldRateFor(tx, scope.projectIds));
    const claimed =
      (serveGold ? await claimOne(tx, worker, kind, scope, true) : undefined) ??
      (await claimOne(tx, worker, kind, scope, false));
    if (!claimed) return null;
    await recordTaskEvent(tx, claimed.task_id, "claimed", worker.email, { kind });
    return loadWorkItem(tx, claimed.id);
  });
};
