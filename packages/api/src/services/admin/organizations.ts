import type { OrganizationSummary } from "@taskforge/schema";

import type { DbClient } from "../../db-client";

export type TaskCounts = OrganizationSummary["live_tasks"];

const emptyCounts = (): TaskCounts => ({
  pending: 0,
  completed: 0,
  canceled: 0,
  error: 0,
  total: 0,
});

/**
 * Every organization of the installation with its members and task counts: the platform admin's
 * overview. Three grouped queries, whatever the number of organizations or tasks.
 */
export const listOrganizations = async (tx: DbClient): Promise<OrganizationSummary[]> => {
  const [organizations, members, tasks] = await Promise.all([
    tx.organization.findMany({
      select: { id: true, name: true, createdAt: true },
      orderBy: { createdAt: "desc" },
    }),
    tx.$queryRaw<{ organizationId: string; members: number; owners: number }[]>`
      SELECT organization_id::text AS "organizationId", count(*)::int AS members,
        (count(*) FILTER (WHERE 'owner' = ANY(org_roles)))::int AS owners
      FROM users WHERE organization_id IS NOT NULL GROUP BY organization_id`,
    // From the counters kept by the database (tag "" counts every task), not a scan of all tasks.
    tx.taskCount.groupBy({
      by: ["organizationId", "isTest", "status"],
      where: { tag: "" },
      _sum: { tasks: true },
    }),
  ]);
  const summaries = new Map(
    organizations.map((o) => [
      o.id,
      {
        id: o.id,
        name: o.name,
        created_at: o.createdAt.toISOString(),
        member_count: 0,
        owner_count: 0,
        live_tasks: emptyCounts(),
        test_tasks: emptyCounts(),
      } satisfies OrganizationSummary,
    ]),
  );
  for (const row of members) {
    const summary = summaries.get(row.organizationId);
    if (!summary) continue;
    summary.member_count = row.members;
    summary.owner_count = row.owners;
  }
  for (const row of tasks) {
    const summary = summaries.get(row.organizationId);
    if (!summary) continue;
    const counts = row.isTest ? summary.test_tasks : summary.live_tasks;
    const count = Number(row._sum.tasks ?? 0);
    counts[row.status] += count;
    counts.total += count;
  }
  return [...summaries.values()];
};
