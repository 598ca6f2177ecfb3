import { z } from "zod";

import { TimestampSchema } from "./common";
import { QueryBooleanSchema, queryInt } from "./query-values";

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
   * Lines in the chunks stored so far (header included for CSV), by every upload of the job. Two
   * chunks are stored at a time, so while running a later chunk may be counted first.
   */
  lines_read: z.int().nonnegative(),
  created_count: z.int().nonnegative(),
  /** Lines whose unique_id a task already holds: skipped, so a re-run creates nothing twice. */
  duplicate_count: z.int().nonnegative(),
  failed_count: z.int().nonnegative(),
  bytes_read: z.int().nonnegative(),
  /**
   * Every line up to this one is stored (its outcome counted): an interrupted upload is resumed by
   * sending the file again from the next line (`resume=true&first_line=<this + 1>`).
   */
  stored_through_line: z.int().nonnegative(),
  /** How many times an interrupted upload of this job was resumed. */
  resume_count: z.int().nonnegative(),
  error: z.string().nullable(),
  created_at: TimestampSchema,
  updated_at: TimestampSchema,
  finished_at: TimestampSchema.nullable(),
  is_test: z.boolean(),
});

export const ImportJobListSchema = z.array(ImportJobSchema);
export type ImportJob = z.infer<typeof ImportJobSchema>;

/**
 * A running upload refreshes its job this often while its bytes arrive or its chunks are stored,
 * whether or not a chunk was stored since the last time.
 */
export const IMPORT_HEARTBEAT_SECONDS = 2;

/**
 * A running import not heard from for this long (several missed heartbeats) is taken to be dead:
 * its client went quiet or its server died, and another upload may resume it.
 */
export const IMPORT_STALE_AFTER_SECONDS = 5 * IMPORT_HEARTBEAT_SECONDS;

/**
 * How an upload is read: `?format=jsonl|csv&type=<default type>&filename=…&job_id=<uuid>`, and
 * `resume=true&first_line=N` to continue an interrupted job with the file from line N.
 */
export const StartImportInputSchema = z
  .object({
    format: ImportFormatSchema.default("jsonl"),
    type: z.string().min(1).optional(),
    filename: z.string().max(255).optional(),
    /** Chosen by the client (a UUID) so it can poll the job while the upload is still running. */
    job_id: z.uuid().optional(),
    /** Continue the interrupted job `job_id`: lines it has stored already are skipped. */
    resume: QueryBooleanSchema.default(false),
    /**
     * The line number of the body's first line, when it holds the rest of a JSONL file (at most the
     * job's `stored_through_line` + 1). A CSV body always starts with its header: 1.
     */
    first_line: queryInt(1, 2 ** 31 - 1, "must be a line number (1 or more)").default(1),
  })
  .superRefine((input, ctx) => {
    if (input.resume && input.job_id === undefined) {
      ctx.addIssue({ code: "custom", path: ["job_id"], message: "is required with resume=true" });
    }
    if (input.first_line > 1 && !input.resume) {
      ctx.addIssue({
        code: "custom",
        path: ["first_line"],
        message: "only a resumed import (resume=true) may start after line 1",
      });
    }
    if (input.first_line > 1 && input.format === "csv") {
      ctx.addIssue({
        code: "custom",
        path: ["first_line"],
        message:
          "must be 1 for CSV: send the whole file, header included (stored rows are skipped)",
      });
    }
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

const importErrorsPage = {
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
  offset: z.coerce.number().int().min(0).default(0),
};

/** A page of an import's problems, as JSON (`format=csv` is the report file, another operation). */
export const ImportErrorsInputSchema = z.object({
  id: z.uuid(),
  ...importErrorsPage,
  format: z.literal("json", { error: 'must be "json" or "csv"' }).optional(),
});

/** `GET /v1/imports/{id}/errors?limit=&offset=&format=json|csv`. */
export const ImportErrorsQuerySchema = z.object({
  ...importErrorsPage,
  format: z.enum(["json", "csv"]).default("json"),
});

export const ImportErrorsPageSchema = z.object({
  docs: z.array(ImportErrorSchema),
  /** Stored problems in all (a line may have several; storage stops at a cap, counts do not). */
  total: z.int().nonnegative(),
});
export type ImportErrorsPage = z.infer<typeof ImportErrorsPageSchema>;
