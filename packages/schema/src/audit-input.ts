import { z } from "zod";

import { TaskIdSchema } from "./common";

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
  response: z.record(z.string(), z.unknown()),
  comments: z.string().max(10_000).nullable().optional(),
});
export type FixTaskInput = z.infer<typeof FixTaskInputSchema>;
