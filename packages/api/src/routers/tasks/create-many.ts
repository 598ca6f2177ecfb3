import { CreateTasksInputSchema, CreateTasksResultSchema } from "@taskforge/schema";

import { createTasks } from "../../services/tasks";
import { orgProcedure } from "../../trpc";

/** Creates up to 1,000 tasks in one transaction, with a result (task or error) per item. */
export const createManyTasksProcedure = orgProcedure
  .input(CreateTasksInputSchema)
  .output(CreateTasksResultSchema)
  .mutation(({ ctx, input }) => createTasks(ctx.scope, input.tasks));
