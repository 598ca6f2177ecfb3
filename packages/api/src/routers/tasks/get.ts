import { TaskIdInputSchema, TaskSchema } from "@taskforge/schema";

import { getTask } from "../../services/tasks";
import { orgProcedureFor } from "../../trpc";

export const getTaskProcedure = orgProcedureFor("read")
  .input(TaskIdInputSchema)
  .output(TaskSchema)
  .query(({ ctx, input }) => getTask(ctx.scope, input.task_id));
