import {
  CreateExportInputSchema,
  ExportIdInputSchema,
  ExportJobSchema,
  ExportListInputSchema,
  ExportListResponseSchema,
} from "@taskforge/schema";

import { createExportJob, getExportJob, listExportJobs } from "../../services/exports";
import { createTRPCRouter, orgProcedureFor } from "../../trpc";

export const exportsRouter = createTRPCRouter({
  create: orgProcedureFor("manage_work")
    .input(CreateExportInputSchema)
    .output(ExportJobSchema)
    .mutation(({ ctx, input }) => createExportJob(ctx.scope, input)),
  get: orgProcedureFor("read")
    .input(ExportIdInputSchema)
    .output(ExportJobSchema)
    .query(({ ctx, input }) => getExportJob(ctx.scope, input.id)),
  /** The newest exports first. */
  list: orgProcedureFor("read")
    .input(ExportListInputSchema)
    .output(ExportListResponseSchema)
    .query(({ ctx, input }) => listExportJobs(ctx.scope, input)),
});
