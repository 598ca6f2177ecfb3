import { CreateTasksInputSchema } from "@taskforge/schema";

import { createTaskIds, createTasks } from "../../services/tasks";
import { orgProcedureFor } from "../../trpc";

/**
 * Creates up to 1,000 tasks (the valid ones all together or none), with a result (task or error)
 * per item. No output schema: the service builds each task object from the validated input (the
 * shape `CreateTasksResultSchema` describes, which its type is), and parsing a thousand of them
 * again on every call cost more than the rest of the serialisation.
 */
export const createManyTasksProcedure = orgProcedureFor("manage_work")
  .input(CreateTasksInputSchema)
  .mutation(({ ctx, input }) => createTasks(ctx.scope, input.tasks));

/**
 * `createMany` answering with each created task's id only: for bulk loaders, like the CLI. No output
 * schema either, for the same reason: its type is `CreateTaskIdsResultSchema`'s, and a loader's
 * calls follow each other as fast as the server answers them, so every parse shows.
 */
export const createManyTaskIdsProcedure = orgProcedureFor("manage_work")
  .input(CreateTasksInputSchema)
  .mutation(({ ctx, input }) => createTaskIds(ctx.scope, input.tasks));
