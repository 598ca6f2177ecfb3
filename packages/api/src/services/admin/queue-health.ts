import type { PendingByProject, QueueHealth } from "@taskforge/schema";

import type { DbClient } from "../../db-client";

const ageSeconds = (since: Date | null, now: Date) =>
  since ? Math.max(0, Math.floor((now.getTime() - since.getTime()) / 1000)) : null;

/**
 * The work queue and the callback outbox at a glance, across every organization: what waits, what
 * is being worked on, what is stuck. Counts only (grouped in the database), never task contents.
 */
export const getQueueHealth = async (tx: DbClient, now = new Date()): Promise<QueueHealth> => {
  const [pendingGroups, active, expired, callbackGroups, oldestCallback] = await Promise.all([
    tx.task.groupBy({
      by: ["organizationId", "isTest", "projectId", "type", "stage"],
      where: { status: "pending" },
      _count: { _all: true },
      _min: { createdAt: true },
    }),
    tx.taskAssignment.count({ where: { status: "active", leaseExpiresAt: { gt: now } } }),
    tx.taskAssignment.count({ where: { status: "active", leaseExpiresAt: { lte: now } } }),
    tx.callbackDelivery.groupBy({
      by: ["status"],
      where: { status: { in: ["pending", "failed"] } },
      _count: { _all: true },
    }),
    tx.callbackDelivery.aggregate({
      where: { status: "pending" },
      _min: { createdAt: true },
    }),
  ]);
  const retrying = await tx.callbackDelivery.count({
    where: { status: "pending", attempts: { gt: 0 } },
  });

  const projectIds = [...new Set(pendingGroups.flatMap((g) => g.projectId ?? []))];
  const organizationIds = [...new Set(pendingGroups.map((g) => g.organizationId))];
  const [projects, organizations] = await Promise.all([
    tx.project.findMany({
      where: { id: { in: projectIds } },
      select: { id: true, name: true, platformWorkforce: true },
    }),
    tx.organization.findMany({
      where: { id: { in: organizationIds } },
      select: { id: true, name: true },
    }),
  ]);
  const projectName = new Map(projects.map((p) => [p.id, p.name]));
  const openToPlatform = new Set(projects.filter((p) => p.platformWorkforce).map((p) => p.id));
  const organizationName = new Map(organizations.map((o) => [o.id, o.name]));

  // The database groups by stage too; the page shows one row per project and type with both stages.
  const rows = new Map<string, PendingByProject & { oldest: Date }>();
  for (const group of pendingGroups) {
    const key = [group.organizationId, group.isTest, group.projectId ?? "", group.type].join("|");
    const oldest = group._min.createdAt ?? now;
    const row = rows.get(key) ?? {
      project_id: group.projectId,
      project_name: group.projectId ? (projectName.get(group.projectId) ?? null) : null,
      platform_workforce: group.projectId !== null && openToPlatform.has(group.projectId),
      organization_id: group.organizationId,
      organization_name: organizationName.get(group.organizationId) ?? "",
      is_test: group.isTest,
      type: group.type,
      pending: 0,
      annotate: 0,
      review: 0,
      oldest_created_at: oldest.toISOString(),
      oldest,
    };
    row.pending += group._count._all;
    row[group.stage] += group._count._all;
    if (oldest < row.oldest) {
      row.oldest = oldest;
      row.oldest_created_at = oldest.toISOString();
    }
    rows.set(key, row);
  }
  const byProject = [...rows.values()]
    .sort((a, b) => b.pending - a.pending || a.oldest.getTime() - b.oldest.getTime())
    .map(({ oldest: _oldest, ...row }) => row);
  const oldestPending = [...rows.values()].reduce<Date | null>(
    (min, row) => (!min || row.oldest < min ? row.oldest : min),
    null,
  );
  const countOf = (status: "pending" | "failed") =>
    callbackGroups.find((g) => g.status === status)?._count._all ?? 0;
  const oldestCallbackAt = oldestCallback._min.createdAt;

  return {
    generated_at: now.toISOString(),
    pending_total: byProject.reduce((sum, row) => sum + row.pending, 0),
    oldest_pending_at: oldestPending?.toISOString() ?? null,
    oldest_pending_age_seconds: ageSeconds(oldestPending, now),
    pending_by_project: byProject,
    active_leases: active,
    expired_leases_awaiting_sweep: expired,
    callbacks: {
      pending: countOf("pending"),
      retrying,
      failed: countOf("failed"),
      oldest_pending_at: oldestCallbackAt?.toISOString() ?? null,
      oldest_pending_age_seconds: ageSeconds(oldestCallbackAt, now),
    },
  };
};
