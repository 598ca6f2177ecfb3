import type { WorkerStatsInputSchema } from "@taskforge/schema";
import type { WorkerStats } from "@taskforge/schema";
import type { Database } from "@taskforge/db";
import { canWork } from "@taskforge/schema";
import type { z } from "zod";

import { AppError } from "../../errors";
import { BATCH_SERVED, IN_SCOPE, NOT_WORKED, WORKER_SCOPE_CTES } from "./eligible";
import type { Worker } from "./worker";

const RECENT_LIMIT = 20;

const startOfUtcDay = (now: Date) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));

/**
 * Tasks waiting in this worker's annotate queue: the claim's own conditions (pending, annotate
 * stage, live world, a free slot, in the worker's reach as a member or a platform worker, not yet
 * their turn this round, batch served to them), counted without locking anything.
 */
const QUEUE_COUNT_SQL = `
WITH ${WORKER_SCOPE_CTES}
SELECT count(*)::int AS "count"
FROM "tasks" t
WHERE t."status" = 'pending' AND t."stage" = 'annotate' AND NOT t."is_test"
  AND (t."is_gold" OR t."claims_open" < t."annotations_required")
  AND ${IN_SCOPE}
  AND ${NOT_WORKED}
  AND ${BATCH_SERVED}`;

/** For each of the worker's submitted annotations, the result of the first review that followed. */
const REVIEWED_SQL = `
SELECT r."result"::text AS "result", count(*)::int AS "count"
FROM (
  SELECT DISTINCT ON (a."id") au."result"
  FROM "task_assignments" a
  JOIN "audits" au ON au."task_id" = a."task_id" AND au."source" = 'scale'
    AND au."audited_at" >= a."submitted_at"
  WHERE a."user_id" = $1::uuid AND a."kind" = 'annotate' AND a."status" = 'submitted'
  ORDER BY a."id", au."audited_at"
) r
GROUP BY r."result"`;

export const workerStats = async (
  db: Database,
  worker: Worker,
  input: z.infer<typeof WorkerStatsInputSchema> = {},
  now = new Date(),
): Promise<WorkerStats> => {
  if (!canWork(worker, "annotate") && !canWork(worker, "review"))
    throw new AppError("forbidden", "This account is not an annotator or reviewer.");
  const prisma = db.prisma;
  const since = input.today_start ? new Date(input.today_start) : startOfUtcDay(now);
  const mine = { userId: worker.userId, kind: "annotate" as const, status: "submitted" as const };
  const [today, total, queue, reviewed, gold, recent] = await Promise.all([
    prisma.taskAssignment.count({ where: { ...mine, submittedAt: { gte: since } } }),
    prisma.taskAssignment.count({ where: mine }),
    prisma.$queryRawUnsafe<{ count: number }[]>(QUEUE_COUNT_SQL, worker.userId, "annotate"),
    prisma.$queryRawUnsafe<{ result: string; count: number }[]>(REVIEWED_SQL, worker.userId),
    prisma.taskerProjectStats.findMany({
      where: { userId: worker.userId, goldCount: { gt: 0 } },
      select: {
        projectId: true,
        goldCount: true,
        goldScoreSum: true,
        project: { select: { name: true } },
      },
      orderBy: { project: { name: "asc" } },
    }),
    prisma.taskAssignment.findMany({
      where: { userId: worker.userId },
      orderBy: [{ claimedAt: "desc" }, { id: "desc" }],
      take: RECENT_LIMIT,
      select: {
        id: true,
        taskId: true,
        kind: true,
        status: true,
        claimedAt: true,
        submittedAt: true,
        workSeconds: true,
        task: { select: { type: true, project: { select: { name: true } } } },
      },
    }),
  ]);
  const decided = (result: string) => reviewed.find((r) => r.result === result)?.count ?? 0;
  return {
    submitted_today: today,
    submitted_total: total,
    pending_in_queue: queue[0]?.count ?? 0,
    reviewed: {
      accepted: decided("accepted"),
      fixed: decided("fixed"),
      rejected: decided("rejected"),
    },
    gold: gold.map((g) => ({
      project_id: g.projectId,
      project: g.project.name,
      gold_count: g.goldCount,
      accuracy: g.goldScoreSum / g.goldCount,
    })),
    recent: recent.map((a) => ({
      assignment_id: a.id,
      task_id: a.taskId,
      type: a.task.type,
      kind: a.kind,
      status: a.status,
      project: a.task.project?.name ?? null,
      claimed_at: a.claimedAt.toISOString(),
      submitted_at: a.submittedAt?.toISOString() ?? null,
      work_seconds: a.workSeconds,
    })),
  };
};
