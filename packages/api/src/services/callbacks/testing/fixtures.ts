import type { Database, Prisma } from "@taskforge/db";

import { SYSTEM_ROLES } from "../../../scope";
import type { Scope } from "../../../scope";
import { createTask } from "../../tasks";
import { enqueueTaskCallback } from "../enqueue";
import type { TaskCallbackReason } from "../enqueue";

/** A scope over a fresh organization. */
export const newScope = async (db: Database, name = "Acme", isTest = false): Promise<Scope> => {
  const organization = await db.prisma.organization.create({ data: { name } });
  return { db, organizationId: organization.id, isTest, actor: "test", roles: SYSTEM_ROLES };
};

export const createCallbackTask = (scope: Scope, callbackUrl?: string) =>
  createTask(scope, {
    type: "categorization",
    instruction: "Is this item big or small?",
    params: { attachment_type: "text", attachment: "car", categories: ["big", "small"] },
    ...(callbackUrl ? { callback_url: callbackUrl } : {}),
  });

/**
 * What the work engine will do: change the task and queue its callback in one transaction. Until
 * the engine calls enqueueTaskCallback itself, tests make the change here.
 */
export const changeTaskWithCallback = (
  scope: Scope,
  taskId: string,
  reason: TaskCallbackReason,
  data: { status?: "pending" | "completed" | "error"; response?: Record<string, unknown> } = {},
) =>
  scope.db.prisma.$transaction(async (tx) => {
    if (data.status || data.response) {
      await tx.task.update({
        where: { id: taskId },
        data: {
          ...(data.status ? { status: data.status } : {}),
          ...(data.response ? { response: data.response as Prisma.InputJsonObject } : {}),
          ...(data.status === "completed" ? { completedAt: new Date() } : {}),
        },
      });
    }
    return enqueueTaskCallback(tx, {
      organizationId: scope.organizationId,
      isTest: scope.isTest,
      taskId,
      reason,
    });
  });

export const completeTask = (scope: Scope, taskId: string, response = { category: "big" }) =>
  changeTaskWithCallback(scope, taskId, "completed", { status: "completed", response });

/** Polls until `check` returns a value (not undefined/false) or the time is up. */
export const eventually = async <T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
  what = "condition",
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

/** Waits until a delivery is no longer pending and returns it with its attempts. */
export const settledDelivery = (db: Database, deliveryId: string, timeoutMs = 15_000) =>
  eventually(
    async () => {
      const row = await db.prisma.callbackDelivery.findUniqueOrThrow({
        where: { id: deliveryId },
        include: { attemptLog: { orderBy: { startedAt: "asc" } } },
      });
      return row.status !== "pending" && row;
    },
    timeoutMs,
    `delivery ${deliveryId} to settle`,
  );

/** Test schedule: the real shape, in milliseconds. */
export const FAST = {
  schedule: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 40, jitter: 0.2 },
  pollIntervalMs: 20,
  timeoutMs: 2_000,
  leaseMs: 5_000,
  allowlist: ["127.0.0.1"],
  secretCacheMs: 0,
  // A breaker's cooldown on the same scale: 60 s becomes 60 ms.
  destinations: { breakerCooldownMs: 60 },
} as const;
