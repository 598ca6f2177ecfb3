import { CreateTaskInputSchema, TaskSchema } from "@taskforge/schema";

import { createTask } from "../../services/tasks";
import { orgProcedure } from "../../trpc";

/** Creates one task; honours the `Idempotency-Key` request header. */
export const createTaskProcedure = orgProcedure
  .input(CreateTaskInputSchema)
  .output(TaskSchema)
  .mutation(({ ctx, input }) =>
    createTask(ctx.scope, input, { idempotencyKey: ctx.idempotencyKey }),
  );
