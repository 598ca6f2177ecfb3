import { openDatabase } from "@taskforge/db";
import type { Database } from "@taskforge/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { scopeOf } from "../scope";
import { startDeliveryWorkers } from "../services/callbacks";
import type { DeliveryWorkers } from "../services/callbacks";
import { resendTaskCallback } from "../services/callbacks";
import { createCallbackTask } from "../services/callbacks/testing/fixtures";
import { startReceiver } from "../services/callbacks/testing/receiver";
import type { Receiver } from "../services/callbacks/testing/receiver";
import { createTenant } from "../test/harness";
import type { TestTenant } from "../test/harness";
import { startPrivatePostgres } from "../test/private-postgres";
import type { PrivatePostgres } from "../test/private-postgres";
import { scaleClient, startRestServer } from "../test/rest-server";

/**
 * PostgreSQL restarts while creates and callback deliveries are in flight (a private cluster, so the
 * shared server is untouched): meanwhile every request is answered, with 503 when it needed the
 * database, none hangs; afterwards the server works again without a restart of its own, every create
 * it acknowledged is there, and every queued callback is delivered.
 */

const LOOPS = 3;
// A request still unanswered after this long counts as hung.
const HANG_MS = 30_000;

let pg: PrivatePostgres;
let db: Database;
let tenant: TestTenant;
let server: Awaited<ReturnType<typeof startRestServer>>;
let receiver: Receiver;
let workers: DeliveryWorkers;

beforeAll(async () => {
  pg = await startPrivatePostgres();
  db = await openDatabase({ databaseUrl: pg.url, poolSize: 5 });
  tenant = await createTenant(db, "Acme");
  server = await startRestServer({ db });
  receiver = await startReceiver();
  workers = startDeliveryWorkers(db, {
    schedule: { maxAttempts: 50, baseDelayMs: 100, maxDelayMs: 500, jitter: 0.2 },
    pollIntervalMs: 50,
    timeoutMs: 2_000,
    leaseMs: 5_000,
    allowlist: ["127.0.0.1"],
    secretCacheMs: 0,
  });
}, 120_000);
afterAll(async () => {
  await workers?.stop();
  await receiver?.close();
  await server?.close();
  await db?.close();
  pg?.remove();
});

/** `sequence`: the order in which the requests were sent (their answers can arrive in another). */
type Outcome = {
  sequence: number;
  uniqueId: string;
  status: number | "hung" | "network";
  error?: string;
};

describe("a PostgreSQL restart under load", () => {
  it("answers 503 meanwhile, never hangs, and loses nothing", async () => {
    const scale = scaleClient(server.baseUrl, tenant.live.key);
    const scope = scopeOf(db, tenant.live);
    const outcomes: Outcome[] = [];
    let running = true;
    let counter = 0;
    const create = async (): Promise<Outcome> => {
      const sequence = counter++;
      const uniqueId = `restart-${sequence}`;
      try {
        const response = await fetch(`${server.baseUrl}/task/categorization`, {
          method: "POST",
          headers: {
            authorization: `Basic ${Buffer.from(`${tenant.live.key}:`).toString("base64")}`,
            "content-type": "application/json",
          },
          body: JSON.stringify({
            attachment_type: "text",
            attachment: uniqueId,
            categories: ["a", "b"],
            unique_id: uniqueId,
          }),
          signal: AbortSignal.timeout(HANG_MS),
        });
        const body = (await response.json()) as { error?: string };
        return {
          sequence,
          uniqueId,
          status: response.status,
          ...(body.error ? { error: body.error } : {}),
        };
      } catch (error) {
        return {
          sequence,
          uniqueId,
          status: (error as Error).name === "TimeoutError" ? "hung" : "network",
          error: String(error),
        };
      }
    };
    const loops = Array.from({ length: LOOPS }, async () => {
      while (running) {
        outcomes.push(await create());
        await new Promise((r) => setTimeout(r, 20));
      }
    });

    // Callbacks queued just before the restart are delivered after it.
    const deliveryIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const task = await createCallbackTask(scope, receiver.url);
      deliveryIds.push((await resendTaskCallback(scope, task.task_id, { waitMs: 0 })).delivery_id);
    }
    while (outcomes.filter((o) => o.status === 200).length < 10)
      await new Promise((r) => setTimeout(r, 50));

    // A request already in flight when the database stops may still be answered 200 (it committed
    // first) or 503; the requests sent while it is down must all be 503.
    pg.stop();
    const sentWhileDown = counter;
    const whileDown = () => outcomes.filter((o) => o.sequence >= sentWhileDown);
    while (whileDown().length < 6) await new Promise((r) => setTimeout(r, 50));
    // Sent after the stop and answered before the start: the database was down for all of them.
    const duringOutage = whileDown();
    pg.start();

    // The server reconnects by itself: creates succeed again.
    const upFrom = outcomes.length;
    const deadline = Date.now() + 60_000;
    while (
      Date.now() < deadline &&
      outcomes.slice(upFrom).filter((o) => o.status === 200).length < 10
    ) {
      await new Promise((r) => setTimeout(r, 50));
    }
    running = false;
    await Promise.all(loops);

    const unexpected = outcomes.filter((o) => o.status !== 200 && o.status !== 503);
    expect(unexpected).toEqual([]);
    expect(duringOutage.length).toBeGreaterThan(0);
    expect(
      duringOutage.every((o) => o.status === 503),
      JSON.stringify(duringOutage),
    ).toBe(true);
    expect(duringOutage[0]?.error).toMatch(/database/i);
    expect(outcomes.slice(upFrom).filter((o) => o.status === 200).length).toBeGreaterThanOrEqual(
      10,
    );

    // Every acknowledged create is stored, exactly once.
    const acknowledged = outcomes.filter((o) => o.status === 200).map((o) => o.uniqueId);
    const stored = await db.prisma.task.findMany({
      where: { uniqueId: { in: acknowledged } },
      select: { uniqueId: true },
    });
    expect(stored.map((t) => t.uniqueId).sort()).toEqual([...acknowledged].sort());
    expect((await scale.get("/tasks?limit=1")).status).toBe(200);

    // Every callback queued before the restart arrives.
    const arrived = () => new Set(receiver.received.map((r) => String(r.headers["webhook-id"])));
    const until = Date.now() + 60_000;
    while (Date.now() < until && !deliveryIds.every((id) => arrived().has(id))) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const webhookIds = arrived();
    expect(deliveryIds.filter((id) => !webhookIds.has(id))).toEqual([]);
  }, 240_000);
});
