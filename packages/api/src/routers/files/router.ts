import {
  AttachmentUrlInputSchema,
  FileIdInputSchema,
  FileObjectSchema,
  ImportFileInputSchema,
  ResolveAttachmentsInputSchema,
  ResolvedAttachmentsSchema,
  SignedUrlSchema,
} from "@taskforge/schema";

import { getFile, importFromUrl, resolveAttachments, signFileUrl } from "../../services/files";
import { createTRPCRouter, orgProcedureFor } from "../../trpc";

export const filesRouter = createTRPCRouter({
  get: orgProcedureFor("read")
    .input(FileIdInputSchema)
    .output(FileObjectSchema)
    .query(({ ctx, input }) => getFile(ctx.scope, input.id)),
  /** A file downloaded by the server from an http(s) URL. */
  import: orgProcedureFor("manage_work")
    .input(ImportFileInputSchema)
    .output(FileObjectSchema)
    .mutation(({ ctx, input }) => importFromUrl(ctx.scope, input)),
  /** A short-lived URL a browser can load `taskforge://files/<id>` from. */
  signedUrl: orgProcedureFor("read")
    .input(AttachmentUrlInputSchema)
    .output(SignedUrlSchema)
    .query(({ ctx, input }) =>
      signFileUrl(ctx.scope, input.attachment_url, { baseUrl: input.base_url }),
    ),
  /** Task params with their `taskforge://files/…` attachments turned into signed URLs. */
  resolve: orgProcedureFor("read")
    .input(ResolveAttachmentsInputSchema)
    .output(ResolvedAttachmentsSchema)
    .query(async ({ ctx, input }) => ({
      params: await resolveAttachments(ctx.scope, input.params, { baseUrl: input.base_url }),
    })),
});
