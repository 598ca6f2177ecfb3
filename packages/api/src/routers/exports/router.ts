import {
  CreateExportInputSchema,
  ExportIdInputSchema,
  ExportJobSchema,
  ExportListInputSchema,
  ExportListResponseSchema,
} from "@taskforge/schema";

import { createExportJob, getExportJob, listExportJobs } from "../../services/exports";
import { createTRPCRouter, orgProcedure } from "../../trpc";

export const exportsRouter = createTRPCRouter({
  create: orgProcedure
    .input(CreateExportInputSchema)
    .output(ExportJobSchema)
    .mutation(({ ctx, input }) => createExportJob(ctx.scope, input)),
  get: orgProcedure
    .input(ExportIdInputSchema)
    .output(ExportJobSchema)
    .query(({ ctx, input }) => getExportJob(ctx.scope, input.id)),
  /** The newest exports first. */
  list: orgProcedure
    .input(ExportListInputSchema)
    .output(ExportListResponseSchema)
    .query(({ ctx, input }) => listExportJobs(ctx.scope, input)),
});
