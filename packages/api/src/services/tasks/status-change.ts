import type { DbClient } from "../../db-client";
import { refreshBatchStatus } from "../batches/batch-completion";
import { enqueueTaskCallback } from "../callbacks";
import type { TaskCallbackReason } from "../callbacks";
import { recordTaskEvent } from "./history";
import type { TaskEventType } from "./history";

export type StatusChange = {
  taskId: string;
  batchId: string | null;
  event: TaskEventType;
  actor: string;
  data?: Record<string, unknown>;
  /** Set when the change owes the customer a callback (completion, error, audit, recall). */
  callback?: { reason: TaskCallbackReason; organizationId: string; isTest: boolean };
};

/**
 * Everything that must happen in the transaction that changed a task's status: its history event,
 * its callback's outbox row, and its batch's status (which may owe a batch callback in turn).
 */
export const onTaskStatusChanged = async (tx: DbClient, change: StatusChange) => {
  await recordTaskEvent(tx, change.taskId, change.event, change.actor, change.data);
  if (change.callback) {
    await enqueueTaskCallback(tx, { ...change.callback, taskId: change.taskId });
  }
  await refreshBatchStatus(tx, [change.batchId]);
};
