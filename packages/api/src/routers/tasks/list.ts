import {
  LimitedTaskListResponseSchema,
  TaskListQuerySchema,
  TaskListResponseSchema,
} from "@taskforge/schema";

import { listTasks } from "../../services/tasks";
import { orgProcedureFor } from "../../trpc";

export const listTasksProcedure = orgProcedureFor("read")
  .input(TaskListQuerySchema)
  .output(TaskListResponseSchema)
  .query(({ ctx, input }) => listTasks(ctx.scope, input));

/**
 * `GET /v1/tasks?limited_response=true`: the same page with each task reduced to the keys Scale
 * documents for it (the output schema keeps only those).
 */
export const listLimitedTasksProcedure = orgProcedureFor("read")
  .input(TaskListQuerySchema)
  .output(LimitedTaskListResponseSchema)
  .query(({ ctx, input }) => listTasks(ctx.scope, { ...input, include_attachment_url: false }));
