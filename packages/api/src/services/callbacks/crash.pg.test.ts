import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

import { createTestDatabase } from "@taskforge/db/testing";
import type { TestDatabase } from "@taskforge/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";

import type { Scope } from "../../scope";
import { createTasks } from "../tasks";
import { enqueueTaskCallbacks } from "./enqueue";
import { eventually, newScope } from "./testing/fixtures";
import { startReceiver } from "./testing/receiver";
import type { Receiver } from "./testing/receiver";

// `pnpm worker` processes over PostgreSQL: one is SIGKILLed in the middle of a burst, another
// takes over. Nothing may be lost; what was in flight arrives again with the same webhook-id.

const DELIVERIES = 5_000;
const KILL_AT = 1_000;
const API_DIR = fileURLToPath(new URL("../../..", import.meta.url));
const WORKER = fileURLToPath(new URL("../../bin/worker.ts", import.meta.url));

let db: TestDatabase;
let scope: Scope;
let receiver: Receiver;
const children: ChildProcess[] = [];
const output: string[] = [];

const startWorker = (name: string) => {
  const child = spawn(process.execPath, ["--import", "tsx", WORKER], {
    cwd: API_DIR,
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      TASKFORGE_DB_POOL_SIZE: "8",
      TASKFORGE_CALLBACK_ALLOWLIST: "127.0.0.1",
      TASKFORGE_CALLBACK_CONCURRENCY: "16",
      TASKFORGE_CALLBACK_POLL_MS: "50",
      TASKFORGE_CALLBACK_TIMEOUT_MS: "1000",
      TASKFORGE_CALLBACK_LEASE_MS: "1500",
      TASKFORGE_CALLBACK_RETRY_BASE_MS: "50",
      TASKFORGE_LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => output.push(`[${name}] ${chunk.toString()}`));
  child.stderr?.on("data", (chunk: Buffer) => output.push(`[${name}] ${chunk.toString()}`));
  children.push(child);
  return child;
};

const exitOf = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode });
    } else child.once("exit", (code, signal) => resolve({ code, signal }));
  });

beforeAll(async () => {
  db = await createTestDatabase("postgres");
  scope = await newScope(db);
  receiver = await startReceiver((_, index) => {
    // The first worker dies while this request is in flight: it never sees the answer.
    if (index === KILL_AT) {
      children[0]?.kill("SIGKILL");
      return "hang";
    }
    return { status: 200 };
  });
  for (let chunk = 0; chunk < DELIVERIES / 1000; chunk++) {
    const { results } = await createTasks(
      scope,
      Array.from({ length: 1000 }, (_, i) => ({
        type: "categorization",
        params: {
          attachment_type: "text",
          attachment: `item ${chunk * 1000 + i}`,
          categories: ["a", "b"],
        },
        callback_url: receiver.url,
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
  }
}, 120_000);

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await receiver.close();
  await db.close();
});

it("loses no callback when a worker is killed mid-burst; duplicates keep their webhook-id", async () => {
  try {
    const first = startWorker("A");
    expect(await exitOf(first)).toEqual({ code: null, signal: "SIGKILL" });
    const second = startWorker("B");

    await eventually(
      async () =>
        (await db.prisma.callbackDelivery.count({ where: { status: "succeeded" } })) === DELIVERIES,
      90_000,
      "every delivery to succeed",
    );

    // Every delivery arrived, under its own id, with the same bytes each time it arrived.
    const deliveries = await db.prisma.callbackDelivery.findMany({
      select: { id: true, taskId: true },
    });
    const byId = new Map<string, Set<string>>();
    for (const call of receiver.received) {
      const id = String(call.headers["webhook-id"]);
      byId.set(id, (byId.get(id) ?? new Set()).add(call.body));
    }
    expect(byId.size).toBe(DELIVERIES);
    expect(new Set(byId.keys())).toEqual(new Set(deliveries.map((d) => d.id)));
    for (const delivery of deliveries) {
      const bodies = [...(byId.get(delivery.id) ?? [])];
      expect(bodies).toHaveLength(1);
      expect(JSON.parse(bodies[0] ?? "{}").task_id).toBe(delivery.taskId);
    }
    // The request in flight at the kill (at least) came again.
    const duplicates = receiver.received.length - DELIVERIES;
    expect(duplicates).toBeGreaterThanOrEqual(1);
    expect(await db.prisma.task.count({ where: { callbackSucceeded: true } })).toBe(DELIVERIES);

    // SIGTERM: the survivor drains and exits cleanly.
    second.kill("SIGTERM");
    expect(await exitOf(second)).toEqual({ code: 0, signal: null });
  } catch (error) {
    console.error(output.join(""));
    throw error;
  }
}, 150_000);
