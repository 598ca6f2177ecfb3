import { createTestDatabase } from "@taskforge/db/testing";
import type { TestDatabase } from "@taskforge/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { Scope } from "../../scope";
import type { DeliveryWorkerOptions } from "./options";
import type { Resolver } from "./ssrf";
import { startReceiver } from "./testing/receiver";
import type { Receiver, Reply } from "./testing/receiver";
import {
  completeTask,
  createCallbackTask,
  FAST,
  newScope,
  settledDelivery,
} from "./testing/fixtures";
import { startDeliveryWorkers } from "./worker";
import type { DeliveryWorkers } from "./worker";

// Only loopback addresses are ever connected to: 127.0.0.1 plays the allowed receiver and other
// 127.x addresses the forbidden ones. Private and metadata ranges are covered in ssrf.unit.test.ts.

let db: TestDatabase;
let scope: Scope;
const receivers: Receiver[] = [];
let workers: DeliveryWorkers | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
  scope = await newScope(db);
});
afterEach(async () => {
  await workers?.stop();
  workers = undefined;
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});
afterAll(async () => {
  await db.close();
});

const receiver = async (reply?: (call: unknown, index: number) => Reply, host?: string) => {
  const started = await startReceiver(reply, host);
  receivers.push(started);
  return started;
};

const deliver = async (url: string, options: DeliveryWorkerOptions) => {
  const task = await createCallbackTask(scope, url);
  const deliveryId = await completeTask(scope, task.task_id);
  workers = startDeliveryWorkers(db, { ...FAST, ...options });
  return settledDelivery(db, deliveryId ?? "");
};

describe("SSRF guard on real connections", () => {
  it("refuses loopback unless allowed, without connecting", async () => {
    const target = await receiver();
    const refused = await deliver(target.url, {
      allowlist: [],
      schedule: { ...FAST.schedule, maxAttempts: 2 },
    });
    expect(refused.status).toBe("failed");
    expect(refused.lastError).toBe(
      "refused to connect: 127.0.0.1 is a loopback (127.0.0.0/8) address; an operator can allow it with TASKFORGE_CALLBACK_ALLOWLIST",
    );
    expect(target.received).toHaveLength(0);
  });

  it("allows listed CIDR ranges and host names", async () => {
    const target = await receiver();
    expect((await deliver(target.url, { allowlist: ["127.0.0.0/8"] })).status).toBe("succeeded");
    await workers?.stop();

    const resolve: Resolver = () => Promise.resolve([{ address: "127.0.0.1", family: 4 }]);
    const named = await deliver(`http://callbacks.test:${target.port}/callback`, {
      allowlist: ["callbacks.test"],
      resolve,
    });
    expect(named.status).toBe("succeeded");
    expect(target.received).toHaveLength(2);
  });

  it("checks the DNS answer of every connection, so rebinding cannot slip through", async () => {
    const target = await receiver(() => ({ status: 500, close: true }));
    const answers = ["127.0.0.1", "127.0.0.2"];
    const asked: string[] = [];
    const resolve: Resolver = (hostname) => {
      asked.push(hostname);
      const address = answers[Math.min(asked.length - 1, answers.length - 1)] ?? "";
      return Promise.resolve([{ address, family: 4 }]);
    };
    const delivery = await deliver(`http://rebind.test:${target.port}/callback`, {
      allowlist: ["127.0.0.1/32"],
      resolve,
      schedule: { ...FAST.schedule, maxAttempts: 2 },
    });
    expect(asked).toEqual(["rebind.test", "rebind.test"]);
    expect(delivery.attemptLog.map((a) => a.statusCode)).toEqual([500, null]);
    expect(delivery.attemptLog[1]?.error).toContain(
      "refused to connect: rebind.test resolves to 127.0.0.2, which is a loopback",
    );
    expect(target.received).toHaveLength(1);
  });

  it("does not follow redirects by default", async () => {
    const target = await receiver(() => ({ status: 302 }));
    const delivery = await deliver(target.url, {});
    expect(delivery.status).toBe("failed");
    expect(delivery.attemptLog[0]?.statusCode).toBe(302);
  });

  it("checks every redirect hop when redirects are followed", async () => {
    const final = await receiver();
    const forbiddenHop = await receiver(() => ({ status: 200 }), "127.0.0.2");
    const hops = [forbiddenHop.url, final.url];
    const redirecting = await receiver((_, index) => ({ status: 307, location: hops[index] }));
    const options = {
      allowlist: ["127.0.0.1/32"],
      followRedirects: 1,
      schedule: { ...FAST.schedule, maxAttempts: 2 },
    };

    const delivery = await deliver(redirecting.url, options);
    expect(delivery.status).toBe("succeeded");
    expect(delivery.attemptLog[0]?.error).toBe(
      "refused to connect: 127.0.0.2 is a loopback (127.0.0.0/8) address; an operator can allow it with TASKFORGE_CALLBACK_ALLOWLIST",
    );
    expect(forbiddenHop.received).toHaveLength(0);
    expect(final.received).toHaveLength(1);
    expect(final.received[0]?.body).toBe(redirecting.received[0]?.body);
  });
});
