import { SetUniqueIdInputSchema, TaskIdInputSchema, TaskSchema } from "@taskforge/schema";

import { clearTaskUniqueId, setTaskUniqueId } from "../../services/tasks";
import { orgProcedure } from "../../trpc";

export const setTaskUniqueIdProcedure = orgProcedure
  .input(SetUniqueIdInputSchema)
  .output(TaskSchema)
  .mutation(({ ctx, input }) => setTaskUniqueId(ctx.scope, input.task_id, input.unique_id));

export const clearTaskUniqueIdProcedure = orgProcedure
  .input(TaskIdInputSchema)
  .output(TaskSchema)
  .mutation(({ ctx, input }) => clearTaskUniqueId(ctx.scope, input.task_id));
