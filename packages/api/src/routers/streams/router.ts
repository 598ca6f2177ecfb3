import {
  ExportIdInputSchema,
  FileObjectSchema,
  FileResponseSchema,
  FileUploadRequestSchema,
  ImportJobIdInputSchema,
  ImportJobSchema,
  MediaUploadRequestSchema,
  MediaUploadResultSchema,
  StartImportRequestSchema,
} from "@taskforge/schema";

import { exportDownloadResponse } from "../../services/exports";
import { uploadFromRequest } from "../../services/files";
import { importErrorReport, runImport } from "../../services/imports";
import { uploadMedia } from "../../services/media";
import { createCallerFactory, createTRPCRouter, orgProcedureFor } from "../../trpc";

/**
 * Operations that stream bytes in or out. They are procedures like the others (the same access
 * rules, rate limit, validation and errors) but live outside `appRouter`: tRPC's JSON transport
 * cannot carry them, so the REST facade and the web app's route handlers call them in-process.
 */
export const streamRouter = createTRPCRouter({
  imports: createTRPCRouter({
    /** Tasks from a JSONL or CSV body, one per line or row; answers the finished job. */
    start: orgProcedureFor("manage_work")
      .input(StartImportRequestSchema)
      .output(ImportJobSchema)
      .mutation(({ ctx, input: { body, ...options } }) => runImport(ctx.scope, options, body)),
    /** An import's per-line problems, all of them, as a CSV file. */
    errorReport: orgProcedureFor("read")
      .input(ImportJobIdInputSchema)
      .output(FileResponseSchema)
      .query(({ ctx, input }) => importErrorReport(ctx.scope, input.id)),
  }),
  exports: createTRPCRouter({
    /** A completed export's file (409 until it has completed). */
    download: orgProcedureFor("read")
      .input(ExportIdInputSchema)
      .output(FileResponseSchema)
      .query(({ ctx, input }) => exportDownloadResponse(ctx.scope, input.id)),
  }),
  projects: createTRPCRouter({
    /** Tasks of the project from one file or a zip of files. */
    uploadMedia: orgProcedureFor("manage_work")
      .input(MediaUploadRequestSchema)
      .output(MediaUploadResultSchema)
      .mutation(({ ctx, input: { body, ...input } }) => uploadMedia(ctx.scope, input, body)),
  }),
  files: createTRPCRouter({
    /** One file from a multipart body; its `attachment_url` can be a task attachment. */
    upload: orgProcedureFor("manage_work")
      .input(FileUploadRequestSchema)
      .output(FileObjectSchema)
      .mutation(({ ctx, input }) => uploadFromRequest(ctx.scope, input.request)),
  }),
});

export type StreamRouter = typeof streamRouter;

/** The stream operations called in-process, e.g. by a web route handler with the session's context. */
export const createStreamCaller = createCallerFactory(streamRouter);
