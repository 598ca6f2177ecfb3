import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { createInnerContext } from "../../context";
import type { AuthenticatedKey } from "../../api-keys";
import { startDeliveryWorkers } from "../../services/callbacks";
import type { DeliveryWorkers } from "../../services/callbacks";
import {
  completeTask,
  createCallbackTask,
  FAST,
  settledDelivery,
} from "../../services/callbacks/testing/fixtures";
import { closedPort, startReceiver } from "../../services/callbacks/testing/receiver";
import type { Receiver } from "../../services/callbacks/testing/receiver";
import { expectTRPCError } from "../../test/expect-error";
import { createTenant, createTestDatabase } from "../../test/harness";
import type { TestDatabase, TestTenant } from "../../test/harness";
import { createCallerFactory, createTRPCRouter } from "../../trpc";
import { scopeOf } from "../../scope";
import { callbacksRouter } from "./router";

// The router as the root will mount it (`callbacks: callbacksRouter`), called with API keys.
const createCaller = createCallerFactory(createTRPCRouter({ callbacks: callbacksRouter }));

let db: TestDatabase;
let acme: TestTenant;
let globex: TestTenant;
let workers: DeliveryWorkers;
let receiver: Receiver | undefined;

const callerFor = (key: AuthenticatedKey) =>
  createCaller(createInnerContext({ db, caller: key })).callbacks;

beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
  globex = await createTenant(db, "Globex");
  workers = startDeliveryWorkers(db, FAST);
});
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});
afterAll(async () => {
  await workers.stop();
  await db.close();
});

describe("callbacks router", () => {
  it("lists a task's deliveries with their attempts, and hides them from other organizations", async () => {
    receiver = await startReceiver((_, i) =>
      i === 0 ? { status: 500, body: "down" } : { status: 200 },
    );
    const scope = scopeOf(db, acme.live);
    const task = await createCallbackTask(scope, receiver.url);
    const deliveryId = await completeTask(scope, task.task_id);
    await settledDelivery(db, deliveryId ?? "");

    const { docs } = await callerFor(acme.live).list({ task_id: task.task_id });
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({
      delivery_id: deliveryId,
      event: "task.completed",
      status: "succeeded",
      attempts: 2,
      next_attempt_at: null,
      last_status_code: 200,
      payload: { task_id: task.task_id, status: "completed" },
    });
    expect(docs[0]?.attempt_log.map((a) => [a.attempt, a.status_code, a.response_excerpt])).toEqual(
      [
        [1, 500, "down"],
        [2, 200, "ok"],
      ],
    );
    await expectTRPCError(callerFor(globex.live).list({ task_id: task.task_id }), "NOT_FOUND");
    await expectTRPCError(callerFor(acme.test).list({ task_id: task.task_id }), "NOT_FOUND");
  });

  it("resends a callback and reports whether the receiver accepted it", async () => {
    let accept = true;
    receiver = await startReceiver(() => ({ status: accept ? 200 : 503 }));
    const task = await createCallbackTask(scopeOf(db, acme.live), receiver.url);
    const ok = await callerFor(acme.live).resend({ task_id: task.task_id });
    expect(ok).toMatchObject({ success: true, status: "succeeded" });
    expect(JSON.parse(receiver.received[0]?.body ?? "{}")).toMatchObject({
      task_id: task.task_id,
      status: "pending",
    });

    accept = false;
    const refused = await callerFor(acme.live).resend({ task_id: task.task_id });
    expect(refused).toMatchObject({ success: false, error: "the receiver answered 503" });
    // With the test's millisecond retry schedule the delivery may already have used up its attempts.
    expect(["pending", "failed"]).toContain(refused.status);
    expect(refused.delivery_id).not.toBe(ok.delivery_id);
  });

  it("refuses to resend for a task with nowhere to send it", async () => {
    const task = await createCallbackTask(scopeOf(db, acme.live));
    const error = await expectTRPCError(
      callerFor(acme.live).resend({ task_id: task.task_id }),
      "BAD_REQUEST",
    );
    expect(error.message).toBe(
      `Task ${task.task_id} has no callback_url and the organization has no default callback URL.`,
    );
  });

  it("replays the failed deliveries of a time range, and only those of the caller", async () => {
    const initech = await createTenant(db, "Initech");
    const url = `http://127.0.0.1:${await closedPort()}/down`;
    const scope = scopeOf(db, initech.live);
    const task = await createCallbackTask(scope, url);
    const failed = await settledDelivery(db, (await completeTask(scope, task.task_id)) ?? "");
    expect(failed.status).toBe("failed");
    const foreign = await createCallbackTask(scopeOf(db, globex.live), url);
    const foreignFailed = await settledDelivery(
      db,
      (await completeTask(scopeOf(db, globex.live), foreign.task_id)) ?? "",
    );

    // Nothing in a range before the failure.
    expect(await callerFor(initech.live).replay({ from: "2020-01-01", to: "2020-12-31" })).toEqual({
      replayed: 0,
    });
    await expectTRPCError(
      callerFor(initech.live).replay({ from: "2021-01-01", to: "2020-01-01" }),
      "BAD_REQUEST",
    );

    receiver = await startReceiver();
    // The receiver came back on another port: point the failed delivery there, as a fixed DNS would.
    await db.prisma.callbackDelivery.update({
      where: { id: failed.id },
      data: { url: receiver.url },
    });
    const range = {
      from: new Date(Date.now() - 60_000).toISOString(),
      to: new Date().toISOString(),
    };
    expect(await callerFor(initech.live).replay(range)).toEqual({ replayed: 1 });
    const replayed = await settledDelivery(db, failed.id);
    expect(replayed.status).toBe("succeeded");
    expect(receiver.received[0]?.headers["webhook-id"]).toBe(failed.id);
    expect(
      (await db.prisma.callbackDelivery.findUniqueOrThrow({ where: { id: foreignFailed.id } }))
        .status,
    ).toBe("failed");
    expect(
      (await db.prisma.task.findUniqueOrThrow({ where: { id: task.task_id } })).callbackSucceeded,
    ).toBe(true);
  });

  it("retries one failed delivery", async () => {
    const scope = scopeOf(db, acme.live);
    const task = await createCallbackTask(scope, "nobody@example.com");
    const failed = await settledDelivery(db, (await completeTask(scope, task.task_id)) ?? "");
    const retried = await callerFor(acme.live).retry({ delivery_id: failed.id });
    expect(retried).toMatchObject({ status: "pending", attempts: 0 });
    await expectTRPCError(callerFor(globex.live).retry({ delivery_id: failed.id }), "NOT_FOUND");
    await settledDelivery(db, failed.id);
    await expectTRPCError(callerFor(acme.live).retry({ delivery_id: uuidOfNothing }), "NOT_FOUND");
  });

  it("keeps the default URL and rotates secrets with an overlap", async () => {
    const caller = callerFor(globex.live);
    const initial = await caller.settings();
    expect(initial.default_callback_url).toBeNull();
    expect(initial.secrets).toHaveLength(1);
    expect(initial.secrets[0]?.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    expect(
      (await caller.setDefaultUrl({ default_callback_url: "https://hooks.globex.example/scale" }))
        .default_callback_url,
    ).toBe("https://hooks.globex.example/scale");
    const invalid = await expectTRPCError(
      caller.setDefaultUrl({ default_callback_url: "ftp://x" }),
      "BAD_REQUEST",
    );
    expect(invalid.message).toContain("default_callback_url");

    const rotated = await caller.rotateSecret({ overlap_seconds: 3600 });
    expect(rotated.secrets).toHaveLength(2);
    expect(rotated.secrets[0]?.secret).toBe(initial.secrets[0]?.secret);
    expect(Date.parse(rotated.secrets[0]?.expires_at ?? "")).toBeGreaterThan(Date.now() + 3500_000);
    expect(rotated.secrets[1]?.expires_at).toBeNull();

    const immediate = await caller.rotateSecret({ overlap_seconds: 0 });
    expect(immediate.secrets).toHaveLength(1);
    expect(immediate.secrets[0]?.secret).not.toBe(rotated.secrets[1]?.secret);
    await expectTRPCError(
      createCaller(createInnerContext({ db, caller: null })).callbacks.settings(),
      "UNAUTHORIZED",
    );
  });
});

const uuidOfNothing = "01900000-0000-7000-8000-000000000000";
