import type { Task, TaskListQueryInput, TaskListResponse } from "@taskforge/schema";

/** The task list filters the CLI exposes, by flag; shared by `tasks list` and `export`. */
export type TaskFilterFlags = {
  status?: string;
  type?: string;
  project?: string;
  batch?: string;
  tag?: string[];
  uniqueId?: string[];
  reviewStatus?: string[];
  createdAfter?: string;
  createdBefore?: string;
  completedAfter?: string;
  completedBefore?: string;
  updatedAfter?: string;
  updatedBefore?: string;
};

export type TaskFilters = Omit<TaskListQueryInput, "limit" | "next_token" | "offset">;

/** Flags in the API's names (`created_after` is Scale's `start_time`); unset flags are left out. */
export const filtersFromFlags = (flags: TaskFilterFlags): TaskFilters => {
  const filters: TaskFilters = {
    status: flags.status as TaskFilters["status"],
    type: flags.type,
    project: flags.project,
    batch: flags.batch,
    tags: flags.tag?.length ? flags.tag : undefined,
    unique_id: flags.uniqueId?.length ? flags.uniqueId : undefined,
    customer_review_status: flags.reviewStatus?.length ? flags.reviewStatus : undefined,
    start_time: flags.createdAfter,
    end_time: flags.createdBefore,
    completed_after: flags.completedAfter,
    completed_before: flags.completedBefore,
    updated_after: flags.updatedAfter,
    updated_before: flags.updatedBefore,
  };
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined));
};

export type ListPage = (query: TaskListQueryInput) => Promise<TaskListResponse>;

/**
 * Tasks matching the filters, page by page over `next_token`: `limit` in all, or every one with
 * `all`. Yields as pages arrive, so `--all` on a large workspace prints without holding it.
 */
export async function* listTasks(
  listPage: ListPage,
  filters: TaskFilters,
  options: { limit: number; all: boolean; pageSize: number },
): AsyncGenerator<Task> {
  let remaining = options.all ? Infinity : options.limit;
  let nextToken: string | undefined;
  while (remaining > 0) {
    const page = await listPage({
      ...filters,
      limit: Math.min(options.pageSize, remaining),
      ...(nextToken ? { next_token: nextToken } : {}),
    });
    for (const task of page.docs.slice(0, remaining)) yield task;
    remaining -= page.docs.length;
    if (!page.has_more || !page.next_token) return;
    nextToken = page.next_token;
  }
}

export const TABLE_COLUMNS = ["ID", "TYPE", "STATUS", "CREATED", "PROJECT", "BATCH", "UNIQUE ID"];

export const tableRow = (task: Task): string[] => [
  task.task_id,
  task.type,
  task.status,
  task.created_at.replace(/\.\d+Z$/, "Z"),
  task.project ?? "",
  task.batch ?? "",
  task.unique_id ?? "",
];

/**
 * Columns padded to their widest cell. `--all` prints a block per 100 rows (header on the first
 * only) so rows appear as they come instead of after the last page.
 */
export const formatTable = (rows: string[][], withHeader = true): string => {
  const widths = TABLE_COLUMNS.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const format = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  return [...(withHeader ? [format(TABLE_COLUMNS)] : []), ...rows.map(format)].join("\n");
};
