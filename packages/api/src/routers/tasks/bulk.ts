import {
  BulkAddTagsInputSchema,
  BulkCancelInputSchema,
  BulkGetTasksResponseSchema,
  BulkTaskIdsInputSchema,
  BulkTaskResultsSchema,
} from "@taskforge/schema";

import { addTagsToTasks, cancelTasks, getTasks } from "../../services/tasks/bulk";
import { orgProcedureFor } from "../../trpc";

/** Cancels each task that can be; the others are reported with the reason, per task. */
export const cancelManyTasksProcedure = orgProcedureFor("manage_work")
  .input(BulkCancelInputSchema)
  .output(BulkTaskResultsSchema)
  .mutation(({ ctx, input }) => cancelTasks(ctx.scope, input));

/** Adds tags to each task; a task that would exceed 5 tags is reported and left unchanged. */
export const addTagsManyTasksProcedure = orgProcedureFor("manage_work")
  .input(BulkAddTagsInputSchema)
  .output(BulkTaskResultsSchema)
  .mutation(({ ctx, input }) => addTagsToTasks(ctx.scope, input));

/**
 * Several tasks' public objects at once (the dashboard's export of a selection). A mutation only so
 * that it travels as a POST body: a thousand ids do not fit in a GET query string.
 */
export const getManyTasksProcedure = orgProcedureFor("read")
  .input(BulkTaskIdsInputSchema)
  .output(BulkGetTasksResponseSchema)
  .mutation(({ ctx, input }) => getTasks(ctx.scope, input.task_ids));
