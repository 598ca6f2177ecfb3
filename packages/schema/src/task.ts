import { z } from "zod";

import { AuditSchema } from "./audit";
import { TagsSchema, TaskIdSchema, TimestampSchema } from "./common";
import { CustomerReviewStatusSchema, TaskStatusSchema } from "./enums";

const JsonObjectSchema = z.record(z.string(), z.unknown());

/**
 * The public task object, exactly as `GET /v1/task/{id}` returns it. Optional keys are omitted
 * rather than null: Scale's SDK tests assert that `tags` and `unique_id` are absent when unset,
 * so `null` is rejected for them.
 *
 * Unknown keys are stripped so that server-side output validation cannot leak internal columns.
 * `metadata` is not size-checked here; that happens on input, and re-serializing it for every
 * task of a list page would only cost time.
 *
 * Fields that the task-object page's own example omits (`customer_review_status`, `priority`,
 * `project_param_version`, `is_test`) have defaults, so objects from Scale-shaped sources parse;
 * our server always sends them.
 */
export const TaskSchema = z.object({
  task_id: TaskIdSchema,
  created_at: TimestampSchema,
  updated_at: TimestampSchema,
  completed_at: TimestampSchema.optional(),
  type: z.string(),
  status: TaskStatusSchema,
  instruction: z.string(),
  params: JsonObjectSchema,
  response: JsonObjectSchema.optional(),
  /**
   * A completed task's secured response file: the path (under the API's origin) that answers the
   * response as JSON to the owning organization's credentials only.
   */
  response_url: z.string().optional(),
  callback_url: z.string().optional(),
  // The task-object page calls it callback_completed, live responses callback_succeeded; both
  // carry the same value so either kind of client finds it.
  callback_completed: z.boolean(),
  callback_succeeded: z.boolean(),
  customer_review_status: CustomerReviewStatusSchema.default("pending"),
  customer_review_comments: z.array(z.string()).optional(),
  prior_responses: z.array(JsonObjectSchema).optional(),
  times_redone: z.int().min(1).optional(),
  metadata: JsonObjectSchema.default({}),
  project_param_version: z.number().nullable().default(null),
  audits: z.array(AuditSchema).default([]),
  unique_id: z.string().optional(),
  tags: TagsSchema.optional(),
  project: z.string().optional(),
  batch: z.string().optional(),
  priority: z.int().default(0),
  is_test: z.boolean().default(false),
  /**
   * Scale's attachments after processing. This server serves attachments as they were given (it
   * derives no processed copies), so the list is empty.
   */
  processed_attachments: z.array(JsonObjectSchema).default([]),
  /** Whether a worker has started the task: claimed now, past annotation, redone, or completed. */
  work_started: z.boolean().default(false),
  /**
   * Listed with `include_attachment_url=true` only: a URL `params.attachment` can be read from (a
   * short-lived signed URL for an uploaded file, the attachment itself for an http(s) one).
   */
  attachment_url: z.string().optional(),
});
export type Task = z.infer<typeof TaskSchema>;
