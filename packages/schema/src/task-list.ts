import { z } from "zod";

import { NameSchema, TagSchema, UniqueIdSchema } from "./common";
import { CustomerReviewStatusSchema, TaskStatusSchema } from "./enums";
import { BaseUrlSchema } from "./files";
import {
  DateFilterSchema,
  QueryBooleanSchema,
  commaList,
  oneOrMany,
  queryInt,
} from "./query-values";
import { TaskSchema } from "./task";

export const LIST_LIMIT_MAX = 100;

/**
 * Filters of `GET /v1/tasks`, normalized: dates become `Date`s and repeatable filters arrays.
 * Lenient about representation (strings for booleans, numbers, comma lists) because the REST
 * facade passes query-string values through it too.
 */
export const TaskListQuerySchema = z.object({
  start_time: DateFilterSchema.optional(),
  end_time: DateFilterSchema.optional(),
  completed_after: DateFilterSchema.optional(),
  completed_before: DateFilterSchema.optional(),
  updated_after: DateFilterSchema.optional(),
  updated_before: DateFilterSchema.optional(),
  status: TaskStatusSchema.optional(),
  type: z.string().optional(),
  project: NameSchema.optional(),
  batch: NameSchema.optional(),
  customer_review_status: commaList(CustomerReviewStatusSchema).optional(),
  unique_id: oneOrMany(UniqueIdSchema)
    .pipe(z.array(z.string()).max(100, { error: "must list at most 100 unique ids" }))
    .optional(),
  tags: oneOrMany(TagSchema).optional(),
  /** Adds `attachment_url` to each task: a URL its attachment can be read from. */
  include_attachment_url: QueryBooleanSchema.optional(),
  /** Tasks reduced to `task_id`, `status`, `metadata` and `project` (see `LimitedTaskSchema`). */
  limited_response: QueryBooleanSchema.optional(),
  /** Where signed attachment URLs point (the REST facade passes its own origin). */
  base_url: BaseUrlSchema,
  next_token: z.string().optional(),
  offset: queryInt(0, Number.MAX_SAFE_INTEGER, "offset must be an integer of at least 0").default(
    0,
  ),
  limit: queryInt(1, LIST_LIMIT_MAX, `limit must be between 1 and ${LIST_LIMIT_MAX}`).default(
    LIST_LIMIT_MAX,
  ),
});
export type TaskListQuery = z.output<typeof TaskListQuerySchema>;
export type TaskListQueryInput = z.input<typeof TaskListQuerySchema>;

/**
 * Every key matters to Scale's SDKs: `total` counts all matches (not the page), `offset` is
 * always present, and paging stops when `has_more` turns false.
 */
export const TaskListResponseSchema = z.object({
  docs: z.array(TaskSchema),
  total: z.int().nonnegative(),
  limit: z.int().nonnegative(),
  offset: z.int().nonnegative(),
  has_more: z.boolean(),
  next_token: z.string().optional(),
});
export type TaskListResponse = z.infer<typeof TaskListResponseSchema>;

/** A task as `limited_response=true` lists it: the keys Scale's documentation shows for it. */
export const LimitedTaskSchema = TaskSchema.pick({
  task_id: true,
  status: true,
  metadata: true,
  project: true,
});
export type LimitedTask = z.infer<typeof LimitedTaskSchema>;

export const LimitedTaskListResponseSchema = TaskListResponseSchema.extend({
  docs: z.array(LimitedTaskSchema),
});
export type LimitedTaskListResponse = z.infer<typeof LimitedTaskListResponseSchema>;
