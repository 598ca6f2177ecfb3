// Scenario 2: `GET /v1/tasks` at scale. With a million tasks loaded (raw SQL, not the API), the first
// page and a deep `next_token` page of 100 for each filter, each with `total` (the deep page's from
// its token, as a client walking the list gets it), next to the same SQL run raw through `pg`.
import { encodeListCursor } from "@taskforge/schema";

import {
  latencyResult,
  peakRssMb,
  percentile,
  resetPeakRss,
  round,
  rssResult,
  timeRuns,
} from "./measure";
import type { Result } from "./measure";
import { authHeaders } from "./server";
import type { Target } from "./target";

const SPACING_SECONDS = 30;
const LIMIT = 100;

/** Runs one statement: a `pg` pool, or PGlite before its server starts. */
export type Sql = <Row>(sql: string, params?: unknown[]) => Promise<Row[]>;

/**
 * Loads `count` tasks with one INSERT ... SELECT generate_series: 30 s apart (about a year for a
 * million), 4 types, 70% pending / 20% completed / 5% canceled / 5% error, tags t0..t9, every other
 * task in project "kittens", one in ten in batch "kittens/1", one in five with a unique id, one in
 * ten accepted by the customer. A second organization gets a tenth as many, so the organization
 * filter has something to exclude.
 */
export const loadTasks = async (
  sql: Sql,
  organizationId: string,
  neighbourId: string,
  count: number,
) => {
  const insert = async (orgId: string, n: number, salt: string) => {
    const [project] = await sql<{ id: string }>(
      `INSERT INTO projects (id, organization_id, is_test, name, type, updated_at)
       VALUES (gen_random_uuid(), $1, false, 'kittens', 'categorization', now()) RETURNING id`,
      [orgId],
    );
    const [batch] = await sql<{ id: string }>(
      `INSERT INTO batches (id, organization_id, is_test, project_id, name, status, updated_at)
       VALUES (gen_random_uuid(), $1, false, $2, 'kittens/1', 'in_progress', now()) RETURNING id`,
      [orgId, project?.id],
    );
    await sql(
      `INSERT INTO tasks (id, organization_id, is_test, type, status, params, tags, project_id, batch_id,
         unique_id, customer_review_status, created_at, updated_at, completed_at)
       SELECT lpad(to_hex(extract(epoch FROM c)::bigint), 8, '0') || $4 || lpad(to_hex(n), 14, '0'),
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
      [orgId, project?.id, batch?.id, salt, n],
    );
  };
  await insert(organizationId, count, "00");
  await insert(neighbourId, Math.ceil(count / 10), "11");
  // What autovacuum does after such a load (visibility map, statistics), done now so it does not
  // land among the timed queries of whichever filter comes first.
  await sql(`VACUUM (ANALYZE) tasks`);
};

type Filter = {
  name: string;
  /** The query string of GET /v1/tasks. */
  query: Record<string, string>;
  /** The same filter as SQL over `tasks t`; `$1` is the organization, further params follow. */
  where: string;
  params?: unknown[];
};

export const filters = (count: number): Filter[] => {
  // A one-week window in the middle of the data.
  const middle = new Date(Date.parse("2026-01-01") - (count / 2) * SPACING_SECONDS * 1000);
  const weekLater = new Date(middle.getTime() + 7 * 86_400_000);
  const uniqueId = `u-${Math.floor(count / 10) * 5}`;
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
    { name: "tag", query: { tags: "t3" }, where: "t.tags @> ARRAY['t3']" },
    {
      name: "review status=accepted",
      query: { customer_review_status: "accepted" },
      where: "t.customer_review_status = 'accepted'",
    },
    { name: "unique id", query: { unique_id: uniqueId }, where: `t.unique_id = '${uniqueId}'` },
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
      query: { status: "pending", type: "categorization", tags: "t4" },
      where: "t.status = 'pending' AND t.type = 'categorization' AND t.tags @> ARRAY['t4']",
    },
  ];
};

const whereOf = (filter: Filter) =>
  `t.organization_id = $1 AND t.is_test = false AND ${filter.where}`;

type Cursor = { id: string; created_at: Date; total: number };

/**
 * The row halfway down each filter's results: the next_token of a deep page, as a client walking
 * the list holds it (the server's tokens carry the total it counted for the first page).
 */
export const deepCursors = async (sql: Sql, organizationId: string, count: number) => {
  const cursors = new Map<string, Cursor>();
  for (const filter of filters(count)) {
    const params = [organizationId, ...(filter.params ?? [])];
    const [{ n } = { n: 0 }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM tasks t WHERE ${whereOf(filter)}`,
      params,
    );
    if (n <= 2 * LIMIT) continue;
    const [row] = await sql<Omit<Cursor, "total">>(
      `SELECT t.id, t.created_at FROM tasks t WHERE ${whereOf(filter)}
       ORDER BY t.created_at DESC, t.id DESC OFFSET ${Math.floor(n / 2)} LIMIT 1`,
      params,
    );
    if (row) cursors.set(filter.name, { ...row, total: n });
  }
  return cursors;
};

export const benchList = async (
  target: Target,
  count: number,
  cursors: Map<string, Cursor>,
  runs: number,
): Promise<Result[]> => {
  const results: Result[] = [];
  resetPeakRss(target.server.pid);
  for (const filter of filters(count)) {
    const params = [target.organizationId, ...(filter.params ?? [])];
    const cursor = cursors.get(filter.name);
    for (const page of cursor ? (["first", "deep"] as const) : (["first"] as const)) {
      const search = new URLSearchParams({ ...filter.query, limit: String(LIMIT) });
      if (page === "deep" && cursor) {
        search.set(
          "next_token",
          encodeListCursor({
            id: cursor.id,
            created_at: cursor.created_at.toISOString(),
            total: cursor.total,
          }),
        );
      }
      let total = 0;
      const listOnce = async () => {
        const response = await fetch(`${target.server.baseUrl}/v1/tasks?${search.toString()}`, {
          headers: authHeaders,
        });
        const json = (await response.json()) as { total: number; docs: unknown[] };
        if (response.status !== 200)
          throw new Error(`list ${filter.name}: ${JSON.stringify(json)}`);
        total = json.total;
      };
      // One untimed run on each side first: the first request of a route loads its code, and the
      // first query of a shape reads cold pages; neither is what a client of a running server sees.
      await listOnce();
      const ours = await timeRuns(runs, listOnce);
      const keyset =
        page === "deep"
          ? ` AND (t.created_at, t.id) < ($${params.length + 1}, $${params.length + 2})`
          : "";
      const pageParams =
        page === "deep" && cursor ? [...params, cursor.created_at, cursor.id] : params;
      const raw = target.raw;
      // A deep page answers the total its token carries, so its baseline is the page query alone.
      const rawOnce = raw
        ? () =>
            Promise.all([
              raw.query(
                `SELECT t.*, p.name AS project, b.name AS batch FROM tasks t
                 LEFT JOIN projects p ON p.id = t.project_id LEFT JOIN batches b ON b.id = t.batch_id
                 WHERE ${whereOf(filter)}${keyset} ORDER BY t.created_at DESC, t.id DESC LIMIT ${LIMIT + 1}`,
                pageParams,
              ),
              page === "first"
                ? raw.query(`SELECT count(*) FROM tasks t WHERE ${whereOf(filter)}`, params)
                : null,
            ])
        : null;
      if (rawOnce) await rawOnce();
      const base = rawOnce ? await timeRuns(runs, rawOnce) : null;
      const scenario = `${target.prefix}list ${count} tasks, ${filter.name}, ${page} page + total (${total})`;
      console.log(`${scenario}: p95 ${round(percentile(ours, 95))} ms`);
      for (const p of [50, 95]) {
        results.push(
          latencyResult(scenario, `p${p}`, percentile(ours, p), base ? percentile(base, p) : null),
        );
      }
    }
  }
  results.push(rssResult(`${target.prefix}list ${count} tasks`, peakRssMb(target.server.pid)));
  return results;
};
