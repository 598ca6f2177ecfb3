// The dashboard's Tasks page at scale: `listTasks` (first page of 100 + total, as the page asks for
// it) with each filter the page offers, over an organization with a million tasks, next to the same
// SQL run raw through `pg`. Run alone with `pnpm --filter @taskforge/bench exec tsx
// src/dashboard-list.ts` (BENCH_DASHBOARD_TASKS sets the size), or from run.ts through
// `benchDashboardList`.
import { pathToFileURL } from "node:url";

import { listTasks } from "@taskforge/api";
import type { Scope } from "@taskforge/api";
import { createTestDatabase } from "@taskforge/db/testing";
import type { TestDatabase } from "@taskforge/db/testing";
import { TaskListQuerySchema } from "@taskforge/schema";
import type { TaskListQueryInput } from "@taskforge/schema";
import pg from "pg";

import { percentile, round, timeRuns } from "./measure";
import type { Result } from "./measure";

const RUNS = Number(process.env.BENCH_DASHBOARD_RUNS ?? 15);
const SPACING_SECONDS = 30;

type Scenario = {
  name: string;
  query: TaskListQueryInput;
  /** The same filter as SQL over `tasks t`; `$1` is the organization, further params follow. */
  where: string;
  params?: unknown[];
};

/**
 * Loads `count` tasks with one INSERT ... SELECT generate_series: 30 s apart (about a year for a
 * million), 4 types, 70% pending / 20% completed / 5% canceled / 5% error, tags t0..t9, every other
 * task in a project, one in ten in a batch, one in five with a unique id. A second organization
 * gets a tenth as many, so the organization filter has something to exclude.
 */
const load = async (raw: pg.Pool, organizationId: string, count: number, salt: string) => {
  const project = await raw.query<{ id: string }>(
    `INSERT INTO projects (id, organization_id, is_test, name, type, updated_at)
     VALUES (gen_random_uuid(), $1, false, 'kittens', 'categorization', now()) RETURNING id`,
    [organizationId],
  );
  const batch = await raw.query<{ id: string }>(
    `INSERT INTO batches (id, organization_id, is_test, project_id, name, status, updated_at)
     VALUES (gen_random_uuid(), $1, false, $2, 'kittens/1', 'in_progress', now()) RETURNING id`,
    [organizationId, project.rows[0]?.id],
  );
  await raw.query(
    `INSERT INTO tasks (id, organization_id, is_test, type, status, params, tags, project_id, batch_id,
       unique_id, customer_review_status, created_at, updated_at, completed_at)
     SELECT lpad(to_hex(extract(epoch FROM c)::bigint), 8, '0') || $4 || lpad(to_hex(n), 10, '0'),
       $1::uuid, false,
       (ARRAY['categorization','imageannotation','textcollection','comparison'])[1 + n % 4],
       (CASE WHEN n % 20 < 14 THEN 'pending' WHEN n % 20 < 18 THEN 'completed'
             WHEN n % 20 = 18 THEN 'canceled' ELSE 'error' END)::task_status,
       '{"attachment_type":"text","attachment":"car","categories":["big","small"]}'::jsonb,
       ARRAY['t' || (n % 10)],
       CASE WHEN n % 2 = 0 THEN $2::uuid END,
       CASE WHEN n % 10 = 0 THEN $3::uuid END,
       CASE WHEN n % 5 = 0 THEN 'u-' || n END,
       (CASE WHEN n % 20 BETWEEN 14 AND 15 THEN 'accepted' ELSE 'pending' END)::customer_review_status,
       c, c + interval '1 minute',
       CASE WHEN n % 20 BETWEEN 14 AND 17 THEN c + interval '1 minute' END
     FROM generate_series(1, $5::int) AS n,
       LATERAL (SELECT timestamptz '2026-01-01' - n * interval '${SPACING_SECONDS} seconds' AS c) AS t`,
    [organizationId, project.rows[0]?.id, batch.rows[0]?.id, salt, count],
  );
};

const scenarios = (count: number): Scenario[] => {
  // A one-week window in the middle of the data.
  const middle = new Date(Date.parse("2026-01-01") - (count / 2) * SPACING_SECONDS * 1000);
  const weekLater = new Date(middle.getTime() + 7 * 86_400_000);
  return [
    { name: "no filter", query: {}, where: "true" },
    { name: "status=pending", query: { status: "pending" }, where: "t.status = 'pending'" },
    { name: "status=error", query: { status: "error" }, where: "t.status = 'error'" },
    { name: "type", query: { type: "textcollection" }, where: "t.type = 'textcollection'" },
    {
      name: "project",
      query: { project: "kittens" },
      where:
        "t.project_id = (SELECT id FROM projects WHERE organization_id = $1 AND name = 'kittens')",
    },
    {
      name: "batch",
      query: { batch: "kittens/1" },
      where:
        "t.batch_id = (SELECT id FROM batches WHERE organization_id = $1 AND name = 'kittens/1')",
    },
    { name: "tag", query: { tags: ["t3"] }, where: "t.tags @> ARRAY['t3']" },
    {
      name: "review status=accepted",
      query: { customer_review_status: "accepted" },
      where: "t.customer_review_status = 'accepted'",
    },
    { name: "unique id", query: { unique_id: "u-500000" }, where: "t.unique_id = 'u-500000'" },
    {
      name: "created in one week",
      query: { start_time: middle.toISOString(), end_time: weekLater.toISOString() },
      where: "t.created_at BETWEEN $2 AND $3",
      params: [middle, weekLater],
    },
    {
      name: "completed in one week",
      query: { completed_after: middle.toISOString(), completed_before: weekLater.toISOString() },
      where: "t.completed_at BETWEEN $2 AND $3",
      params: [middle, weekLater],
    },
    {
      name: "status=pending + type + tag",
      query: { status: "pending", type: "categorization", tags: ["t4"] },
      where: "t.status = 'pending' AND t.type = 'categorization' AND t.tags @> ARRAY['t4']",
    },
  ];
};

export const benchDashboardList = async (
  db: TestDatabase,
  raw: pg.Pool,
  count: number,
): Promise<Result[]> => {
  const organization = await db.prisma.organization.create({ data: { name: "dashboard-bench" } });
  const neighbour = await db.prisma.organization.create({ data: { name: "dashboard-other" } });
  const scope: Scope = { db, organizationId: organization.id, isTest: false, actor: "bench" };
  const loadStart = performance.now();
  await load(raw, organization.id, count, "00");
  await load(raw, neighbour.id, Math.ceil(count / 10), "11");
  // Autovacuum would get there too; the visibility map is what lets counts be index-only scans.
  await raw.query("VACUUM ANALYZE tasks");
  console.log(`loaded ${count} tasks in ${round((performance.now() - loadStart) / 1000, 1)} s`);

  const results: Result[] = [];
  for (const scenario of scenarios(count)) {
    const query = TaskListQuerySchema.parse({ ...scenario.query, limit: 100 });
    const rawWhere = `t.organization_id = $1 AND t.is_test = false AND ${scenario.where}`;
    const rawParams = [organization.id, ...(scenario.params ?? [])];
    let total = 0;
    const ours = await timeRuns(RUNS, async () => {
      total = (await listTasks(scope, query)).total;
    });
    const base = await timeRuns(RUNS, () =>
      Promise.all([
        raw.query(
          `SELECT t.*, p.name AS project, b.name AS batch FROM tasks t
           LEFT JOIN projects p ON p.id = t.project_id LEFT JOIN batches b ON b.id = t.batch_id
           WHERE ${rawWhere} ORDER BY t.created_at DESC, t.id DESC LIMIT 101`,
          rawParams,
        ),
        raw.query(`SELECT count(*) FROM tasks t WHERE ${rawWhere}`, rawParams),
      ]),
    );
    for (const p of [50, 95]) {
      results.push({
        scenario: `dashboard list + total, ${scenario.name} (${total} of ${count})`,
        metric: `p${p}`,
        value: round(percentile(ours, p)),
        unit: "ms",
        baseline: round(percentile(base, p)),
        ratio: round(percentile(base, p) / percentile(ours, p)),
      });
    }
  }
  return results;
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const count = Number(process.env.BENCH_DASHBOARD_TASKS ?? 1_000_000);
  const db = await createTestDatabase("postgres", { poolSize: 4 });
  const raw = new pg.Pool({ connectionString: db.url, max: 4 });
  try {
    console.table(await benchDashboardList(db, raw, count));
    console.log("ratio: raw pg time / taskforge time (1 = as fast as raw SQL).");
  } finally {
    await raw.end();
    await db.close();
  }
}
