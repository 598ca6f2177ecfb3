import { Prisma } from "@taskforge/db";
import type { TaskListQuery } from "@taskforge/schema";

import type { Scope } from "../../scope";
import type { ListNames } from "./list-names";

const range = (column: string, after: Date | undefined, before: Date | undefined) => [
  ...(after ? [Prisma.sql`${Prisma.raw(column)} >= ${after}::timestamptz`] : []),
  ...(before ? [Prisma.sql`${Prisma.raw(column)} <= ${before}::timestamptz`] : []),
];

/**
 * The filter of `taskListWhere` in SQL, for a `total` that `task_counts` cannot answer: Prisma's
 * `count` wraps the filter in `SELECT count(*) FROM (SELECT id … OFFSET 0)`, a subquery PostgreSQL
 * cannot split between parallel workers. The list tests check the filters agree (every filtered
 * page's total is its length).
 */
const listedTasksWhere = (
  scope: Scope,
  query: TaskListQuery,
  names: NonNullable<ListNames>,
): Prisma.Sql =>
  Prisma.join(
    [
      ...countedFilters(scope, query, names),
      ...(query.unique_id?.length
        ? [Prisma.sql`"unique_id" IN (${Prisma.join(query.unique_id)})`]
        : []),
      ...(query.tags?.length
        ? [Prisma.sql`"tags" @> ARRAY[${Prisma.join(query.tags)}]::text[]`]
        : []),
      ...range(`"created_at"`, query.start_time, query.end_time),
      ...range(`"completed_at"`, query.completed_after, query.completed_before),
      ...range(`"updated_at"`, query.updated_after, query.updated_before),
    ],
    " AND ",
  );

/** The filters `task_counts` is keyed by, in SQL over either table (the columns are named alike). */
const countedFilters = (scope: Scope, query: TaskListQuery, names: NonNullable<ListNames>) => [
  Prisma.sql`"organization_id" = ${scope.organizationId}::uuid`,
  Prisma.sql`"is_test" = ${scope.isTest}`,
  ...(query.status ? [Prisma.sql`"status" = ${query.status}::task_status`] : []),
  ...(query.type ? [Prisma.sql`"type" = ${query.type}`] : []),
  ...(names.projectId ? [Prisma.sql`"project_id" = ${names.projectId}::uuid`] : []),
  ...(names.batch ? [Prisma.sql`"batch_id" = ${names.batch.id}::uuid`] : []),
  ...(query.customer_review_status?.length
    ? [
        Prisma.sql`"customer_review_status" IN (${Prisma.join(
          query.customer_review_status.map((s) => Prisma.sql`${s}::customer_review_status`),
        )})`,
      ]
    : []),
];

/** Query keys that shape the page, not the set of matches. */
const PAGING_KEYS = new Set([
  "include_attachment_url",
  "limited_response",
  "base_url",
  "next_token",
  "offset",
  "limit",
]);
/** The filters `task_counts` is keyed by (tags: one at most). */
const COUNTED_KEYS = new Set([
  "status",
  "type",
  "project",
  "batch",
  "customer_review_status",
  "tags",
]);

/**
 * Whether `task_counts` can answer the query's total: every filter it sets is one the rows are
 * keyed by. Listed by what is counted, so a filter added later is counted exactly until added here.
 */
const answeredByTaskCounts = (query: TaskListQuery) =>
  (query.tags?.length ?? 0) <= 1 &&
  Object.entries(query).every(
    ([key, value]) => value === undefined || PAGING_KEYS.has(key) || COUNTED_KEYS.has(key),
  );

/**
 * `total` of `GET /v1/tasks`: a sum of the trigger-kept `task_counts` rows when the filters are
 * ones they are keyed by, else an exact count of the matching tasks.
 */
export const countListedTasks = async (
  scope: Scope,
  query: TaskListQuery,
  names: NonNullable<ListNames>,
): Promise<number> => {
  const [row] = answeredByTaskCounts(query)
    ? await scope.db.prisma.$queryRaw<{ total: bigint }[]>`
        SELECT COALESCE(sum("tasks"), 0)::bigint AS "total" FROM "task_counts"
        WHERE ${Prisma.join(countedFilters(scope, query, names), " AND ")}
          AND "tag" = ${query.tags?.[0] ?? ""}`
    : await scope.db.prisma.$queryRaw<{ total: bigint }[]>`
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
