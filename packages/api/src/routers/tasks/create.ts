import { CreateTaskRequestSchema, TaskSchema } from "@taskforge/schema";

import { createTask } from "../../services/tasks";
import { orgProcedureFor } from "../../trpc";

/**
 * Creates one task; honours the `Idempotency-Key` request header. The input is checked in full by the
 * service, after the project's params (if any) are merged in.
 */
export const createTaskProcedure = orgProcedureFor("manage_work")
  .input(CreateTaskRequestSchema)
  .output(TaskSchema)
  .mutation(({ ctx, input }) =>
    createTask(ctx.scope, input, { idempotencyKey: ctx.idempotencyKey }),
  );
