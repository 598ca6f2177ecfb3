import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

import { createTestDatabase } from "@taskforge/db/testing";
import type { TestDatabase } from "@taskforge/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startServer, waitForHealthy } from "../server";
import type { RunningServer } from "../server";
import { HttpSession } from "./http-session";

/**
 * Two web processes and two `pnpm worker` processes on one PostgreSQL: the same unique_ids are sent
 * to both servers at once, Taskers signed in on either server claim and submit concurrently, and the
 * workers deliver the completion callbacks. No unique_id gets two tasks, no task is worked twice, and
 * every task's callback arrives.
 */

const KEY = "live_multi_0123456789abcdef0123";
const TASKS = Number(process.env.TASKFORGE_LONG_TESTS === "1" ? 1_000 : 120);
const TASKERS = 6;
const apiDir = fileURLToPath(new URL("../../../../packages/api", import.meta.url));

let db: TestDatabase;
const servers: RunningServer[] = [];
const workers: ChildProcess[] = [];
const received: { webhookId: string; taskId: string; status: string }[] = [];
let receiverUrl = "";
let closeReceiver = () => undefined as void;

const authorization = `Basic ${Buffer.from(`${KEY}:`).toString("base64")}`;
const rest = async (server: RunningServer, method: string, path: string, body?: unknown) => {
  const response = await fetch(`${server.baseUrl}/v1${path}`, {
    method,
    headers: { authorization, "content-type": "application/json" },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

const env = () => ({
  DATABASE_URL: db.url ?? "",
  TASKFORGE_BOOTSTRAP_API_KEY: KEY,
  TASKFORGE_CALLBACK_ALLOWLIST: "127.0.0.1",
});

beforeAll(async () => {
  db = await createTestDatabase("postgres");
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, any>;
      received.push({
        webhookId: String(req.headers["webhook-id"]),
        taskId: String(body.task_id ?? body.task?.task_id),
        status: String(body.status ?? body.task?.status),
      });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  closeReceiver = () => void receiver.close();

  // One at a time: the first start creates the schema and the bootstrap key.
  for (let i = 0; i < 2; i++) {
    const server = await startServer(env());
    servers.push(server);
    await waitForHealthy(server);
  }
  for (let i = 0; i < 2; i++) {
    workers.push(
      spawn(process.execPath, ["--import", "tsx", "src/bin/worker.ts"], {
        cwd: apiDir,
        env: {
          NODE_ENV: "production",
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? "",
          ...env(),
        },
        stdio: "ignore",
      }),
    );
  }
});
afterAll(async () => {
  for (const worker of workers) worker.kill("SIGTERM");
  await Promise.all(servers.map((server) => server.stop()));
  closeReceiver();
  await db?.close();
});

describe("two servers and two workers on one PostgreSQL", () => {
  it("creates each unique_id once, assigns each task once, and delivers every callback", async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const project = await rest(a, "POST", "/projects", {
      type: "categorization",
      name: "multi",
      params: { attachment_type: "text", categories: ["a", "b"] },
    });
    expect(project.status).toBe(200);
    // The Taskers below are platform workers of another organization: the project opts them in.
    await db.prisma.project.updateMany({
      where: { name: "multi" },
      data: { platformWorkforce: true },
    });

    // Every unique_id is sent to both servers at the same moment.
    const creates = await Promise.all(
      Array.from({ length: TASKS }, (_, i) => {
        const body = {
          project: "multi",
          attachment: `item ${i}`,
          unique_id: `multi-${i}`,
          callback_url: receiverUrl,
        };
        return Promise.all([
          rest(a, "POST", "/task/categorization", body),
          rest(b, "POST", "/task/categorization", body),
        ]);
      }),
    );
    for (const pair of creates) {
      expect(pair.map((r) => r.status).sort()).toEqual([200, 409]);
    }
    const [counted] = await db.sql.query<{ n: number; ids: number }>(
      "SELECT count(*)::int AS n, count(DISTINCT unique_id)::int AS ids FROM tasks",
    );
    expect(counted).toEqual({ n: TASKS, ids: TASKS });

    // Taskers sign up, are given the categorization type, and sign in on alternating servers.
    const sessions = await Promise.all(
      Array.from({ length: TASKERS }, async (_, i) => {
        const server = servers[i % 2] as RunningServer;
        const email = `tasker${i}-${Date.now()}@example.com`;
        const password = `tasker-password-${i}-long`;
        const signUp = await new HttpSession(server.baseUrl).trpc("account.signUp", {
          email,
          password,
          organization_name: `Taskers ${i}`,
        });
        expect(signUp.status).toBe(200);
        const user = await db.prisma.user.update({
          where: { email },
          data: { platformRoles: ["tasker"] },
        });
        await db.prisma.workGrant.create({
          data: { userId: user.id, role: "annotate", taskType: "categorization" },
        });
        const session = new HttpSession(server.baseUrl);
        expect(await session.signIn(email, password)).toBe(true);
        return session;
      }),
    );

    const submitted = await Promise.all(
      sessions.map(async (session) => {
        let count = 0;
        for (;;) {
          const next = await session.trpc("work.next", { kind: "annotate" });
          expect(next.status, next.text).toBe(200);
          const item = (next.json as { result: { data: { assignment_id: string } | null } }).result
            .data;
          if (!item) return count;
          const submit = await session.trpc("work.submit", {
            assignment_id: item.assignment_id,
            response: { category: "a" },
          });
          expect(submit.status, submit.text).toBe(200);
          count++;
        }
      }),
    );
    expect(submitted.reduce((x, y) => x + y, 0)).toBe(TASKS);
    const perTask = await db.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM task_assignments WHERE status = 'submitted' GROUP BY task_id",
    );
    expect(perTask.length).toBe(TASKS);
    expect(perTask.every((row) => row.n === 1)).toBe(true);
    expect(await db.prisma.task.count({ where: { status: "completed" } })).toBe(TASKS);

    // Every completed task's callback arrives (at least once; a repeat keeps its webhook-id).
    const deadline = Date.now() + 120_000;
    const completedTasks = () =>
      new Set(received.filter((r) => r.status === "completed").map((r) => r.taskId));
    while (completedTasks().size < TASKS && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(completedTasks().size).toBe(TASKS);
    const idsPerWebhook = new Map<string, Set<string>>();
    for (const r of received) {
      idsPerWebhook.set(r.webhookId, (idsPerWebhook.get(r.webhookId) ?? new Set()).add(r.taskId));
    }
    expect([...idsPerWebhook.values()].every((tasks) => tasks.size === 1)).toBe(true);
    const pending = await db.prisma.callbackDelivery.count({
      where: { status: { not: "succeeded" } },
    });
    expect(pending).toBe(0);
  }, 600_000);
});
