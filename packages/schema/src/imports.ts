import { z } from "zod";

import { TimestampSchema } from "./common";

export const IMPORT_FORMATS = ["jsonl", "csv"] as const;
export const ImportFormatSchema = z.enum(IMPORT_FORMATS);
export type ImportFormat = z.infer<typeof ImportFormatSchema>;

export const ImportStatusSchema = z.enum(["running", "completed", "failed"]);
export type ImportStatus = z.infer<typeof ImportStatusSchema>;

/** A bulk import as the API shows it; the counters advance after each chunk of lines. */
export const ImportJobSchema = z.object({
  id: z.uuid(),
  format: ImportFormatSchema,
  filename: z.string().nullable(),
  default_type: z.string().nullable(),
  status: ImportStatusSchema,
  /**
   * Lines in the chunks stored so far (header included for CSV); once finished, the file's last
   * line. Two chunks are stored at a time, so while running a later chunk may be counted first.
   */
  lines_read: z.int().nonnegative(),
  created_count: z.int().nonnegative(),
  /** Lines whose unique_id a task already holds: skipped, so a re-run creates nothing twice. */
  duplicate_count: z.int().nonnegative(),
  failed_count: z.int().nonnegative(),
  bytes_read: z.int().nonnegative(),
  error: z.string().nullable(),
  created_at: TimestampSchema,
  updated_at: TimestampSchema,
  finished_at: TimestampSchema.nullable(),
  is_test: z.boolean(),
});
export type ImportJob = z.infer<typeof ImportJobSchema>;

/** How an upload is read: `?format=jsonl|csv&type=<default type>&filename=…&job_id=<uuid>`. */
export const StartImportInputSchema = z.object({
  format: ImportFormatSchema.default("jsonl"),
  type: z.string().min(1).optional(),
  filename: z.string().max(255).optional(),
  /** Chosen by the client (a UUID) so it can poll the job while the upload is still running. */
  job_id: z.uuid().optional(),
});
export type StartImportInput = z.infer<typeof StartImportInputSchema>;

export const ImportJobIdInputSchema = z.object({ id: z.uuid() });

export const ImportListInputSchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const ImportErrorSchema = z.object({
  line: z.int().positive(),
  path: z.string(),
  message: z.string(),
});
export type ImportError = z.infer<typeof ImportErrorSchema>;

export const ImportErrorsInputSchema = z.object({
  id: z.uuid(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ImportErrorsPageSchema = z.object({
  docs: z.array(ImportErrorSchema),
  /** Stored problems in all (a line may have several; storage stops at a cap, counts do not). */
  total: z.int().nonnegative(),
});
export type ImportErrorsPage = z.infer<typeof ImportErrorsPageSchema>;
