import { CancelTaskInputSchema, TaskSchema } from "@taskforge/schema";

import { cancelTask } from "../../services/tasks";
import { orgProcedure } from "../../trpc";

export const cancelTaskProcedure = orgProcedure
  .input(CancelTaskInputSchema)
  .output(TaskSchema)
  .mutation(({ ctx, input }) => cancelTask(ctx.scope, input));
