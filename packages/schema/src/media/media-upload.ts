import { z } from "zod";

import { MEDIA_KINDS } from "./media-kinds";

/** `POST /v1/projects/{name}/media?filename=`: the body is the file (or a zip of files) itself. */
export const MediaUploadInputSchema = z.object({
  name: z.string().min(1),
  filename: z
    .string({ error: "is required: the file's name, which says its kind" })
    .min(1)
    .max(1024),
});
export type MediaUploadInput = z.infer<typeof MediaUploadInputSchema>;

/** One file that became a task. */
export const MediaTaskSchema = z.object({
  filename: z.string(),
  kind: z.enum(MEDIA_KINDS),
  task_id: z.string(),
  attachment_url: z.string(),
});
export type MediaTask = z.infer<typeof MediaTaskSchema>;

export const MediaUploadResultSchema = z.object({
  project: z.string(),
  created: z.array(MediaTaskSchema),
});
export type MediaUploadResult = z.infer<typeof MediaUploadResultSchema>;
