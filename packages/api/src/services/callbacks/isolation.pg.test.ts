import { createTestDatabase } from "@taskforge/db/testing";
import type { TestDatabase } from "@taskforge/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { Scope } from "../../scope";
import { createTasks } from "../tasks";
import { listTaskCallbacks, resendTaskCallback } from "./deliveries";
import { destinationOf } from "./destinations";
import { enqueueTaskCallbacks } from "./enqueue";
import { claimDueDeliveries } from "./store";
import { eventually, FAST, newScope } from "./testing/fixtures";
import { startReceiver } from "./testing/receiver";
import type { Receiver } from "./testing/receiver";
import { startDeliveryWorkers } from "./worker";
import type { DeliveryWorkers } from "./worker";

// Endpoint isolation on PostgreSQL with real receivers: a receiver that hangs holds up only its
// own callbacks, a resend is not stuck behind a backed-off delivery, and a failing receiver's
// breaker opens (its callbacks wait without spending attempts) and closes again on success.

let db: TestDatabase;
const receivers: Receiver[] = [];
let workers: DeliveryWorkers | undefined;

beforeAll(async () => {
  db = await createTestDatabase("postgres");
});
afterEach(async () => {
  // Receivers first: closing them ends the requests held open, so the workers can stop.
  for (const receiver of receivers.splice(0)) await receiver.close();
  await workers?.stop();
  workers = undefined;
});
afterAll(async () => {
  await db.close();
});

const receiver = async (...args: Parameters<typeof startReceiver>) => {
  const started = await startReceiver(...args);
  receivers.push(started);
  return started;
};

/** `n` completed tasks of `scope` with their callbacks queued to `url`; returns their ids. */
const completedTasks = async (scope: Scope, n: number, url: string) => {
  const { results } = await createTasks(
    scope,
    Array.from({ length: n }, (_, i) => ({
      type: "categorization",
      params: { attachment_type: "text", attachment: `item ${i}`, categories: ["a", "b"] },
      callback_url: url,
    })),
  );
  const ids = results.flatMap((r) => (r.ok ? [r.task.task_id] : []));
  await db.prisma.$transaction(async (tx) => {
    await tx.task.updateMany({ where: { id: { in: ids } }, data: { status: "completed" } });
    await enqueueTaskCallbacks(
      tx,
      ids.map((taskId) => ({ ...scope, taskId, reason: "completed" as const })),
    );
  });
  return ids;
};

const deliveriesTo = (url: string) =>
  db.prisma.callbackDelivery.findMany({
    where: { url },
    select: { id: true, taskId: true, status: true, attempts: true },
  });

describe("callbacks isolated per destination", () => {
  it("delivers every callback to a healthy receiver while another receiver hangs", async () => {
    const hanging = await receiver(() => "hang");
    const healthy = await receiver(() => ({ status: 200 }));
    // The hanging receiver's callbacks are older, so a claim by due time alone would take them first.
    await completedTasks(await newScope(db, "Hangs"), 40, hanging.url);
    await completedTasks(await newScope(db, "Healthy"), 60, healthy.url);
    workers = startDeliveryWorkers(db, {
      ...FAST,
      concurrency: 16,
      destinations: { start: 4 },
      // Long enough that no hanging attempt ends during the test.
      timeoutMs: 600_000,
      leaseMs: 1_200_000,
    });

    await healthy.waitFor(60, 60_000);
    await eventually(
      async () =>
        (await deliveriesTo(healthy.url)).every(
          (d) => d.status === "succeeded" && d.attempts === 1,
        ),
      30_000,
      "the healthy deliveries to be recorded",
    );
    // Meanwhile the hanging receiver holds exactly its destination's limit, each attempt logged
    // as in flight, and the rest of its callbacks wait without an attempt spent.
    expect(hanging.received).toHaveLength(4);
    const stuck = await deliveriesTo(hanging.url);
    expect(stuck.every((d) => d.status === "pending")).toBe(true);
    expect(stuck.filter((d) => d.attempts === 1)).toHaveLength(4);
    expect(stuck.filter((d) => d.attempts === 0)).toHaveLength(36);
    expect(
      await db.prisma.callbackAttempt.count({
        where: { delivery: { url: hanging.url }, outcome: "in_flight" },
      }),
    ).toBe(4);
  }, 120_000);

  it("sends a resend at once, ahead of the task's backed-off delivery", async () => {
    let up = false;
    const flaky = await receiver(() => (up ? { status: 200 } : { status: 503 }));
    const scope = await newScope(db, "Resends");
    const [taskId = ""] = await completedTasks(scope, 1, flaky.url);
    workers = startDeliveryWorkers(db, {
      ...FAST,
      // The first failure backs the delivery off for an hour.
      schedule: { maxAttempts: 5, baseDelayMs: 3_600_000, maxDelayMs: 3_600_000, jitter: 0 },
    });
    await flaky.waitFor(1);
    const [original] = await eventually(async () => {
      const rows = await deliveriesTo(flaky.url);
      return rows[0]?.attempts === 1 && rows;
    });

    up = true;
    const result = await resendTaskCallback(scope, taskId, { waitMs: 30_000 });
    expect(result).toMatchObject({ success: true, status: "succeeded" });
    // The backed-off delivery went first (a task's callbacks keep their order), then the resend.
    expect(flaky.received.map((call) => [call.headers["webhook-id"], call.status])).toEqual([
      [original?.id, 503],
      [original?.id, 200],
      [result.delivery_id, 200],
    ]);
  }, 60_000);

  it("opens a failing receiver's breaker, holding its callbacks back, and closes it on success", async () => {
    let up = false;
    const failing = await receiver(() => (up ? { status: 200 } : { status: 500 }));
    const scope = await newScope(db, "Breaker");
    const taskIds = await completedTasks(scope, 10, failing.url);
    workers = startDeliveryWorkers(db, {
      ...FAST,
      // A failed delivery is not retried during the test; only the breaker decides what goes.
      schedule: { maxAttempts: 5, baseDelayMs: 3_600_000, maxDelayMs: 3_600_000, jitter: 0 },
      destinations: { start: 3, breakerFailures: 3, breakerCooldownMs: 3_600_000 },
    });

    // The first claims take three (the starting limit); their failures open the breaker.
    const [open] = await eventually(async () => {
      const { docs } = await listTaskCallbacks(scope, taskIds[0] ?? "");
      return docs[0]?.destination.state === "open" && docs;
    });
    await eventually(async () =>
      (await deliveriesTo(failing.url)).every((d) => d.attempts === 0 || d.status === "pending"),
    );
    const held = await deliveriesTo(failing.url);
    const attempted = held.filter((d) => d.attempts === 1);
    // One request per attempt spent, every one a failure in a row; the others wait unattempted.
    expect(failing.received).toHaveLength(attempted.length);
    expect(attempted.length).toBeGreaterThanOrEqual(3);
    expect(held.filter((d) => d.attempts === 0).length).toBe(10 - attempted.length);
    expect(open?.destination).toMatchObject({
      destination: destinationOf(failing.url),
      last_error: "the receiver answered 500",
    });
    expect(open?.destination.consecutive_failures).toBeGreaterThanOrEqual(3);

    // A resend goes as the half-open probe; its success closes the breaker and the rest follow.
    up = true;
    const unsent = held.find((d) => d.attempts === 0)?.taskId ?? "";
    expect(await resendTaskCallback(scope, unsent, { waitMs: 30_000 })).toMatchObject({
      success: true,
    });
    // Those that failed keep their backoff; all the others go now.
    const failed = new Set(attempted.map((d) => d.id));
    await eventually(
      async () =>
        (await deliveriesTo(failing.url)).every(
          (d) => failed.has(d.id) || d.status === "succeeded",
        ),
      30_000,
      "the held-back deliveries to succeed",
    );
    const { docs } = await listTaskCallbacks(scope, unsent);
    expect(docs[0]?.destination).toMatchObject({
      state: "closed",
      consecutive_failures: 0,
      open_until: null,
    });
  }, 60_000);

  it("claims one probe of a half-open destination, and none while it is open", async () => {
    const scope = await newScope(db, "Probe");
    const url = "https://probe.example/hook";
    await completedTasks(scope, 3, url);
    const key = destinationOf(url);
    const limits = { start: 4, max: 8 };
    await db.prisma.callbackDestination.create({
      data: { key, consecutiveFailures: 5, openUntil: new Date(Date.now() + 3_600_000) },
    });
    const mine = async () =>
      (await claimDueDeliveries(db.sql, 100, 60_000, new Map(), limits)).filter(
        (d) => d.destination === key,
      );
    expect(await mine()).toHaveLength(0);

    await db.prisma.callbackDestination.update({
      where: { key },
      data: { openUntil: new Date(Date.now() - 1) },
    });
    expect(await mine()).toHaveLength(1);
    // The probe holds the destination open for its lease: no second probe meanwhile.
    expect(await mine()).toHaveLength(0);
  });
});
