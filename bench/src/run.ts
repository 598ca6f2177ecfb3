// `pnpm bench`: taskforge against plain baselines (raw SQL through `pg`, a bare Node server) measured
// in the same run on the same database, so the ratios hold even on a noisy machine. Results: a
// table with each target's PASS/MISS, and results/latest.json (save-results.ts), where the scenarios
// this run measured replace their previous figures and the others keep theirs.
//
// Scenarios (BENCH_ONLY=list,bulk,http,claims,callbacks,embedded,lidar,pointcloud,export picks some):
// 1. bulk create, 2. list at scale, 3. single create/get over HTTP — on PostgreSQL through the
//    production server; 4. claims; 5. callbacks; 6. embedded: 1–3 again on PGlite.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { ensureBootstrapOrganization } from "@taskforge/api";
import { openDatabase } from "@taskforge/db";
import { createTestDatabase } from "@taskforge/db/testing";
import pg from "pg";

import { benchBulkCreate } from "./bulk-create";
import { benchCallbacks } from "./callbacks";
import { benchClaims, CLAIM_POOL_SIZE } from "./claims";
import { benchExportMedia } from "./export-media";
import { benchLidarRender } from "./lidar-render";
import { benchList, deepCursors, loadTasks } from "./list";
import { benchPointCloudConvert } from "./pointcloud-convert";
import type { Sql } from "./list";
import { round } from "./measure";
import type { Result } from "./measure";
import { saveLatestResults } from "./save-results";
import { LIVE_KEY, startTaskforge } from "./server";
import { benchSingleRequests } from "./single-requests";
import { verdict } from "./targets";

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const BULK_TASKS = env("BENCH_BULK_TASKS", 100_000);
const LIST_TASKS = env("BENCH_LIST_TASKS", 1_000_000);
const EMBEDDED_LIST_TASKS = env("BENCH_EMBEDDED_LIST_TASKS", 1_000_000);
const LIST_RUNS = env("BENCH_LIST_RUNS", 30);
const HTTP_SECONDS = env("BENCH_HTTP_SECONDS", 10);
const CLAIM_TASKS = env("BENCH_CLAIM_TASKS", 20_000);
const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
const runs = (scenario: string) => !only || only.includes(scenario);

const temporaryDir = () => mkdtempSync(join(tmpdir(), "taskforge-bench-"));

/** Scenarios 1–3 on PostgreSQL: the production server on a fresh database. */
const onPostgres = async (): Promise<Result[]> => {
  const results: Result[] = [];
  const db = await createTestDatabase("postgres", { poolSize: 4 });
  const raw = new pg.Pool({ connectionString: db.url, max: 4 });
  raw.on("error", () => undefined);
  const dataDir = temporaryDir();
  const server = await startTaskforge({ databaseUrl: db.url, dataDir });
  try {
    const [key] = await db.sql.query<{ organization_id: string }>(
      `SELECT organization_id FROM api_keys WHERE revoked_at IS NULL LIMIT 1`,
    );
    if (!key) throw new Error("the server made no bootstrap organization");
    const target = { prefix: "", server, raw, organizationId: key.organization_id };
    const sql: Sql = async <Row>(text: string, params?: unknown[]) =>
      (await raw.query(text, params)).rows as Row[];
    // First, while the organization holds only the loaded tasks (the totals are then exact).
    if (runs("list")) {
      const neighbour = await db.prisma.organization.create({ data: { name: "neighbour" } });
      const loadStart = performance.now();
      await loadTasks(sql, target.organizationId, neighbour.id, LIST_TASKS);
      // Autovacuum would get there too; the visibility map is what lets counts be index-only scans.
      await raw.query("VACUUM ANALYZE tasks");
      console.log(
        `loaded ${LIST_TASKS} tasks in ${round((performance.now() - loadStart) / 1000, 1)} s`,
      );
      results.push(
        ...(await benchList(
          target,
          LIST_TASKS,
          await deepCursors(sql, target.organizationId, LIST_TASKS),
          LIST_RUNS,
        )),
      );
    }
    if (runs("bulk")) results.push(...(await benchBulkCreate(target, BULK_TASKS)));
    if (runs("http"))
      results.push(...(await benchSingleRequests(target, HTTP_SECONDS, db.url ?? null)));
  } finally {
    await server.stop();
    await raw.end();
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
};

/**
 * Scenario 6: 1–3 on embedded PGlite. The tasks are loaded into the data directory before the
 * server opens it (PGlite is one process's), and each figure is paired with PostgreSQL's.
 */
const onPglite = async (postgres: Result[]): Promise<Result[]> => {
  const results: Result[] = [];
  const dataDir = temporaryDir();
  let target;
  try {
    const db = await openDatabase({ dataDir });
    let cursors;
    try {
      const { organizationId } = await ensureBootstrapOrganization(db, [LIVE_KEY]);
      const sql: Sql = (text, params) => db.sql.query(text, params);
      if (runs("list")) {
        const neighbour = await db.prisma.organization.create({ data: { name: "neighbour" } });
        const loadStart = performance.now();
        await loadTasks(sql, organizationId, neighbour.id, EMBEDDED_LIST_TASKS);
        await db.sql.exec("VACUUM ANALYZE tasks");
        console.log(
          `embedded: loaded ${EMBEDDED_LIST_TASKS} tasks in ${round((performance.now() - loadStart) / 1000, 1)} s`,
        );
        cursors = await deepCursors(sql, organizationId, EMBEDDED_LIST_TASKS);
      }
      target = { prefix: "embedded: ", raw: null, organizationId };
    } finally {
      await db.close();
    }
    const server = await startTaskforge({ dataDir });
    try {
      const embedded = { ...target, server };
      if (runs("list") && cursors)
        results.push(...(await benchList(embedded, EMBEDDED_LIST_TASKS, cursors, LIST_RUNS)));
      if (runs("bulk")) results.push(...(await benchBulkCreate(embedded, BULK_TASKS)));
      if (runs("http")) results.push(...(await benchSingleRequests(embedded, HTTP_SECONDS, null)));
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  // Baseline: the same scenario on PostgreSQL. Ratios keep their sense (higher = better).
  return results.map((r) => {
    const pair = postgres.find(
      (p) => p.scenario === r.scenario.replace("embedded: ", "") && p.metric === r.metric,
    );
    if (!pair || !Number.isFinite(pair.value) || !r.value) return r;
    const lowerIsBetter = r.unit === "ms" || r.unit === "MB";
    return {
      ...r,
      baseline: pair.value,
      ratio: round(lowerIsBetter ? pair.value / r.value : r.value / pair.value),
    };
  });
};

const results: Result[] = [];
const postgres = runs("list") || runs("bulk") || runs("http") ? await onPostgres() : [];
results.push(...postgres);
if (runs("claims")) {
  const db = await createTestDatabase("postgres", { poolSize: CLAIM_POOL_SIZE });
  try {
    results.push(...(await benchClaims(db, CLAIM_TASKS)));
  } finally {
    await db.close();
  }
}
if (runs("callbacks")) results.push(...(await benchCallbacks()));
if (runs("embedded")) results.push(...(await onPglite(postgres)));
if (runs("lidar")) results.push(...(await benchLidarRender()));
if (runs("pointcloud")) results.push(...benchPointCloudConvert());
if (runs("export")) results.push(...(await benchExportMedia()));

console.table(results.map((r) => ({ ...r, ...verdict(r) })));
console.log(
  "ratio: taskforge's performance as a share of the baseline's (higher is better; 1 = as fast). " +
    "Baselines: raw `pg` SQL, a bare Node http server, or (embedded rows) the same scenario on PostgreSQL.",
);
saveLatestResults(results);
