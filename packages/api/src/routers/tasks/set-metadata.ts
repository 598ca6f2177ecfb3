import { SetMetadataInputSchema, TaskSchema } from "@taskforge/schema";

import { setTaskMetadata } from "../../services/tasks";
import { orgProcedure } from "../../trpc";

export const setTaskMetadataProcedure = orgProcedure
  .input(SetMetadataInputSchema)
  .output(TaskSchema)
  .mutation(({ ctx, input }) => setTaskMetadata(ctx.scope, input.task_id, input.metadata));
