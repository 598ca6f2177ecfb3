import { z } from "zod";

import { TagListInputSchema, TaskIdSchema } from "./common";
import { ErrorCodeSchema } from "./errors";
import { TaskSchema } from "./task";

/** How many tasks one bulk call may name; the dashboard's selection never exceeds a page (100). */
export const MAX_BULK_TASK_IDS = 1000;

const TaskIdListSchema = z
  .array(TaskIdSchema)
  .min(1, { error: "must list at least one task id" })
  .max(MAX_BULK_TASK_IDS, { error: `must list at most ${MAX_BULK_TASK_IDS} task ids` });

export const BulkTaskIdsInputSchema = z.strictObject({ task_ids: TaskIdListSchema });
export type BulkTaskIdsInput = z.infer<typeof BulkTaskIdsInputSchema>;

export const BulkCancelInputSchema = z.strictObject({
  task_ids: TaskIdListSchema,
  clear_unique_id: z.boolean().default(false),
});
export type BulkCancelInput = z.output<typeof BulkCancelInputSchema>;

export const BulkAddTagsInputSchema = z.strictObject({
  task_ids: TaskIdListSchema,
  tags: TagListInputSchema,
});
export type BulkAddTagsInput = z.infer<typeof BulkAddTagsInputSchema>;

/**
 * The outcome for one task of a bulk change. Some tasks of a selection may legitimately refuse
 * (a completed task cannot be canceled; a sixth tag does not fit), so failures are reported per task
 * instead of failing the whole call. A foreign or missing id is `not_found`, like a single call.
 */
export const BulkTaskResultSchema = z.object({
  task_id: z.string(),
  ok: z.boolean(),
  error: z.object({ code: ErrorCodeSchema, message: z.string() }).optional(),
});
export type BulkTaskResult = z.infer<typeof BulkTaskResultSchema>;

export const BulkTaskResultsSchema = z.object({
  results: z.array(BulkTaskResultSchema),
  succeeded: z.int().nonnegative(),
  failed: z.int().nonnegative(),
});
export type BulkTaskResults = z.infer<typeof BulkTaskResultsSchema>;

/** Public task objects in the order asked for; ids that are not the caller's are `not_found`. */
export const BulkGetTasksResponseSchema = z.object({
  docs: z.array(TaskSchema),
  not_found: z.array(z.string()),
});
export type BulkGetTasksResponse = z.infer<typeof BulkGetTasksResponseSchema>;
