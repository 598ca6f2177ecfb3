import { AuditOrFixTaskInputSchema, FixTaskInputSchema, TaskSchema } from "@taskforge/schema";

import { auditTask, fixTask } from "../../services/tasks";
import { orgProcedureFor } from "../../trpc";

/**
 * Accept a completed task, or reject it and send it back for redo; with a `response`, fix it
 * instead (Scale's audit endpoint takes both).
 */
export const auditTaskProcedure = orgProcedureFor("manage_work")
  .input(AuditOrFixTaskInputSchema)
  .output(TaskSchema)
  .mutation(({ ctx, input: { task_id, accepted, comments, response } }) =>
    response !== undefined
      ? fixTask(ctx.scope, { task_id, response, comments })
      : auditTask(ctx.scope, { task_id, accepted: accepted ?? false, comments }),
  );

/** Replace a completed task's response with a corrected one (the old one is kept). */
export const fixTaskProcedure = orgProcedureFor("manage_work")
  .input(FixTaskInputSchema)
  .output(TaskSchema)
  .mutation(({ ctx, input }) => fixTask(ctx.scope, input));
