import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { scopeOf } from "../scope";
import { listTaskCallbacks, resendTaskCallback } from "../services/callbacks";
import { createCallbackTask } from "../services/callbacks/testing/fixtures";
import { startReceiver } from "../services/callbacks/testing/receiver";
import type { Receiver } from "../services/callbacks/testing/receiver";
import { createTenant, createTestDatabase } from "../test/harness";
import type { TestDatabase } from "../test/harness";
import { startWorkerProcess } from "../test/worker-process";
import type { WorkerProcess } from "../test/worker-process";

/**
 * A callback worker killed with SIGKILL in the middle of a delivery (the receiver has the request
 * and has not answered) loses nothing: once its lease runs out, the next worker process delivers the
 * callback again with the same webhook-id, so the receiver can tell it is the same one, and the
 * attempt it had started shows in the delivery log as interrupted.
 */

let db: TestDatabase;
let receiver: Receiver;
const workers: WorkerProcess[] = [];

const workerEnv = () => ({
  DATABASE_URL: db.url ?? "",
  TASKFORGE_CALLBACK_ALLOWLIST: "127.0.0.1",
  // A short lease so the test does not wait long (it must exceed the attempt timeout). The worker
  // is killed as soon as the receiver holds the request, well within that timeout.
  TASKFORGE_CALLBACK_LEASE_MS: "6000",
  TASKFORGE_CALLBACK_TIMEOUT_MS: "5000",
  TASKFORGE_CALLBACK_POLL_MS: "200",
  TASKFORGE_CALLBACK_RETRY_BASE_MS: "100",
});

beforeAll(async () => {
  db = await createTestDatabase("postgres");
  // The first request is held unanswered (the worker dies meanwhile); later ones succeed.
  receiver = await startReceiver((_call, index) => (index === 0 ? "hang" : { status: 200 }));
});
afterAll(async () => {
  for (const worker of workers) await worker.kill("SIGKILL");
  await receiver?.close();
  await db?.close();
});

describe("SIGKILL of a callback worker mid-delivery", () => {
  it("is retried by the next worker and arrives with the same webhook-id", async () => {
    const tenant = await createTenant(db, "Acme");
    const scope = scopeOf(db, tenant.live);
    const task = await createCallbackTask(scope, receiver.url);
    const first = startWorkerProcess(workerEnv());
    workers.push(first);
    await first.ready;

    const { delivery_id } = await resendTaskCallback(scope, task.task_id, { waitMs: 0 });
    await receiver.waitFor(1, 30_000);
    await first.kill("SIGKILL");
    expect(first.process.signalCode).toBe("SIGKILL");
    const inFlight = await db.prisma.callbackDelivery.findUniqueOrThrow({
      where: { id: delivery_id },
    });
    expect(inFlight.status).not.toBe("succeeded");

    const second = startWorkerProcess(workerEnv());
    workers.push(second);
    await second.ready;
    await receiver.waitFor(2, 60_000);

    const [held, retried] = receiver.received;
    expect(held?.headers["webhook-id"]).toBe(delivery_id);
    expect(retried?.headers["webhook-id"]).toBe(delivery_id);
    expect(retried?.body).toBe(held?.body);
    expect(JSON.parse(retried?.body ?? "{}")).toMatchObject({ task_id: task.task_id });

    // The delivery is recorded as succeeded once the receiver answered.
    for (let i = 0; i < 100; i++) {
      const row = await db.prisma.callbackDelivery.findUniqueOrThrow({
        where: { id: delivery_id },
      });
      if (row.status === "succeeded") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(
      (await db.prisma.callbackDelivery.findUniqueOrThrow({ where: { id: delivery_id } })).status,
    ).toBe("succeeded");
    // The killed worker's attempt is in the log, as interrupted, before the one that succeeded.
    const { docs } = await listTaskCallbacks(scope, task.task_id);
    expect(docs[0]?.attempt_log.map((a) => [a.attempt, a.outcome, a.latency_ms === null])).toEqual([
      [1, "interrupted", true],
      [2, "succeeded", false],
    ]);
  }, 120_000);
});
