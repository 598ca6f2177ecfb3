import { createTestDatabase } from "@taskforge/db/testing";
import type { TestDatabase } from "@taskforge/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Scope } from "../../scope";
import { enqueueTaskCallbacks } from "./enqueue";
import {
  claimDueDeliveries,
  pruneFinishedDeliveries,
  recordAttempts,
  releaseClaims,
} from "./store";
import { createCallbackTask, newScope } from "./testing/fixtures";

let db: TestDatabase;
let scope: Scope;

beforeAll(async () => {
  db = await createTestDatabase();
  scope = await newScope(db);
});
afterAll(async () => {
  await db.close();
});

const queue = async (n: number) => {
  const tasks = await Promise.all(
    Array.from({ length: n }, () => createCallbackTask(scope, "https://example.com/store")),
  );
  return enqueueTaskCallbacks(
    db.prisma,
    tasks.map((t) => ({ ...scope, taskId: t.task_id, reason: "completed" as const })),
  );
};

// Room enough that the per-destination limit does not bound these claims.
const LIMITS = { start: 100, max: 100, breakerFailures: 5, breakerCooldownMs: 60_000 };
const claim = (limit: number, leaseMs: number) =>
  claimDueDeliveries(db.sql, limit, leaseMs, new Map(), LIMITS);

const attempt = {
  startedAt: new Date(),
  latencyMs: 3,
  statusCode: 200,
  error: null,
  responseExcerpt: null,
};

describe("outbox statements", () => {
  it("claims each due delivery once, and not again while the lease lasts", async () => {
    await db.prisma.callbackDelivery.deleteMany();
    await queue(5);
    const first = await claim(3, 60_000);
    const second = await claim(10, 60_000);
    expect(first).toHaveLength(3);
    expect(second).toHaveLength(2);
    expect(new Set([...first, ...second].map((d) => d.id)).size).toBe(5);
    expect(first.every((d) => d.attempts === 1)).toBe(true);
    expect(await claim(10, 60_000)).toEqual([]);

    // Released claims are due again at once and do not count as attempts.
    await releaseClaims(db.sql, first);
    const again = await claim(10, 60_000);
    expect(again.map((d) => d.id).sort()).toEqual(first.map((d) => d.id).sort());
    expect(again.every((d) => d.attempts === 1)).toBe(true);
  });

  it("makes an expired lease due again (a worker that died)", async () => {
    await db.prisma.callbackDelivery.deleteMany();
    await queue(1);
    const [claimed] = await claim(1, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const [reclaimed] = await claim(1, 60_000);
    expect(reclaimed?.id).toBe(claimed?.id);
    expect(reclaimed?.attempts).toBe(2);
    // The first attempt was logged when claimed, and shows as interrupted once reclaimed.
    expect(
      await db.prisma.callbackAttempt.findMany({
        where: { deliveryId: reclaimed?.id ?? "" },
        orderBy: { attempt: "asc" },
        select: { attempt: true, outcome: true },
      }),
    ).toEqual([
      { attempt: 1, outcome: "interrupted" },
      { attempt: 2, outcome: "in_flight" },
    ]);
    // The first holder's late failure is ignored; a success still counts.
    if (!claimed || !reclaimed) throw new Error("nothing claimed");
    await recordAttempts(
      db.sql,
      [
        {
          delivery: claimed,
          attempt: { ...attempt, statusCode: 500 },
          verdict: { kind: "failed" },
          health: "down",
        },
      ],
      LIMITS,
    );
    expect(
      (await db.prisma.callbackDelivery.findUniqueOrThrow({ where: { id: claimed.id } })).status,
    ).toBe("pending");
    await recordAttempts(
      db.sql,
      [{ delivery: claimed, attempt, verdict: { kind: "succeeded" }, health: "up" }],
      LIMITS,
    );
    const row = await db.prisma.callbackDelivery.findUniqueOrThrow({
      where: { id: claimed.id },
      include: { attemptLog: true },
    });
    expect(row.status).toBe("succeeded");
    expect(row.attemptLog).toHaveLength(2);
  });

  it("prunes finished deliveries past the retention, keeping pending and recent ones", async () => {
    await db.prisma.callbackDelivery.deleteMany();
    const [old, recent, pending] = await queue(3);
    const longAgo = new Date(Date.now() - 40 * 86_400_000);
    await db.prisma.callbackDelivery.update({
      where: { id: old ?? "" },
      data: { status: "succeeded", finishedAt: longAgo },
    });
    await db.prisma.callbackDelivery.update({
      where: { id: recent ?? "" },
      data: { status: "failed", finishedAt: new Date() },
    });
    await db.prisma.callbackDelivery.update({
      where: { id: pending ?? "" },
      data: { createdAt: longAgo },
    });
    expect(await pruneFinishedDeliveries(db.sql, 30)).toBe(1);
    const left = await db.prisma.callbackDelivery.findMany({ select: { id: true } });
    expect(left.map((d) => d.id).sort()).toEqual([recent, pending].sort());
  });
});
