import { createTestDatabase } from "@taskforge/db/testing";
import type { TestDatabase } from "@taskforge/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";

import type { Scope } from "../../scope";
import type { TaskCallbackReason } from "./enqueue";
import { startReceiver } from "./testing/receiver";
import {
  changeTaskWithCallback,
  createCallbackTask,
  eventually,
  FAST,
  newScope,
} from "./testing/fixtures";
import { startDeliveryWorkers } from "./worker";

let db: TestDatabase;
let scope: Scope;

beforeAll(async () => {
  db = await createTestDatabase();
  scope = await newScope(db);
});
afterAll(async () => {
  await db.close();
});

const EVENTS: [TaskCallbackReason, "pending" | "completed"][] = [
  ["completed", "completed"],
  ["audit", "completed"],
  ["recalled", "pending"],
  ["completed", "completed"],
];

it("sends each task's callbacks in event order, even when earlier ones need retries", async () => {
  // Every third request fails, so some tasks' first callbacks need a retry while their later
  // events are already queued: those must wait rather than overtake.
  const receiver = await startReceiver((_, index) =>
    index % 3 === 0 ? { status: 503 } : { status: 200, delayMs: index % 5 },
  );
  const tasks = await Promise.all(
    Array.from({ length: 6 }, () => createCallbackTask(scope, receiver.url)),
  );
  const queued = new Map<string, string[]>();
  for (const [reason, status] of EVENTS) {
    for (const task of tasks) {
      const id = await changeTaskWithCallback(scope, task.task_id, reason, { status });
      queued.set(task.task_id, [...(queued.get(task.task_id) ?? []), id ?? ""]);
    }
  }
  const workers = startDeliveryWorkers(db, {
    ...FAST,
    concurrency: 8,
    schedule: { ...FAST.schedule, maxAttempts: 10 },
  });
  try {
    const total = tasks.length * EVENTS.length;
    await eventually(
      async () =>
        (await db.prisma.callbackDelivery.count({ where: { status: "succeeded" } })) >= total,
      20_000,
      "every delivery to succeed",
    );
  } finally {
    await workers.stop();
    await receiver.close();
  }

  for (const task of tasks) {
    const arrivals = receiver.received.filter(
      (call) => JSON.parse(call.body).task_id === task.task_id,
    );
    const expected = queued.get(task.task_id) ?? [];
    // Accepted deliveries arrive in queue order...
    const accepted = arrivals.filter((call) => call.status === 200);
    expect(accepted.map((call) => call.headers["webhook-id"])).toEqual(expected);
    // ...and no event is even attempted before the one before it was accepted.
    const ids = arrivals.map((call) => call.headers["webhook-id"] as string);
    for (let k = 1; k < expected.length; k++) {
      const firstTry = ids.indexOf(expected[k] ?? "");
      const previousAccepted = arrivals.findIndex(
        (call) => call.headers["webhook-id"] === expected[k - 1] && call.status === 200,
      );
      expect(firstTry).toBeGreaterThan(previousAccepted);
    }
    // The bodies carry the task as it was at each event.
    expect(accepted.map((call): unknown => JSON.parse(call.body).status)).toEqual(
      EVENTS.map(([, s]) => s),
    );
  }
  expect(receiver.received.some((call) => call.status === 503)).toBe(true);
});
