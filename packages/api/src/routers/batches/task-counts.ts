import { BatchTaskCountsInputSchema, BatchTaskCountsSchema } from "@taskforge/schema";

import { countBatchTasks } from "../../services/batches/batch-task-counts";
import { orgProcedureFor } from "../../trpc";

/** The named batches (a page of the list, at most 100) with their tasks counted per status. */
export const batchTaskCountsProcedure = orgProcedureFor("read")
  .input(BatchTaskCountsInputSchema)
  .output(BatchTaskCountsSchema)
  .query(({ ctx, input }) => countBatchTasks(ctx.scope, input.names));
