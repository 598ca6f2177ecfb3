import { TaskListQuerySchema, TaskListResponseSchema } from "@taskforge/schema";

import { listTasks } from "../../services/tasks";
import { orgProcedure } from "../../trpc";

export const listTasksProcedure = orgProcedure
  .input(TaskListQuerySchema)
  .output(TaskListResponseSchema)
  .query(({ ctx, input }) => listTasks(ctx.scope, input));
