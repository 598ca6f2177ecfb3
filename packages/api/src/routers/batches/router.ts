import {
  BatchListQuerySchema,
  BatchListResponseSchema,
  BatchNameInputSchema,
  BatchSchema,
  BatchStatusCountsSchema,
  CreateBatchInputSchema,
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
import { createTRPCRouter, orgProcedure } from "../../trpc";
import { batchTaskCountsProcedure } from "./task-counts";

export const batchesRouter = createTRPCRouter({
  create: orgProcedure
    .input(CreateBatchInputSchema)
    .output(BatchSchema)
    .mutation(({ ctx, input }) => createBatch(ctx.scope, input)),
  list: orgProcedure
    .input(BatchListQuerySchema)
    .output(BatchListResponseSchema)
    .query(({ ctx, input }) => listBatches(ctx.scope, input)),
  get: orgProcedure
    .input(BatchNameInputSchema)
    .output(BatchSchema)
    .query(({ ctx, input }) => getBatch(ctx.scope, input.name)),
  /** The batch's status and its tasks counted per status. */
  status: orgProcedure
    .input(BatchNameInputSchema)
    .output(BatchStatusCountsSchema)
    .query(({ ctx, input }) => getBatchStatus(ctx.scope, input.name)),
  finalize: orgProcedure
    .input(BatchNameInputSchema)
    .output(BatchSchema)
    .mutation(({ ctx, input }) => finalizeBatch(ctx.scope, input.name)),
  setMetadata: orgProcedure
    .input(SetBatchMetadataInputSchema)
    .output(BatchSchema)
    .mutation(({ ctx, input }) => setBatchMetadata(ctx.scope, input.name, input.metadata)),
  /** Named batches' tasks counted per status (the batches page's progress bars). */
  taskCounts: batchTaskCountsProcedure,
});
