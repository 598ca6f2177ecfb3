import { Prisma } from "@taskforge/db";
import type { TaskStatus } from "@taskforge/schema";

import type { Scope } from "../../scope";

export type StatusCount = { ownerId: string; status: TaskStatus; count: number };

/**
 * How many tasks of each status the given projects or batches hold, from `task_counts` (its tag ""
 * rows count every task): a sum over a few rows per owner, where a count over the tasks took
 * hundreds of milliseconds for a project of half a million. Statuses without a task are left out.
 */
export const countTasksByStatus = async (
  scope: Scope,
  owner: "project" | "batch",
  ids: readonly string[],
): Promise<StatusCount[]> => {
  if (ids.length === 0) return [];
  const column = Prisma.raw(owner === "project" ? `"project_id"` : `"batch_id"`);
  const rows = await scope.db.prisma.$queryRaw<
    { owner_id: string; status: TaskStatus; count: bigint }[]
  >`
    SELECT ${column}::text AS "owner_id", "status"::text AS "status", sum("tasks")::bigint AS "count"
    FROM "task_counts"
    WHERE "organization_id" = ${scope.organizationId}::uuid AND "is_test" = ${scope.isTest}
      AND "tag" = '' AND ${column} = ANY(${[...ids]}::uuid[])
    GROUP BY 1, 2
    HAVING sum("tasks") <> 0`;
  return rows.map((r) => ({ ownerId: r.owner_id, status: r.status, count: Number(r.count) }));
};
