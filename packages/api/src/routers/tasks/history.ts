import { TaskIdInputSchema } from "@taskforge/schema";
import { z } from "zod";

import { getTaskHistory, TaskEventSchema } from "../../services/tasks/history";
import { orgProcedureFor } from "../../trpc";

/** The task's append-only event log, oldest first. */
export const taskHistoryProcedure = orgProcedureFor("read")
  .input(TaskIdInputSchema)
  .output(z.array(TaskEventSchema))
  .query(({ ctx, input }) => getTaskHistory(ctx.scope, input.task_id));
