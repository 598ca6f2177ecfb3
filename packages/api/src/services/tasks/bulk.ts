import type {
  BulkAddTagsInput,
  BulkCancelInput,
  BulkGetTasksResponse,
  BulkTaskResult,
  BulkTaskResults,
} from "@taskforge/schema";

import { AppError } from "../../errors";
import type { Scope } from "../../scope";
import { worldOf } from "../../scope";
import { publicTaskSelect, toPublicTask } from "./task-mapper";
import { addTaskTags, cancelTask } from "./update-task";

/**
 * Applies a single-task operation to each id in turn and reports each outcome. Every task keeps its
 * own transaction and rules (the single-task service is the one place they live), so one refusal
 * does not undo or block the others. Domain refusals become per-task errors; anything unexpected
 * still fails the call. Ids run one after another: a selection is at most a page or two, and
 * sequential transactions cannot contend with each other over a shared batch row.
 */
const forEachTask = async (
  taskIds: readonly string[],
  operation: (taskId: string) => Promise<unknown>,
): Promise<BulkTaskResults> => {
  const results: BulkTaskResult[] = [];
  for (const taskId of new Set(taskIds)) {
    try {
      await operation(taskId);
      results.push({ task_id: taskId, ok: true });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({
        task_id: taskId,
        ok: false,
        error: { code: error.code, message: error.message },
      });
    }
  }
  const succeeded = results.filter((result) => result.ok).length;
  return { results, succeeded, failed: results.length - succeeded };
};

/** Cancels each task under `cancelTask`'s rules (only pending ones; canceled ones are a no-op). */
export const cancelTasks = (scope: Scope, input: BulkCancelInput): Promise<BulkTaskResults> =>
  forEachTask(input.task_ids, (taskId) =>
    cancelTask(scope, { task_id: taskId, clear_unique_id: input.clear_unique_id }),
  );

/** Adds the tags to each task under `addTaskTags`'s rules (at most 5 tags per task). */
export const addTagsToTasks = (scope: Scope, input: BulkAddTagsInput): Promise<BulkTaskResults> =>
  forEachTask(input.task_ids, (taskId) => addTaskTags(scope, taskId, input.tags));

/** The public objects of the caller's tasks among `taskIds`, in the order given, for export. */
export const getTasks = async (
  scope: Scope,
  taskIds: readonly string[],
): Promise<BulkGetTasksResponse> => {
  const ids = [...new Set(taskIds)];
  const rows = await scope.db.prisma.task.findMany({
    where: { ...worldOf(scope), id: { in: ids } },
    select: publicTaskSelect,
    relationLoadStrategy: "join",
  });
  const byId = new Map(rows.map((row) => [row.id, toPublicTask(row)]));
  return {
    docs: ids.flatMap((id) => byId.get(id) ?? []),
    not_found: ids.filter((id) => !byId.has(id)),
  };
};
