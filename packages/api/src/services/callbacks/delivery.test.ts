import { createTestDatabase } from "@taskforge/db/testing";
import type { TestDatabase } from "@taskforge/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { Scope } from "../../scope";
import { activeCallbackSecrets } from "./secrets";
import { closedPort, startReceiver } from "./testing/receiver";
import type { Receiver } from "./testing/receiver";
import {
  completeTask,
  createCallbackTask,
  FAST,
  newScope,
  settledDelivery,
} from "./testing/fixtures";
import { startDeliveryWorkers } from "./worker";
import type { DeliveryWorkers } from "./worker";

let db: TestDatabase;
let scope: Scope;
let receiver: Receiver | undefined;
let workers: DeliveryWorkers | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
  scope = await newScope(db);
});
afterEach(async () => {
  await workers?.stop();
  await receiver?.close();
  workers = undefined;
  receiver = undefined;
});
afterAll(async () => {
  await db.close();
});

const callbackSucceeded = async (taskId: string) =>
  (await db.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).callbackSucceeded;

describe("callback delivery to a real receiver", () => {
  it("delivers on the first attempt: Scale's body, auth header, webhook-id, and the log", async () => {
    receiver = await startReceiver(() => ({ status: 200, body: "thanks" }));
    const task = await createCallbackTask(scope, receiver.url);
    const deliveryId = await completeTask(scope, task.task_id, { category: "small" });
    workers = startDeliveryWorkers(db, FAST);

    const delivery = await settledDelivery(db, deliveryId ?? "");
    expect(delivery.status).toBe("succeeded");
    expect(receiver.received).toHaveLength(1);
    const [call] = receiver.received;
    const body = JSON.parse(call?.body ?? "{}");
    expect(body).toMatchObject({
      task_id: task.task_id,
      status: "completed",
      response: { category: "small" },
      task: { task_id: task.task_id, status: "completed", callback_url: receiver.url },
    });
    const [secret] = await activeCallbackSecrets(db.sql, scope.organizationId);
    expect(call?.headers["content-type"]).toBe("application/json");
    expect(call?.headers["scale-callback-auth"]).toBe(secret?.secret);
    expect(call?.headers["webhook-id"]).toBe(deliveryId);
    expect(call?.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(delivery.attemptLog).toMatchObject([
      { attempt: 1, statusCode: 200, error: null, responseExcerpt: "thanks" },
    ]);
    expect(delivery.attemptLog[0]?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(await callbackSucceeded(task.task_id)).toBe(true);
  });

  it("retries a 500 and succeeds, with the same webhook-id and body", async () => {
    receiver = await startReceiver((_, index) =>
      index === 0 ? { status: 500, body: "boom" } : { status: 204 },
    );
    const task = await createCallbackTask(scope, receiver.url);
    const deliveryId = await completeTask(scope, task.task_id);
    workers = startDeliveryWorkers(db, FAST);

    const delivery = await settledDelivery(db, deliveryId ?? "");
    expect(delivery.status).toBe("succeeded");
    expect(delivery.attemptLog.map((a) => [a.attempt, a.statusCode, a.error])).toEqual([
      [1, 500, "the receiver answered 500"],
      [2, 204, null],
    ]);
    expect(delivery.attemptLog[0]?.responseExcerpt).toBe("boom");
    const [first, second] = receiver.received;
    expect(second?.headers["webhook-id"]).toBe(first?.headers["webhook-id"]);
    expect(second?.body).toBe(first?.body);
    expect(await callbackSucceeded(task.task_id)).toBe(true);
  });

  it("gives up on a receiver that does not answer in time, then succeeds on the retry", async () => {
    receiver = await startReceiver((_, index) => (index === 0 ? "hang" : { status: 200 }));
    const task = await createCallbackTask(scope, receiver.url);
    const deliveryId = await completeTask(scope, task.task_id);
    workers = startDeliveryWorkers(db, { ...FAST, timeoutMs: 300, leaseMs: 2_000 });

    const delivery = await settledDelivery(db, deliveryId ?? "");
    expect(delivery.status).toBe("succeeded");
    expect(delivery.attemptLog[0]?.statusCode).toBeNull();
    expect(delivery.attemptLog[0]?.error).toBe("no complete reply within 300 ms (timeout)");
    expect(delivery.attemptLog[0]?.latencyMs).toBeGreaterThanOrEqual(290);
    expect(delivery.attemptLog[1]?.statusCode).toBe(200);
  });

  it("stops after the last attempt when the connection is refused, and marks the task", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/callback`;
    const task = await createCallbackTask(scope, url);
    // Set beforehand so the test can see the worker turn it false.
    await db.prisma.task.update({ where: { id: task.task_id }, data: { callbackSucceeded: true } });
    const deliveryId = await completeTask(scope, task.task_id);
    workers = startDeliveryWorkers(db, FAST);

    const delivery = await settledDelivery(db, deliveryId ?? "");
    expect(delivery.status).toBe("failed");
    expect(delivery.attempts).toBe(FAST.schedule.maxAttempts);
    expect(delivery.attemptLog).toHaveLength(FAST.schedule.maxAttempts);
    expect(delivery.lastError).toBe("connection refused (ECONNREFUSED)");
    expect(delivery.finishedAt).not.toBeNull();
    // The waits grow: each gap is at least the schedule's lower jitter bound.
    const starts = delivery.attemptLog.map((a) => a.startedAt.getTime());
    expect((starts.at(-1) ?? 0) - (starts[0] ?? 0)).toBeGreaterThanOrEqual(
      0.8 * (10 + 20 + 40) - 5,
    );
    expect(await callbackSucceeded(task.task_id)).toBe(false);
  });

  it("uses the organization's default URL for tasks without one, and skips tasks with neither", async () => {
    receiver = await startReceiver();
    const other = await newScope(db, "No URL");
    const orphan = await createCallbackTask(other, undefined);
    expect(await completeTask(other, orphan.task_id)).toBeNull();

    await db.prisma.organization.update({
      where: { id: other.organizationId },
      data: { defaultCallbackUrl: receiver.url },
    });
    const task = await createCallbackTask(other, undefined);
    const deliveryId = await completeTask(other, task.task_id);
    workers = startDeliveryWorkers(db, FAST);
    expect((await settledDelivery(db, deliveryId ?? "")).url).toBe(receiver.url);
    expect(JSON.parse(receiver.received[0]?.body ?? "{}").task_id).toBe(task.task_id);
    expect(await db.prisma.callbackDelivery.count({ where: { taskId: orphan.task_id } })).toBe(0);
  });

  it("rolls the outbox row back with the state change", async () => {
    const task = await createCallbackTask(scope, "https://example.com/hook");
    await expect(
      db.prisma.$transaction(async (tx) => {
        const { enqueueTaskCallback } = await import("./enqueue");
        await enqueueTaskCallback(tx, { ...scope, taskId: task.task_id, reason: "completed" });
        throw new Error("the state change failed");
      }),
    ).rejects.toThrow("the state change failed");
    expect(await db.prisma.callbackDelivery.count({ where: { taskId: task.task_id } })).toBe(0);
  });

  it("drains the callbacks in flight on stop", async () => {
    receiver = await startReceiver(() => ({ status: 200, delayMs: 300 }));
    const task = await createCallbackTask(scope, receiver.url);
    const deliveryId = await completeTask(scope, task.task_id);
    const running = startDeliveryWorkers(db, FAST);
    await receiver.waitFor(1);
    await running.stop();
    const row = await db.prisma.callbackDelivery.findUniqueOrThrow({
      where: { id: deliveryId ?? "" },
    });
    expect(row.status).toBe("succeeded");
  });
});
