import { createTestDatabase } from "@taskforge/db/testing";
import type { TestDatabase } from "@taskforge/db/testing";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";

import { scopeOf } from "../../scope";
import { categorizationTask, createTenant } from "../../test/harness";
import type { TestTenant } from "../../test/harness";
import { startWorkJobs } from "../work/sweep";
import { createTasks } from "./create-tasks";
import { foldTaskCounts, TASK_COUNT_KEY as KEY } from "./fold-task-counts";

// Each connection writes its own `task_counts` rows (shard = backend pid). Folding moves the rows of
// connections that have ended into shard 0 without changing any total, and leaves live ones alone.

let db: TestDatabase;
let acme: TestTenant;

beforeAll(async () => {
  db = await createTestDatabase("postgres");
  acme = await createTenant(db, "Acme");
});
afterAll(() => db.close());

const totalsByKey = async () =>
  (
    await db.sql.query<{ line: string }>(`
      SELECT concat_ws(' ', ${KEY}, sum("tasks")) AS line FROM "task_counts"
      GROUP BY ${KEY} HAVING sum("tasks") <> 0 ORDER BY 1`)
  ).map((r) => r.line);

const rowsOfShard = async (shard: number) => {
  const [row] = await db.sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "task_counts" WHERE "shard" = $1`,
    [shard],
  );
  return row?.n ?? 0;
};

/** A connection of its own, as a server's pool holds: its writes land in its own shard. */
const connect = async () => {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const [row] = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows;
  return { client, pid: row?.pid ?? 0 };
};

const backendGone = async (pid: number) => {
  for (let i = 0; i < 100; i++) {
    const [row] = await db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE "pid" = $1`,
      [pid],
    );
    if (row?.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`backend ${pid} did not exit`);
};

it("folds ended connections' counters into shard 0, keeps live ones, and totals stay exact", async () => {
  await db.prisma.project.create({
    data: { organizationId: acme.organizationId, isTest: false, name: "p", type: "categorization" },
  });
  const made = await createTasks(
    scopeOf(db, acme.live),
    Array.from({ length: 30 }, (_, i) => categorizationTask({ project: "p", tags: [`t${i % 3}`] })),
  );
  const ids = made.results.flatMap((r) => (r.ok ? [r.task.task_id] : []));
  expect(ids).toHaveLength(30);

  const ended = await connect();
  const live = await connect();
  try {
    await foldsAndKeeps(ended, live, ids);
  } finally {
    await ended.client.end().catch(() => undefined);
    await live.client.end();
  }
});

const foldsAndKeeps = async (
  ended: Awaited<ReturnType<typeof connect>>,
  live: Awaited<ReturnType<typeof connect>>,
  ids: string[],
) => {
  await ended.client.query(`UPDATE tasks SET status = 'completed' WHERE id = ANY($1)`, [
    ids.slice(0, 10),
  ]);
  // Canceled and back: rows that net to zero, which folding must not leave behind in shard 0.
  await ended.client.query(`UPDATE tasks SET status = 'canceled' WHERE id = $1`, [ids[10]]);
  await ended.client.query(`UPDATE tasks SET status = 'pending' WHERE id = $1`, [ids[10]]);
  await live.client.query(`UPDATE tasks SET tags = ARRAY['fresh'] WHERE id = ANY($1)`, [
    ids.slice(20, 25),
  ]);
  expect(await rowsOfShard(ended.pid)).toBeGreaterThan(0);
  const liveRows = await rowsOfShard(live.pid);
  expect(liveRows).toBeGreaterThan(0);
  await ended.client.end();
  await backendGone(ended.pid);
  const before = await totalsByKey();

  // While another process holds the folding turn, this one skips.
  await live.client.query(`SELECT pg_advisory_lock(hashtext('taskforge.fold_task_counts'))`);
  expect(await foldTaskCounts(db)).toBe(0);
  expect(await rowsOfShard(ended.pid)).toBeGreaterThan(0);
  await live.client.query(`SELECT pg_advisory_unlock(hashtext('taskforge.fold_task_counts'))`);

  expect(await foldTaskCounts(db)).toBeGreaterThan(0);
  expect(await rowsOfShard(ended.pid)).toBe(0);
  expect(await rowsOfShard(live.pid)).toBe(liveRows);
  expect(await totalsByKey()).toEqual(before);
  const [zero] = await db.sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "task_counts" WHERE "shard" = 0 AND "tasks" = 0`,
  );
  expect(zero?.n).toBe(0);
  const [all] = await db.sql.query<{ n: string }>(
    `SELECT sum("tasks") AS n FROM "task_counts" WHERE "organization_id" = $1 AND "tag" = ''`,
    [acme.organizationId],
  );
  expect(Number(all?.n)).toBe(30);
};

it("is folded by the periodic jobs every web process runs", async () => {
  const [task] = await db.sql.query<{ id: string }>(`SELECT "id" FROM "tasks" LIMIT 1`);
  const ended = await connect();
  await ended.client.query(`UPDATE tasks SET tags = ARRAY['periodic'] WHERE id = $1`, [task?.id]);
  await ended.client.end();
  await backendGone(ended.pid);
  expect(await rowsOfShard(ended.pid)).toBeGreaterThan(0);
  const before = await totalsByKey();
  const jobs = startWorkJobs(db, { intervalMs: 20 });
  try {
    await expect.poll(() => rowsOfShard(ended.pid), { timeout: 5000 }).toBe(0);
  } finally {
    jobs.stop();
  }
  expect(await totalsByKey()).toEqual(before);
});

it("gives way to a writer holding an ended connection's rows, and folds them later", async () => {
  // A pid above Linux's pid_max: no live backend has it, as for a connection that has ended.
  const endedPid = 4_194_305;
  await db.sql.query(
    `INSERT INTO "task_counts" SELECT ${KEY}, $1, 1 FROM "task_counts" WHERE "shard" = 0 LIMIT 1`,
    [endedPid],
  );
  const before = await totalsByKey();
  const writer = await connect();
  try {
    await writer.client.query("BEGIN");
    await writer.client.query(`UPDATE "task_counts" SET "tasks" = "tasks" WHERE "shard" = $1`, [
      endedPid,
    ]);
    await expect(foldTaskCounts(db)).rejects.toThrow(/lock timeout/);
    await writer.client.query("COMMIT");
  } finally {
    await writer.client.end();
  }
  expect(await rowsOfShard(endedPid)).toBe(1);
  expect(await foldTaskCounts(db)).toBe(1);
  expect(await rowsOfShard(endedPid)).toBe(0);
  expect(await totalsByKey()).toEqual(before);
});
