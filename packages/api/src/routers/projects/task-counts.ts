import { z } from "zod";

import { countProjectTasks } from "../../services/projects/project-task-counts";
import { orgProcedureFor } from "../../trpc";

/** Tasks counted per status, with their total (for dashboard progress bars). */
export const TaskStatusCountsSchema = z.object({
  total: z.int().nonnegative(),
  pending: z.int().nonnegative(),
  completed: z.int().nonnegative(),
  canceled: z.int().nonnegative(),
  error: z.int().nonnegative(),
});

/** Every project of the organization with its tasks counted per status. */
export const projectTaskCountsProcedure = orgProcedureFor("read")
  .output(z.array(TaskStatusCountsSchema.extend({ project: z.string() })))
  .query(({ ctx }) => countProjectTasks(ctx.scope));
