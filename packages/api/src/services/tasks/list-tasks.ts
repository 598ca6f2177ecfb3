import { decodeListCursor, encodeListCursor } from "@taskforge/schema";
import type { TaskListQuery, TaskListResponse } from "@taskforge/schema";
import type { Prisma } from "@taskforge/db";

import { badRequest } from "../../errors";
import type { Scope } from "../../scope";
import { withAttachmentUrls } from "./attachment-urls";
import { countListedTasks, countListedTasksWithNewest } from "./count-listed-tasks";
import { resolveListNames } from "./list-names";
import type { ListNames } from "./list-names";
import { publicTaskSelect, toPublicTask } from "./task-mapper";

const range = (
  after: Date | undefined,
  before: Date | undefined,
): Prisma.DateTimeFilter | undefined =>
  after || before
    ? { ...(after ? { gte: after } : {}), ...(before ? { lte: before } : {}) }
    : undefined;

/**
 * Every filter of `GET /v1/tasks`, always inside the caller's organization and world, with the
 * project and batch names already resolved to ids (see `resolveListNames`). `countListedTasks`
 * repeats it in SQL for `total`.
 */
export const taskListWhere = (
  scope: Scope,
  query: TaskListQuery,
  names: NonNullable<ListNames>,
): Prisma.TaskWhereInput => ({
  organizationId: scope.organizationId,
  isTest: scope.isTest,
  ...(query.status ? { status: query.status } : {}),
  ...(query.type ? { type: query.type } : {}),
  ...(names.projectId ? { projectId: names.projectId } : {}),
  ...(names.batch ? { batchId: names.batch.id } : {}),
  ...(query.customer_review_status?.length
    ? { customerReviewStatus: { in: query.customer_review_status } }
    : {}),
  ...(query.unique_id?.length ? { uniqueId: { in: query.unique_id } } : {}),
  // Tags match when the task has all of them (Scale leaves AND/OR unsaid; AND narrows as users expect).
  ...(query.tags?.length ? { tags: { hasEvery: query.tags } } : {}),
  ...((r) => (r ? { createdAt: r } : {}))(range(query.start_time, query.end_time)),
  ...((r) => (r ? { completedAt: r } : {}))(range(query.completed_after, query.completed_before)),
  ...((r) => (r ? { updatedAt: r } : {}))(range(query.updated_after, query.updated_before)),
});

const decodeToken = (token: string) => {
  const cursor = decodeListCursor(token);
  if (!cursor)
    throw badRequest("next_token is not a token this server returned.", [
      { path: ["next_token"], message: "invalid token" },
    ]);
  return cursor;
};

/**
 * Newest first, `limit` per page, with an opaque keyset `next_token` (created_at, task_id) so deep
 * pages cost the same as the first. `offset` paging is kept for Scale's older SDKs. `total` counts
 * every match, not the page; the token carries it, so the pages after the first answer the count
 * made for the first (tasks created or changed during the walk do not change it).
 */
export const listTasks = async (scope: Scope, query: TaskListQuery): Promise<TaskListResponse> => {
  const cursor = query.next_token ? decodeToken(query.next_token) : null;
  const offset = query.offset ?? 0;
  const names = await resolveListNames(scope, query);
  if (!names) return { docs: [], total: 0, limit: query.limit, offset, has_more: false };
  const where = taskListWhere(scope, query, names);
  // `created_at <= cursor` repeats what the OR implies so the planner can start the index scan at
  // the cursor: without it a deep page reads every row above the cursor and throws them away.
  const pageWhere: Prisma.TaskWhereInput = cursor
    ? {
        AND: [
          where,
          { createdAt: { lte: cursor.created_at } },
          {
            OR: [
              { createdAt: { lt: cursor.created_at } },
              { createdAt: cursor.created_at, id: { lt: cursor.id } },
            ],
          },
        ],
      }
    : where;
  const page = (filter: Prisma.TaskWhereInput) =>
    scope.db.prisma.task.findMany({
      where: filter,
      select: publicTaskSelect,
      relationLoadStrategy: "join",
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: offset,
      take: query.limit + 1,
    });
  let rows: Awaited<ReturnType<typeof page>>;
  let total: number;
  if (cursor?.total !== undefined) {
    // A page reached by next_token answers the total counted for the first page (a snapshot of the
    // walk, like the cursor itself): walking a large list then costs one count, not one per page.
    rows = await page(pageWhere);
    total = cursor.total;
  } else if (query.completed_after || query.completed_before) {
    // Tasks complete soon after they are created, which the planner cannot know: it walks
    // tasks_org_created_idx from the newest task expecting completions spread evenly, and for a
    // window months back reads hundreds of thousands of rows before the first match. The count
    // comes first here, with the newest match's created_at, and the page walk starts there.
    const counted = await countListedTasksWithNewest(scope, query, names);
    total = counted.total;
    rows = counted.newestCreatedAt
      ? await page({ AND: [pageWhere, { createdAt: { lte: counted.newestCreatedAt } }] })
      : [];
  } else {
    [rows, total] = await Promise.all([page(pageWhere), countListedTasks(scope, query, names)]);
  }
  const hasMore = rows.length > query.limit;
  const tasks = rows.slice(0, query.limit).map(toPublicTask);
  const docs = query.include_attachment_url
    ? await withAttachmentUrls(scope, tasks, query.base_url)
    : tasks;
  const last = docs.at(-1);
  return {
    docs,
    total,
    limit: query.limit,
    offset,
    has_more: hasMore,
    ...(hasMore && last
      ? { next_token: encodeListCursor({ id: last.task_id, created_at: last.created_at, total }) }
      : {}),
  };
};
