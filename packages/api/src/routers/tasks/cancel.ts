import { CancelTaskInputSchema, TaskSchema } from "@taskforge/schema";

import { cancelTask } from "../../services/tasks";
import { orgProcedureFor } from "../../trpc";

export const cancelTaskProcedure = orgProcedureFor("manage_work")
  .input(CancelTaskInputSchema)
  .output(TaskSchema)
  .mutation(({ ctx, input }) => cancelTask(ctx.scope, input));
