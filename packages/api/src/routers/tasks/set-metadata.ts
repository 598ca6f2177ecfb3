import { SetMetadataInputSchema, TaskSchema } from "@taskforge/schema";

import { setTaskMetadata } from "../../services/tasks";
import { orgProcedureFor } from "../../trpc";

export const setTaskMetadataProcedure = orgProcedureFor("manage_work")
  .input(SetMetadataInputSchema)
  .output(TaskSchema)
  .mutation(({ ctx, input }) => setTaskMetadata(ctx.scope, input.task_id, input.metadata));
