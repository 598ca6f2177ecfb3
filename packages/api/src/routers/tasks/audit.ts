import { AuditTaskInputSchema, FixTaskInputSchema, TaskSchema } from "@taskforge/schema";

import { auditTask, fixTask } from "../../services/tasks";
import { orgProcedureFor } from "../../trpc";

/** Accept a completed task, or reject it and send it back for redo. */
export const auditTaskProcedure = orgProcedureFor("manage_work")
  .input(AuditTaskInputSchema)
  .output(TaskSchema)
  .mutation(({ ctx, input }) => auditTask(ctx.scope, input));

/** Replace a completed task's response with a corrected one (the old one is kept). */
export const fixTaskProcedure = orgProcedureFor("manage_work")
  .input(FixTaskInputSchema)
  .output(TaskSchema)
  .mutation(({ ctx, input }) => fixTask(ctx.scope, input));
