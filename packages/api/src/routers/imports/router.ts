import {
  ImportErrorsInputSchema,
  ImportErrorsPageSchema,
  ImportJobIdInputSchema,
  ImportJobListSchema,
  ImportJobSchema,
  ImportListInputSchema,
} from "@taskforge/schema";

import { getImportJob, listImportErrors, listImportJobs } from "../../services/imports";
import { createTRPCRouter, orgProcedureFor } from "../../trpc";

/**
 * Reading bulk imports. Starting one takes a streamed body, which tRPC does not carry: that is
 * `POST /v1/imports` (API keys) and `POST /api/imports` (the dashboard's session).
 */
export const importsRouter = createTRPCRouter({
  get: orgProcedureFor("read")
    .input(ImportJobIdInputSchema)
    .output(ImportJobSchema)
    .query(({ ctx, input }) => getImportJob(ctx.scope, input.id)),
  list: orgProcedureFor("read")
    .input(ImportListInputSchema)
    .output(ImportJobListSchema)
    .query(({ ctx, input }) => listImportJobs(ctx.scope, input.limit)),
  errors: orgProcedureFor("read")
    .input(ImportErrorsInputSchema)
    .output(ImportErrorsPageSchema)
    .query(({ ctx, input }) => listImportErrors(ctx.scope, input)),
});
