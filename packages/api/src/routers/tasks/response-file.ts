import { TaskResponseFileInputSchema, TaskResponseFileSchema } from "@taskforge/schema";

import { getTaskResponseFile } from "../../services/tasks";
import { orgProcedureFor } from "../../trpc";

/** A completed task's secured response file (its `response_url`): the response as JSON. */
export const taskResponseFileProcedure = orgProcedureFor("read")
  .input(TaskResponseFileInputSchema)
  .output(TaskResponseFileSchema)
  .query(({ ctx, input }) => getTaskResponseFile(ctx.scope, input));
