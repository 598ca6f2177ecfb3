import { Prisma } from "@taskforge/db";
import type { TaskListQuery } from "@taskforge/schema";

import type { Scope } from "../../scope";
import type { ListNames } from "./list-names";

const range = (column: string, after: Date | undefined, before: Date | undefined) => [
  ...(after ? [Prisma.sql`${Prisma.raw(column)} >= ${after}::timestamptz`] : []),
  ...(before ? [Prisma.sql`${Prisma.raw(column)} <= ${before}::timestamptz`] : []),
];

/**
 * The filter of `taskListWhere` in SQL, for `total`: Prisma's `count` wraps the filter in
 * `SELECT count(*) FROM (SELECT id … OFFSET 0)`, a subquery PostgreSQL cannot split between
 * parallel workers, and counting hundreds of thousands of index entries is then up to twice as
 * slow. The list tests check the two filters agree (every filtered page's total is its length).
 */
const listedTasksWhere = (
  scope: Scope,
  query: TaskListQuery,
  names: NonNullable<ListNames>,
): Prisma.Sql => {
  // Task creation puts a batch's tasks in the batch's project, so the project id changes no count;
  // it lets a batch's count read tasks_org_project_batch_idx by its whole key. (The page filters by
  // batch id alone: the planner, unaware the two go together, would misjudge the pair.)
  const projectId = names.projectId ?? names.batch?.projectId;
  const conditions = [
    Prisma.sql`"organization_id" = ${scope.organizationId}::uuid`,
    Prisma.sql`"is_test" = ${scope.isTest}`,
    ...(query.status ? [Prisma.sql`"status" = ${query.status}::task_status`] : []),
    ...(query.type ? [Prisma.sql`"type" = ${query.type}`] : []),
    ...(projectId ? [Prisma.sql`"project_id" = ${projectId}::uuid`] : []),
    ...(names.batch ? [Prisma.sql`"batch_id" = ${names.batch.id}::uuid`] : []),
    ...(query.customer_review_status?.length
      ? [
          Prisma.sql`"customer_review_status" IN (${Prisma.join(
            query.customer_review_status.map((s) => Prisma.sql`${s}::customer_review_status`),
          )})`,
        ]
      : []),
    ...(query.unique_id?.length
      ? [Prisma.sql`"unique_id" IN (${Prisma.join(query.unique_id)})`]
      : []),
    ...(query.tags?.length
      ? [Prisma.sql`"tags" @> ARRAY[${Prisma.join(query.tags)}]::text[]`]
      : []),
    ...range(`"created_at"`, query.start_time, query.end_time),
    ...range(`"completed_at"`, query.completed_after, query.completed_before),
    ...range(`"updated_at"`, query.updated_after, query.updated_before),
  ];
  return Prisma.join(conditions, " AND ");
};

/** `total` of `GET /v1/tasks`. */
export const countListedTasks = async (
  scope: Scope,
  query: TaskListQuery,
  names: NonNullable<ListNames>,
): Promise<number> => {
  const [row] = await scope.db.prisma.$queryRaw<{ total: bigint }[]>`
    SELECT count(*) AS "total" FROM "tasks" WHERE ${listedTasksWhere(scope, query, names)}`;
  return Number(row?.total ?? 0);
};

/**
 * `total` and the newest match's `created_at`, in one pass over the matches. For a completion
 * window, tasks_org_completed_idx holds both, so this reads only the window's index entries.
 */
export const countListedTasksWithNewest = async (
  scope: Scope,
  query: TaskListQuery,
  names: NonNullable<ListNames>,
): Promise<{ total: number; newestCreatedAt: Date | null }> => {
  const [row] = await scope.db.prisma.$queryRaw<{ total: bigint; newest: Date | null }[]>`
    SELECT count(*) AS "total", max("created_at") AS "newest" FROM "tasks"
    WHERE ${listedTasksWhere(scope, query, names)}`;
  return { total: Number(row?.total ?? 0), newestCreatedAt: row?.newest ?? null };
};
