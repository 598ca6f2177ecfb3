import { z } from "zod";

/** Scale's File object (scale-api.md §9); `attachment_url` can be used as a task attachment. */
export const FileObjectSchema = z.object({
  id: z.string(),
  attachment_url: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  mime_type: z.string(),
  size: z.number().int(),
  project_names: z.array(z.string()),
});
export type FileObject = z.infer<typeof FileObjectSchema>;

const ProjectNamesFields = {
  project_name: z.string().min(1).max(200).optional(),
  project_names: z.array(z.string().min(1).max(200)).max(100).optional(),
  display_name: z.string().min(1).max(500).optional(),
};

/** The form fields of `POST /files/upload` (beside the `file` part). */
export const UploadFieldsSchema = z.object(ProjectNamesFields);
export type UploadFields = z.infer<typeof UploadFieldsSchema>;

export const ImportFileInputSchema = z.object({
  file_url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }),
  ...ProjectNamesFields,
});
export type ImportFileInput = z.infer<typeof ImportFileInputSchema>;

export const FileIdInputSchema = z.object({
  id: z.uuid({ error: "must be a file id (a UUID)" }),
});

export const ATTACHMENT_URL_PREFIX = "taskforge://files/";

/** The site's origin as the browser sees it, so signed URLs are absolute (schemas accept only those). */
export const BaseUrlSchema = z
  .url({ protocol: /^https?$/, error: "must be an http(s) origin" })
  .optional();

export const AttachmentUrlInputSchema = z.object({
  base_url: BaseUrlSchema,
  attachment_url: z
    .string()
    .startsWith(ATTACHMENT_URL_PREFIX, { error: `must start with ${ATTACHMENT_URL_PREFIX}` }),
});

export const SignedUrlSchema = z.object({ url: z.string(), expires_at: z.string() });
export type SignedUrl = z.infer<typeof SignedUrlSchema>;

export const ResolveAttachmentsInputSchema = z.object({
  params: z.unknown(),
  base_url: BaseUrlSchema,
});

export const ResolvedAttachmentsSchema = z.object({ params: z.unknown() });
