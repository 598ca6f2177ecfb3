import { ProjectTaskCountsSchema } from "@taskforge/schema";

import { countProjectTasks } from "../../services/projects/project-task-counts";
import { orgProcedureFor } from "../../trpc";

/** Every project of the organization with its tasks counted per status. */
export const projectTaskCountsProcedure = orgProcedureFor("read")
  .output(ProjectTaskCountsSchema)
  .query(({ ctx }) => countProjectTasks(ctx.scope));
