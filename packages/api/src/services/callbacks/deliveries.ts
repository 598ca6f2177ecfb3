import type { Prisma } from "@taskforge/db";

import { badRequest, notFound, taskNotFound } from "../../errors";
import { worldOf } from "../../scope";
import type { Scope } from "../../scope";
import { enqueueTaskCallback } from "./enqueue";
import type { CallbackDelivery, SendCallbackResult } from "@taskforge/schema";

const deliverySelect = {
  id: true,
  event: true,
  url: true,
  body: true,
  status: true,
  attempts: true,
  createdAt: true,
  nextAttemptAt: true,
  finishedAt: true,
  lastStatusCode: true,
  lastError: true,
  attemptLog: {
    orderBy: { startedAt: "asc" },
    select: {
      attempt: true,
      startedAt: true,
      latencyMs: true,
      statusCode: true,
      error: true,
      responseExcerpt: true,
    },
  },
} satisfies Prisma.CallbackDeliverySelect;

type DeliveryRow = Prisma.CallbackDeliveryGetPayload<{ select: typeof deliverySelect }>;

const toPublicDelivery = (row: DeliveryRow): CallbackDelivery => ({
  delivery_id: row.id,
  event: row.event,
  url: row.url,
  status: row.status,
  attempts: row.attempts,
  created_at: row.createdAt.toISOString(),
  next_attempt_at: row.status === "pending" ? row.nextAttemptAt.toISOString() : null,
  finished_at: row.finishedAt?.toISOString() ?? null,
  last_status_code: row.lastStatusCode,
  last_error: row.lastError,
  payload: JSON.parse(row.body) as unknown,
  attempt_log: row.attemptLog.map((a) => ({
    attempt: a.attempt,
    started_at: a.startedAt.toISOString(),
    latency_ms: a.latencyMs,
    status_code: a.statusCode,
    error: a.error,
    response_excerpt: a.responseExcerpt,
  })),
});

const requireTask = async (scope: Scope, taskId: string) => {
  const task = await scope.db.prisma.task.findFirst({
    where: { id: taskId, ...worldOf(scope) },
    select: { id: true },
  });
  if (!task) throw taskNotFound();
};

/** A task's callbacks, newest first, each with its attempts. */
export const listTaskCallbacks = async (
  scope: Scope,
  taskId: string,
): Promise<{ docs: CallbackDelivery[] }> => {
  await requireTask(scope, taskId);
  const rows = await scope.db.prisma.callbackDelivery.findMany({
    where: { taskId, ...worldOf(scope) },
    orderBy: { seq: "desc" },
    take: 100,
    select: deliverySelect,
  });
  return { docs: rows.map(toPublicDelivery) };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends the task's callback again, with the task as it is now, behind any of its callbacks still
 * pending. Waits up to `waitMs` for the first attempt (made by the delivery workers) and reports
 * whether the receiver accepted it; a delivery not yet accepted keeps being retried.
 */
export const resendTaskCallback = async (
  scope: Scope,
  taskId: string,
  { waitMs = 10_000 }: { waitMs?: number } = {},
): Promise<SendCallbackResult> => {
  await requireTask(scope, taskId);
  const deliveryId = await scope.db.prisma.$transaction((tx) =>
    enqueueTaskCallback(tx, { ...worldOf(scope), taskId, reason: "resend" }),
  );
  if (!deliveryId) {
    throw badRequest(
      `Task ${taskId} has no callback_url and the organization has no default callback URL.`,
    );
  }
  const deadline = Date.now() + waitMs;
  for (;;) {
    const row = await scope.db.prisma.callbackDelivery.findUniqueOrThrow({
      where: { id: deliveryId },
      select: { status: true, lastError: true, leaseToken: true, attempts: true },
    });
    const attempted = row.attempts > 0 && row.leaseToken === null;
    if (row.status !== "pending" || attempted || Date.now() >= deadline) {
      return {
        success: row.status === "succeeded",
        delivery_id: deliveryId,
        status: row.status,
        ...(row.lastError ? { error: row.lastError } : {}),
      };
    }
    await sleep(Math.min(50, Math.max(0, deadline - Date.now())));
  }
};

/**
 * Queues every failed delivery of the organization (this world) created in [from, to] again, with
 * a fresh attempt budget and the same webhook-id.
 */
export const replayFailedCallbacks = async (
  scope: Scope,
  range: { from: Date; to: Date },
): Promise<{ replayed: number }> => {
  const { count } = await scope.db.prisma.callbackDelivery.updateMany({
    where: { ...worldOf(scope), status: "failed", createdAt: { gte: range.from, lte: range.to } },
    data: { status: "pending", attempts: 0, nextAttemptAt: new Date(), finishedAt: null },
  });
  return { replayed: count };
};

/** Queues one failed delivery again (fresh attempt budget, same webhook-id). */
export const retryCallbackDelivery = async (
  scope: Scope,
  deliveryId: string,
): Promise<CallbackDelivery> => {
  const where = { id: deliveryId, ...worldOf(scope) };
  // Queued and read in one transaction: its row lock keeps a worker from attempting the delivery
  // before the answer shows it as queued.
  const queued = await scope.db.prisma.$transaction(async (tx) => {
    const { count } = await tx.callbackDelivery.updateMany({
      where: { ...where, status: "failed" },
      data: { status: "pending", attempts: 0, nextAttemptAt: new Date(), finishedAt: null },
    });
    return count
      ? tx.callbackDelivery.findUniqueOrThrow({ where: { id: deliveryId }, select: deliverySelect })
      : null;
  });
  if (queued) return toPublicDelivery(queued);
  const row = await scope.db.prisma.callbackDelivery.findFirst({ where, select: { status: true } });
  if (!row) throw notFound("Callback delivery");
  throw badRequest(
    `Callback delivery ${deliveryId} is ${row.status}; only failed ones can be retried.`,
  );
};
