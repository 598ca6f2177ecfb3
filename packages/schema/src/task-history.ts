import { z } from "zod";

export const TASK_EVENT_TYPES = [
  "created",
  "claimed",
  "lease_expired",
  "skipped",
  "released",
  "reported",
  "submitted",
  "reviewed",
  "audited",
  "completed",
  "canceled",
  "error",
  "redo",
  "callback_delivered",
  "requeued",
] as const;
export type TaskEventType = (typeof TASK_EVENT_TYPES)[number];

/** One entry of a task's history (`GET /v1/task/{id}/history`): what happened, who did it, when. */
export const TaskEventSchema = z.object({
  type: z.enum(TASK_EVENT_TYPES),
  actor: z.string(),
  at: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type TaskEventRecord = z.infer<typeof TaskEventSchema>;

export const TaskHistorySchema = z.array(TaskEventSchema);
