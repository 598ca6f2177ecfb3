import type { Prisma } from "@taskforge/db";

import type { DbClient } from "../../db-client";
import { batchSelect, toPublicBatch } from "../batches/batch-mapper";
import { publicTaskSelect, toPublicTask } from "../tasks/task-mapper";
import { destinationOf } from "./destinations";
import { uuidv7 } from "./ids";
import { batchCallbackPayload, taskCallbackPayload } from "./payloads";
import type { BatchTaskCounts } from "./payloads";

/**
 * The outbox side of callbacks. Callers pass their open transaction, so the delivery row commits
 * or rolls back with the state change that owes it: no callback is lost when the process dies
 * right after a commit, and none is sent for a change that was rolled back.
 */

export type TaskCallbackReason = "completed" | "error" | "audit" | "recalled" | "resend";

export type TaskCallbackEvent = {
  organizationId: string;
  isTest: boolean;
  taskId: string;
  reason: TaskCallbackReason;
};

export type BatchCallbackEvent = { organizationId: string; isTest: boolean; batchId: string };

// The organization's default URL comes along in the same query (one round trip per call).
const taskForCallbackSelect = {
  ...publicTaskSelect,
  organizationId: true,
  organization: { select: { defaultCallbackUrl: true } },
} satisfies Prisma.TaskSelect;

/**
 * Queues one callback per event, each carrying the task as it is at this point of the transaction,
 * to the task's `callback_url` or else its organization's default. Events whose task has neither
 * are skipped. Returns the delivery id of each event (null when skipped), in event order; deliveries
 * of one task are sent in the order they were queued.
 */
export const enqueueTaskCallbacks = async (
  tx: DbClient,
  events: readonly TaskCallbackEvent[],
): Promise<(string | null)[]> => {
  if (!events.length) return [];
  const rows = await tx.task.findMany({
    where: { id: { in: [...new Set(events.map((event) => event.taskId))] } },
    select: taskForCallbackSelect,
    relationLoadStrategy: "join",
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const data: Prisma.CallbackDeliveryCreateManyInput[] = [];
  const ids = events.map((event) => {
    const row = byId.get(event.taskId);
    if (!row || row.organizationId !== event.organizationId || row.isTest !== event.isTest) {
      throw new Error(
        `enqueueTaskCallback: no task ${event.taskId} in organization ${event.organizationId} (${event.isTest ? "test" : "live"})`,
      );
    }
    const url = row.callbackUrl ?? row.organization.defaultCallbackUrl;
    if (!url) return null;
    const id = uuidv7();
    data.push({
      id,
      organizationId: event.organizationId,
      isTest: event.isTest,
      taskId: event.taskId,
      event: `task.${event.reason}`,
      url,
      destination: destinationOf(url),
      // Asked for by a person: it goes before its destination's automatic retries.
      manual: event.reason === "resend",
      body: JSON.stringify(taskCallbackPayload(toPublicTask(row))),
    });
    return id;
  });
  if (data.length) await tx.callbackDelivery.createMany({ data });
  return ids;
};

/** Queues the callback of one task event; see enqueueTaskCallbacks. */
export const enqueueTaskCallback = async (
  tx: DbClient,
  event: TaskCallbackEvent,
): Promise<string | null> => (await enqueueTaskCallbacks(tx, [event]))[0] ?? null;

/**
 * Queues the callback of a batch that just completed, to the batch's own `callback` (the
 * organization's default URL receives task callbacks only). Skipped when the batch has none.
 */
export const enqueueBatchCallback = async (
  tx: DbClient,
  event: BatchCallbackEvent,
): Promise<string | null> => {
  const batch = await tx.batch.findFirst({
    where: { id: event.batchId, organizationId: event.organizationId, isTest: event.isTest },
    select: batchSelect,
  });
  if (!batch) {
    throw new Error(
      `enqueueBatchCallback: no batch ${event.batchId} in organization ${event.organizationId}`,
    );
  }
  if (!batch.callbackUrl) return null;
  const groups = await tx.task.groupBy({
    by: ["status"],
    where: { batchId: batch.id },
    _count: { _all: true },
  });
  const counts: BatchTaskCounts = { pending: 0, completed: 0, error: 0, canceled: 0 };
  for (const group of groups) counts[group.status] = group._count._all;
  const id = uuidv7();
  await tx.callbackDelivery.create({
    data: {
      id,
      organizationId: event.organizationId,
      isTest: event.isTest,
      batchId: batch.id,
      event: "batch.completed",
      url: batch.callbackUrl,
      destination: destinationOf(batch.callbackUrl),
      body: JSON.stringify(batchCallbackPayload(toPublicBatch(batch), counts)),
    },
    select: { id: true },
  });
  return id;
};
