import { TaskHistorySchema, TaskIdInputSchema } from "@taskforge/schema";

import { getTaskHistory } from "../../services/tasks/history";
import { orgProcedureFor } from "../../trpc";

/** The task's append-only event log, oldest first. */
export const taskHistoryProcedure = orgProcedureFor("read")
  .input(TaskIdInputSchema)
  .output(TaskHistorySchema)
  .query(({ ctx, input }) => getTaskHistory(ctx.scope, input.task_id));
