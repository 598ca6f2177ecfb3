import { TaskIdInputSchema, TaskSchema } from "@taskforge/schema";

import { getTask } from "../../services/tasks";
import { orgProcedure } from "../../trpc";

export const getTaskProcedure = orgProcedure
  .input(TaskIdInputSchema)
  .output(TaskSchema)
  .query(({ ctx, input }) => getTask(ctx.scope, input.task_id));
