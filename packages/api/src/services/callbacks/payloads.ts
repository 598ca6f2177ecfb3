import type { Batch, BatchStatus, Task } from "@taskforge/schema";

/** The body of a task callback, as Scale sends it: the receiver reads `task_id` and upserts `task`. */
export type TaskCallbackPayload = {
  task_id: string;
  status: Task["status"];
  /** The task's response (null while it has none, e.g. after a recall). */
  response: Record<string, unknown> | null;
  task: Task;
};

export const taskCallbackPayload = (task: Task): TaskCallbackPayload => ({
  task_id: task.task_id,
  status: task.status,
  response: task.response ?? null,
  task,
});

export type BatchTaskCounts = {
  pending: number;
  completed: number;
  error: number;
  canceled: number;
};

/** Scale documents no batch payload: the batch object, its status and its tasks counted by status. */
export type BatchCallbackPayload = {
  batch: Batch;
  status: BatchStatus;
  counts: BatchTaskCounts;
};

export const batchCallbackPayload = (
  batch: Batch,
  counts: BatchTaskCounts,
): BatchCallbackPayload => ({
  batch,
  status: batch.status,
  counts,
});
