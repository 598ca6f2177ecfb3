import {
  BatchListQuerySchema,
  BatchListResponseSchema,
  BatchNameInputSchema,
  BatchSchema,
  BatchStatusCountsSchema,
  CreateBatchInputSchema,
  PrioritizeBatchInputSchema,
  PrioritizeBatchResultSchema,
  SetBatchMetadataInputSchema,
} from "@taskforge/schema";

import {
  createBatch,
  finalizeBatch,
  getBatch,
  getBatchStatus,
  listBatches,
  setBatchMetadata,
} from "../../services/batches";
import { prioritizeBatch } from "../../services/studio";
import { createTRPCRouter, orgProcedureFor } from "../../trpc";
import { batchTaskCountsProcedure } from "./task-counts";

export const batchesRouter = createTRPCRouter({
  create: orgProcedureFor("manage_work")
    .input(CreateBatchInputSchema)
    .output(BatchSchema)
    .mutation(({ ctx, input }) => createBatch(ctx.scope, input)),
  list: orgProcedureFor("read")
    .input(BatchListQuerySchema)
    .output(BatchListResponseSchema)
    .query(({ ctx, input }) => listBatches(ctx.scope, input)),
  get: orgProcedureFor("read")
    .input(BatchNameInputSchema)
    .output(BatchSchema)
    .query(({ ctx, input }) => getBatch(ctx.scope, input.name)),
  /** The batch's status and its tasks counted per status. */
  status: orgProcedureFor("read")
    .input(BatchNameInputSchema)
    .output(BatchStatusCountsSchema)
    .query(({ ctx, input }) => getBatchStatus(ctx.scope, input.name)),
  finalize: orgProcedureFor("manage_work")
    .input(BatchNameInputSchema)
    .output(BatchSchema)
    .mutation(({ ctx, input }) => finalizeBatch(ctx.scope, input.name)),
  setMetadata: orgProcedureFor("manage_work")
    .input(SetBatchMetadataInputSchema)
    .output(BatchSchema)
    .mutation(({ ctx, input }) => setBatchMetadata(ctx.scope, input.name, input.metadata)),
  /** The batch's priority (10 to 30): its tasks are served before those of lower batches. */
  prioritize: orgProcedureFor("manage_work")
    .input(PrioritizeBatchInputSchema)
    .output(PrioritizeBatchResultSchema)
    .mutation(({ ctx, input }) => prioritizeBatch(ctx.scope, input)),
  /** Named batches' tasks counted per status (the batches page's progress bars). */
  taskCounts: batchTaskCountsProcedure,
});
