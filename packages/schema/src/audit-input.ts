import { z } from "zod";

import { TaskIdSchema } from "./common";
import { storableJsonRecord } from "./storable-json";

/** `POST /v1/task/{id}/audit`: accept or reject a completed task. */
export const AuditTaskInputSchema = z.strictObject({
  task_id: TaskIdSchema,
  accepted: z.boolean({ error: "accepted must be true or false" }),
  comments: z.string().max(10_000).nullable().optional(),
});
export type AuditTaskInput = z.infer<typeof AuditTaskInputSchema>;

/** A customer's fix: the corrected response replaces the current one, which is kept in `prior_responses`. */
export const FixTaskInputSchema = z.strictObject({
  task_id: TaskIdSchema,
  response: storableJsonRecord(),
  comments: z.string().max(10_000).nullable().optional(),
});
export type FixTaskInput = z.infer<typeof FixTaskInputSchema>;

/**
 * Scale's `POST /task/{id}/audit` body: `{accepted, comments}` audits; adding `response` makes it a
 * fix, where `accepted` is implied.
 */
export const AuditOrFixTaskBodySchema = z.strictObject({
  accepted: AuditTaskInputSchema.shape.accepted.optional(),
  comments: AuditTaskInputSchema.shape.comments,
  response: FixTaskInputSchema.shape.response.optional(),
});

export const AuditOrFixTaskInputSchema = AuditOrFixTaskBodySchema.extend({
  task_id: TaskIdSchema,
}).refine((input) => input.response !== undefined || input.accepted !== undefined, {
  path: ["accepted"],
  error: "accepted must be true or false",
});
export type AuditOrFixTaskInput = z.infer<typeof AuditOrFixTaskInputSchema>;
