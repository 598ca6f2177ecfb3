import { z } from "zod";

import { CallbackUrlSchema, MetadataSchema, NameSchema, TimestampSchema } from "./common";
import { DateFilterSchema, QueryBooleanSchema, queryInt } from "./query-values";

export const BATCH_STATUSES = ["staging", "in_progress", "completed"] as const;
export const BatchStatusSchema = z.enum(BATCH_STATUSES);
export type BatchStatus = z.infer<typeof BatchStatusSchema>;

export const BatchSchema = z.object({
  name: z.string(),
  project: z.string(),
  status: BatchStatusSchema,
  callback: z.string().optional(),
  created_at: TimestampSchema,
  metadata: z.record(z.string(), z.unknown()),
  calibration_batch: z.boolean(),
  self_label_batch: z.boolean(),
});
export type Batch = z.infer<typeof BatchSchema>;

/** `POST /v1/batches`; Scale's Python SDK sends `callback: ""` when there is none. */
export const CreateBatchInputSchema = z.strictObject({
  project: NameSchema,
  name: NameSchema,
  callback: z
    .union([z.literal(""), CallbackUrlSchema])
    .nullable()
    .optional(),
  calibration_batch: z.boolean().optional(),
  self_label_batch: z.boolean().optional(),
  metadata: MetadataSchema.optional(),
});
export type CreateBatchInput = z.infer<typeof CreateBatchInputSchema>;

export const BatchNameInputSchema = z.strictObject({ name: NameSchema });

export const SetBatchMetadataInputSchema = z.strictObject({
  name: NameSchema,
  metadata: MetadataSchema,
});

export const BatchListQuerySchema = z.object({
  project: NameSchema.optional(),
  status: BatchStatusSchema.optional(),
  start_time: DateFilterSchema.optional(),
  end_time: DateFilterSchema.optional(),
  /** On the time the batch completed (its last task ended). */
  completed_after: DateFilterSchema.optional(),
  completed_before: DateFilterSchema.optional(),
  /** On the times its tasks were audited: a batch matches when one of its audits falls in range. */
  audited_after: DateFilterSchema.optional(),
  audited_before: DateFilterSchema.optional(),
  exclude_archived: QueryBooleanSchema.optional(),
  offset: queryInt(0, Number.MAX_SAFE_INTEGER, "offset must be an integer of at least 0").default(
    0,
  ),
  limit: queryInt(1, 100, "limit must be between 1 and 100").default(100),
});
export type BatchListQuery = z.output<typeof BatchListQuerySchema>;
export type BatchListQueryInput = z.input<typeof BatchListQuerySchema>;

/** Scale's Python SDK reads `totalDocs`, the Node SDK `total`: both are sent. */
export const BatchListResponseSchema = z.object({
  docs: z.array(BatchSchema),
  total: z.int(),
  totalDocs: z.int(),
  limit: z.int(),
  offset: z.int(),
  has_more: z.boolean(),
});
export type BatchListResponse = z.infer<typeof BatchListResponseSchema>;

/** Counts per task status; statuses with no task are left out, as Scale does. */
export const BatchStatusCountsSchema = z.object({
  status: BatchStatusSchema,
  pending: z.int().optional(),
  completed: z.int().optional(),
  error: z.int().optional(),
  canceled: z.int().optional(),
});
export type BatchStatusCounts = z.infer<typeof BatchStatusCountsSchema>;
