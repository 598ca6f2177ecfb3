// Callback delivery: throughput of two `pnpm worker` processes into a local sink, and the delay from
// a task's completion (commit) to the first attempt, each against a bare raw-`pg` equivalent run
// on the same database in the same run. Then endpoint isolation: the same paced completions while
// 300 callbacks hang at another receiver (baseline: the run without them), and throughput to a
// receiver that takes 2 s per answer (baseline: a bare relay with as many requests in flight).
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { createServer } from "node:http";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

import { createTasks } from "@taskforge/api";
import type { Scope } from "@taskforge/api";
import { enqueueTaskCallback, enqueueTaskCallbacks } from "@taskforge/api/callbacks";
import { createTestDatabase } from "@taskforge/db/testing";
import type { TestDatabase } from "@taskforge/db/testing";
import pg from "pg";

import { peakRssMb, percentile, round, rssResult } from "./measure";
import type { Result } from "./measure";

const DELIVERIES = Number(process.env.BENCH_CALLBACKS ?? 5_000);
const LATENCY_SAMPLES = Number(process.env.BENCH_CALLBACK_LATENCY_SAMPLES ?? 500);
const HANGING = Number(process.env.BENCH_CALLBACKS_HANGING ?? 300);
const SLOW_DELIVERIES = Number(process.env.BENCH_CALLBACKS_SLOW ?? 4_000);
const SLOW_REPLY_MS = 2_000;
const COMPLETIONS_PER_SECOND = 50;
const WORKERS = 2;
// The workers' default per-destination maximum (three quarters of their default concurrency, 256).
const SLOW_BASELINE_IN_FLIGHT = 192;
const API_DIR = fileURLToPath(new URL("../../packages/api/", import.meta.url));

/**
 * A receiver that answers 200 (at once, after `replyMs`, or never) and notes when each task's
 * first callback arrived.
 */
const startSink = async (replyMs: number | "never" = 0) => {
  const firstArrival = new Map<string, number>();
  let count = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const now = performance.now();
      count++;
      const { task_id: taskId } = JSON.parse(Buffer.concat(chunks).toString()) as {
        task_id: string;
      };
      if (!firstArrival.has(taskId)) firstArrival.set(taskId, now);
      if (replyMs === "never") return;
      if (replyMs) setTimeout(() => res.end("ok"), replyMs);
      else res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sink`;
  return {
    url,
    firstArrival,
    count: () => count,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

/** Starts `pnpm worker` processes and resolves once each has said it is ready. */
const startWorkers = (db: TestDatabase) =>
  Promise.all(
    Array.from({ length: WORKERS }, () => {
      const child = spawn(process.execPath, ["--import", "tsx", "src/bin/worker.ts"], {
        cwd: API_DIR,
        env: {
          ...process.env,
          DATABASE_URL: db.url,
          TASKFORGE_DB_POOL_SIZE: "8",
          TASKFORGE_CALLBACK_ALLOWLIST: "127.0.0.1",
          TASKFORGE_LOG_LEVEL: "info",
        },
        stdio: ["ignore", "pipe", "inherit"],
      });
      return new Promise<ChildProcess>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          if (chunk.toString().includes('"callback delivery started"')) resolve(child);
        });
        child.once("exit", (code) => reject(new Error(`worker exited early (${code})`)));
      });
    }),
  );

const waitUntil = async (check: () => boolean, what: string, timeoutMs = 300_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

const newTasks = async (scope: Scope, n: number, callbackUrl: string) => {
  const ids: string[] = [];
  for (let offset = 0; offset < n; offset += 1000) {
    const { results } = await createTasks(
      scope,
      Array.from({ length: Math.min(1000, n - offset) }, (_, i) => ({
        type: "categorization",
        params: {
          attachment_type: "text",
          attachment: `item ${offset + i}`,
          categories: ["a", "b"],
        },
        callback_url: callbackUrl,
      })),
    );
    ids.push(...results.flatMap((r) => (r.ok ? [r.task.task_id] : [])));
  }
  return ids;
};

/**
 * The baseline relay: the least a Postgres outbox can do (claim with SKIP LOCKED, POST over
 * keep-alive, mark done), with no signing, SSRF check, ordering, retry bookkeeping or log.
 */
const rawRelay = async (raw: pg.Pool, url: string, n: number, inFlight = 16) => {
  await raw.query(`DROP TABLE IF EXISTS bench_outbox`);
  await raw.query(
    `CREATE TABLE bench_outbox (id bigserial PRIMARY KEY, body text NOT NULL, claimed boolean NOT NULL DEFAULT false, done boolean NOT NULL DEFAULT false)`,
  );
  await raw.query(
    `INSERT INTO bench_outbox (body) SELECT json_build_object('task_id', 'raw' || n)::text FROM generate_series(1, $1::int) n`,
    [n],
  );
  const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });
  const post = (body: string) =>
    new Promise<void>((resolve, reject) => {
      const request = http.request(url, {
        method: "POST",
        agent,
        headers: { "content-type": "application/json" },
      });
      request.on("response", (response) => response.resume().on("end", resolve));
      request.on("error", reject);
      request.end(body);
    });
  const relay = async () => {
    for (;;) {
      const { rows } = await raw.query<{ id: string; body: string }>(
        // Marked as claimed in the same statement, so the other relay does not post them too.
        `UPDATE bench_outbox SET claimed = true WHERE id IN (
          SELECT id FROM bench_outbox WHERE NOT claimed ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id, body`,
        [inFlight],
      );
      if (!rows.length) return;
      await Promise.all(
        rows.map(async (row) => {
          await post(row.body);
          await raw.query(`UPDATE bench_outbox SET done = true WHERE id = $1`, [row.id]);
        }),
      );
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: WORKERS }, relay));
  agent.destroy();
  return n / ((performance.now() - start) / 1000);
};

/** Commit of a NOTIFY to its arrival at a LISTENer: the floor of any wake-up. */
const notifyLatencies = async (raw: pg.Pool, url: string | undefined, samples: number) => {
  const listener = new pg.Client({ connectionString: url });
  await listener.connect();
  await listener.query("LISTEN bench_wake");
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const heard = new Promise<number>((resolve) =>
      listener.once("notification", () => resolve(performance.now())),
    );
    // From issuing the (autocommitted) NOTIFY: its notification can arrive before the reply does.
    const issued = performance.now();
    await raw.query("SELECT pg_notify('bench_wake', '')");
    times.push((await heard) - issued);
    await new Promise((resolve) => setTimeout(resolve, 1000 / COMPLETIONS_PER_SECOND));
  }
  await listener.end();
  return times;
};

/** Completes each task in its own transaction at a steady pace; each one's commit → first arrival. */
const pacedDelays = async (scope: Scope, tasks: string[], sink: Sink) => {
  const committedAt = new Map<string, number>();
  for (const taskId of tasks) {
    await scope.db.prisma.$transaction(async (tx) => {
      await tx.task.update({
        where: { id: taskId },
        data: { status: "completed", completedAt: new Date() },
      });
      await enqueueTaskCallback(tx, { ...scope, taskId, reason: "completed" });
    });
    committedAt.set(taskId, performance.now());
    await new Promise((resolve) => setTimeout(resolve, 1000 / COMPLETIONS_PER_SECOND));
  }
  await waitUntil(() => tasks.every((id) => sink.firstArrival.has(id)), "the paced callbacks");
  return tasks.map((id) => (sink.firstArrival.get(id) ?? 0) - (committedAt.get(id) ?? 0));
};

/** Queues the callbacks of `tasks` in one transaction. */
const queueAtOnce = (scope: Scope, tasks: string[]) =>
  scope.db.prisma.$transaction(
    (tx) =>
      enqueueTaskCallbacks(
        tx,
        tasks.map((taskId) => ({ ...scope, taskId, reason: "completed" as const })),
      ),
    { timeout: 120_000 },
  );

type Sink = Awaited<ReturnType<typeof startSink>>;

export const benchCallbacks = async (): Promise<Result[]> => {
  const db = await createTestDatabase("postgres", { poolSize: 4 });
  const raw = new pg.Pool({ connectionString: db.url, max: 4 });
  // An idle connection ended by the server must not crash the run; the pool replaces it.
  raw.on("error", () => undefined);
  const sink = await startSink();
  const hangingSink = await startSink("never");
  const slowSink = await startSink(SLOW_REPLY_MS);
  let workers: ChildProcess[] = [];
  try {
    const organization = await db.prisma.organization.create({ data: { name: "bench" } });
    const scope: Scope = {
      db,
      organizationId: organization.id,
      isTest: false,
      actor: "bench",
      roles: ["owner"],
    };
    const burst = await newTasks(scope, DELIVERIES, sink.url);
    const paced = await newTasks(scope, LATENCY_SAMPLES, sink.url);
    const pacedBesideHanging = await newTasks(scope, LATENCY_SAMPLES, sink.url);
    const hanging = await newTasks(scope, HANGING, hangingSink.url);
    const slow = await newTasks(scope, SLOW_DELIVERIES, slowSink.url);
    workers = await startWorkers(db);

    // 1. Throughput: the whole burst committed at once, drained by the two workers (timed from
    // the commit; delivery cannot start before it).
    await queueAtOnce(scope, burst);
    const start = performance.now();
    await waitUntil(() => sink.count() >= DELIVERIES, "the burst");
    const ours = DELIVERIES / ((performance.now() - start) / 1000);

    // 2. Latency: completions at a steady pace, each in its own transaction as the engine does.
    const delays = await pacedDelays(scope, paced, sink);

    // 3. Isolation: the same while callbacks to a receiver that never answers are in flight
    // (queued first, so by due time alone they would be taken first).
    await queueAtOnce(scope, hanging);
    const besideHanging = await pacedDelays(scope, pacedBesideHanging, sink);

    // 4. A slow but healthy receiver: every answer takes 2 s.
    await queueAtOnce(scope, slow);
    const slowStart = performance.now();
    await waitUntil(() => slowSink.count() >= SLOW_DELIVERIES, "the slow receiver's callbacks");
    const slowRate = SLOW_DELIVERIES / ((performance.now() - slowStart) / 1000);

    // The workers are the server side here: their peak memory, the larger of the two.
    const workerRss = Math.max(...workers.map((w) => peakRssMb(w.pid ?? 0) ?? 0));
    for (const worker of workers) worker.kill("SIGTERM");
    const baselineRate = await rawRelay(raw, sink.url, DELIVERIES);
    const slowBaseline = await rawRelay(
      raw,
      slowSink.url,
      SLOW_DELIVERIES,
      SLOW_BASELINE_IN_FLIGHT,
    );
    const floor = await notifyLatencies(raw, db.url, Math.min(200, LATENCY_SAMPLES));

    const results: Result[] = [
      {
        scenario: `callbacks: ${DELIVERIES} queued at once, ${WORKERS} worker processes → local sink (baseline: bare pg relay)`,
        metric: "deliveries/s",
        value: round(ours, 0),
        unit: "deliveries/s",
        baseline: round(baselineRate, 0),
        ratio: round(ours / baselineRate),
      },
    ];
    for (const p of [50, 99]) {
      results.push({
        scenario: `callbacks: completion → first attempt, ${COMPLETIONS_PER_SECOND}/s (baseline: NOTIFY → LISTEN)`,
        metric: `p${p}`,
        value: round(percentile(delays, p)),
        unit: "ms",
        baseline: round(percentile(floor, p)),
        ratio: round(percentile(floor, p) / percentile(delays, p)),
      });
    }
    for (const p of [50, 99]) {
      results.push({
        scenario: `callbacks: completion → first attempt, ${COMPLETIONS_PER_SECOND}/s, while ${HANGING} callbacks hang at another receiver (baseline: the same without them)`,
        metric: `p${p}`,
        value: round(percentile(besideHanging, p)),
        unit: "ms",
        baseline: round(percentile(delays, p)),
        ratio: round(percentile(delays, p) / percentile(besideHanging, p)),
      });
    }
    results.push({
      scenario: `callbacks: ${SLOW_DELIVERIES} to a receiver answering in ${SLOW_REPLY_MS / 1000} s, ${WORKERS} worker processes (baseline: bare pg relay, ${SLOW_BASELINE_IN_FLIGHT} in flight each)`,
      metric: "deliveries/s",
      value: round(slowRate, 0),
      unit: "deliveries/s",
      baseline: round(slowBaseline, 0),
      ratio: round(slowRate / slowBaseline),
    });
    results.push(
      rssResult(
        `callbacks: ${WORKERS} worker processes`,
        workerRss || null,
        null,
        "largest worker process",
      ),
    );
    return results;
  } finally {
    for (const worker of workers) worker.kill("SIGKILL");
    await sink.close();
    await hangingSink.close();
    await slowSink.close();
    await raw.end();
    await db.close();
  }
};

// `tsx src/callbacks.ts` runs this benchmark alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.table(await benchCallbacks());
}
