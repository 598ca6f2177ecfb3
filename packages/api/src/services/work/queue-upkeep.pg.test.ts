import { createTestDatabase } from "@taskforge/db/testing";
import type { TestDatabase } from "@taskforge/db/testing";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";

import { scopeOf } from "../../scope";
import { categorizationTask, createTenant } from "../../test/harness";
import { createTasks } from "../tasks/create-tasks";
import { vacuumClaimQueue } from "./queue-upkeep";
import { startWorkJobs } from "./sweep";

// The periodic jobs vacuum `tasks` once enough dead rows have built up, so claims do not walk past
// the dead entries that claimed and finished tasks leave at the front of the claim queue's index.

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase("postgres");
  // No autovacuum or autoanalyze of this database's tasks: either would hold the table, and the
  // vacuum under test (SKIP_LOCKED) would then pass its turn.
  await db.sql.query(`ALTER TABLE "tasks" SET (autovacuum_enabled = false)`);
  const acme = await createTenant(db, "Acme");
  const made = await createTasks(
    scopeOf(db, acme.live),
    Array.from({ length: 40 }, () => categorizationTask()),
  );
  expect(made.results.every((r) => r.ok)).toBe(true);
});
afterAll(() => db.close());

const tasksStats = async () => {
  const [row] = await db.sql.query<{ dead: string; vacuums: string }>(
    `SELECT "n_dead_tup" AS "dead", "vacuum_count" AS "vacuums"
     FROM "pg_stat_user_tables" WHERE "relid" = 'tasks'::regclass`,
  );
  return { dead: Number(row?.dead), vacuums: Number(row?.vacuums) };
};

/** Rewrites every task once on a connection of its own and publishes its statistics at once. */
const leaveDeadRows = async () => {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query(`UPDATE "tasks" SET "priority" = "priority" + 1`);
    await client.query(`SELECT pg_stat_force_next_flush()`);
    await client.query(`SELECT 1`);
  } finally {
    await client.end();
  }
  await expect.poll(async () => (await tasksStats()).dead, { timeout: 5000 }).toBeGreaterThan(30);
};

it("vacuums tasks once its dead rows reach the threshold, and not before", async () => {
  await leaveDeadRows();
  const before = await tasksStats();
  expect(await vacuumClaimQueue(db, 1000)).toBe(false);
  expect((await tasksStats()).vacuums).toBe(before.vacuums);

  expect(await vacuumClaimQueue(db, 30)).toBe(true);
  const after = await tasksStats();
  expect(after.vacuums).toBe(before.vacuums + 1);
  expect(after.dead).toBeLessThan(30);
  expect(await vacuumClaimQueue(db, 30)).toBe(false);
});

it("is run by the periodic jobs every web process runs", async () => {
  await leaveDeadRows();
  const before = await tasksStats();
  const jobs = startWorkJobs(db, { intervalMs: 20, deadTasksBeforeVacuum: 30 });
  try {
    await expect
      .poll(async () => (await tasksStats()).vacuums, { timeout: 5000 })
      .toBeGreaterThan(before.vacuums);
  } finally {
    jobs.stop();
  }
});

it("leaves embedded databases alone: a vacuum there would hold up every request", async () => {
  const embedded = await createTestDatabase("pglite");
  try {
    expect(await vacuumClaimQueue(embedded, 0)).toBe(false);
  } finally {
    await embedded.close();
  }
});
