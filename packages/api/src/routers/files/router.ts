import { z } from "zod";

import {
  AttachmentUrlInputSchema,
  FileIdInputSchema,
  FileObjectSchema,
  getFile,
  ResolveAttachmentsInputSchema,
  resolveAttachments,
  signFileUrl,
  SignedUrlSchema,
} from "../../services/files";
import { createTRPCRouter, orgProcedureFor } from "../../trpc";

export const filesRouter = createTRPCRouter({
  get: orgProcedureFor("read")
    .input(FileIdInputSchema)
    .output(FileObjectSchema)
    .query(({ ctx, input }) => getFile(ctx.scope, input.id)),
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
    .output(z.object({ params: z.unknown() }))
    .query(async ({ ctx, input }) => ({
      params: await resolveAttachments(ctx.scope, input.params, { baseUrl: input.base_url }),
    })),
});
