import { NameSchema } from "@taskforge/schema";
import { z } from "zod";

import { countBatchTasks } from "../../services/batches/batch-task-counts";
import { orgProcedureFor } from "../../trpc";
import { TaskStatusCountsSchema } from "../projects/task-counts";

/** The named batches (a page of the list, at most 100) with their tasks counted per status. */
export const batchTaskCountsProcedure = orgProcedureFor("read")
  .input(z.strictObject({ names: z.array(NameSchema).max(100, { error: "at most 100 names" }) }))
  .output(z.array(TaskStatusCountsSchema.extend({ batch: z.string() })))
  .query(({ ctx, input }) => countBatchTasks(ctx.scope, input.names));
