import { SetUniqueIdInputSchema, TaskIdInputSchema, TaskSchema } from "@taskforge/schema";

import { clearTaskUniqueId, setTaskUniqueId } from "../../services/tasks";
import { orgProcedureFor } from "../../trpc";

export const setTaskUniqueIdProcedure = orgProcedureFor("manage_work")
  .input(SetUniqueIdInputSchema)
  .output(TaskSchema)
  .mutation(({ ctx, input }) => setTaskUniqueId(ctx.scope, input.task_id, input.unique_id));

export const clearTaskUniqueIdProcedure = orgProcedureFor("manage_work")
  .input(TaskIdInputSchema)
  .output(TaskSchema)
  .mutation(({ ctx, input }) => clearTaskUniqueId(ctx.scope, input.task_id));
