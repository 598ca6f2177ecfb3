import { TaskListQuerySchema, TaskListResponseSchema } from "@taskforge/schema";

import { listTasks } from "../../services/tasks";
import { orgProcedureFor } from "../../trpc";

export const listTasksProcedure = orgProcedureFor("read")
  .input(TaskListQuerySchema)
  .output(TaskListResponseSchema)
  .query(({ ctx, input }) => listTasks(ctx.scope, input));
