import type { Prisma } from "@taskforge/db";

import { badRequest, notFound, taskNotFound } from "../../errors";
import { worldOf } from "../../scope";
import type { Scope } from "../../scope";
import { destinationStates, probeDestinationsNow, toDestinationState } from "./destinations";
import { enqueueTaskCallback } from "./enqueue";
import type {
  CallbackDelivery,
  CallbackDestinationState,
  SendCallbackResult,
} from "@taskforge/schema";

const deliverySelect = {
  id: true,
  event: true,
  url: true,
  destination: true,
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
      outcome: true,
      startedAt: true,
      latencyMs: true,
      statusCode: true,
      error: true,
      responseExcerpt: true,
    },
  },
} satisfies Prisma.CallbackDeliverySelect;

type DeliveryRow = Prisma.CallbackDeliveryGetPayload<{ select: typeof deliverySelect }>;

const toPublicDelivery = (
  row: DeliveryRow,
  destination: CallbackDestinationState = toDestinationState(row.destination, undefined),
): CallbackDelivery => ({
  delivery_id: row.id,
  event: row.event,
  url: row.url,
  destination,
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
    outcome: a.outcome,
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
  const states = await destinationStates(
    scope.db.sql,
    rows.map((row) => row.destination),
  );
  return { docs: rows.map((row) => toPublicDelivery(row, states.get(row.destination))) };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends the task's callback again, with the task as it is now, at once: its callbacks still
 * pending (and not in flight) are due now too and go first, in order, ahead of their
 * destination's automatic retries, and an open breaker lets one of them through as its probe.
 * Waits up to `waitMs` for the first attempt (made by the delivery workers) and reports whether
 * the receiver accepted it; a delivery not yet accepted keeps being retried.
 */
export const resendTaskCallback = async (
  scope: Scope,
  taskId: string,
  { waitMs = 10_000 }: { waitMs?: number } = {},
): Promise<SendCallbackResult> => {
  await requireTask(scope, taskId);
  const deliveryId = await scope.db.prisma.$transaction(async (tx) => {
    const id = await enqueueTaskCallback(tx, { ...worldOf(scope), taskId, reason: "resend" });
    // Earlier ones would hold it back (a task's callbacks go in order): they go now as well.
    if (id) {
      await tx.callbackDelivery.updateMany({
        where: { taskId, ...worldOf(scope), status: "pending", leaseToken: null, id: { not: id } },
        data: { nextAttemptAt: new Date(), manual: true },
      });
    }
    return id;
  });
  if (!deliveryId) {
    throw badRequest(
      `Task ${taskId} has no callback_url and the organization has no default callback URL.`,
    );
  }
  const pending = await scope.db.prisma.callbackDelivery.findMany({
    where: { taskId, ...worldOf(scope), status: "pending" },
    select: { destination: true },
  });
  await probeDestinationsNow(
    scope.db.sql,
    pending.map((row) => row.destination),
  );
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

const queuedAgain = () => ({
  status: "pending" as const,
  attempts: 0,
  nextAttemptAt: new Date(),
  finishedAt: null,
});

/**
 * Queues every failed delivery of the organization (this world) created in [from, to] again, with
 * a fresh attempt budget and the same webhook-id, due now and ahead of automatic retries.
 */
export const replayFailedCallbacks = async (
  scope: Scope,
  range: { from: Date; to: Date },
): Promise<{ replayed: number }> => {
  const where = {
    ...worldOf(scope),
    status: "failed" as const,
    createdAt: { gte: range.from, lte: range.to },
  };
  const destinations = await scope.db.prisma.callbackDelivery.findMany({
    where,
    select: { destination: true },
    distinct: ["destination"],
  });
  const { count } = await scope.db.prisma.callbackDelivery.updateMany({
    where,
    data: { ...queuedAgain(), manual: true },
  });
  await probeDestinationsNow(
    scope.db.sql,
    destinations.map((row) => row.destination),
  );
  return { replayed: count };
};

/** Queues one failed delivery again (fresh attempt budget, same webhook-id), due now. */
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
      data: { ...queuedAgain(), manual: true },
    });
    return count
      ? tx.callbackDelivery.findUniqueOrThrow({ where: { id: deliveryId }, select: deliverySelect })
      : null;
  });
  if (queued) {
    await probeDestinationsNow(scope.db.sql, [queued.destination]);
    const states = await destinationStates(scope.db.sql, [queued.destination]);
    return toPublicDelivery(queued, states.get(queued.destination));
  }
  const row = await scope.db.prisma.callbackDelivery.findFirst({ where, select: { status: true } });
  if (!row) throw notFound("Callback delivery");
  throw badRequest(
    `Callback delivery ${deliveryId} is ${row.status}; only failed ones can be retried.`,
  );
};
