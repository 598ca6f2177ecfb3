// `pnpm bench`: taskforge's own paths against raw SQL through `pg`, measured in the same run on the
// same database, so the ratios hold even on a noisy machine. Results: a table, and results/latest.json.
import { mkdirSync, writeFileSync } from "node:fs";

import { createTasks, listTasks, newTaskId } from "@taskforge/api";
import type { Scope } from "@taskforge/api";
import { createTestDatabase } from "@taskforge/db/testing";
import pg from "pg";

import { benchCallbacks } from "./callbacks";
import { benchClaims } from "./claims";
import { benchDashboardList } from "./dashboard-list";
import { percentile, round, timeRuns } from "./measure";
import type { Result } from "./measure";

const TASKS = Number(process.env.BENCH_TASKS ?? 50_000);
const CHUNK = 1000;
const LIST_RUNS = Number(process.env.BENCH_LIST_RUNS ?? 200);
const CLAIM_TASKS = Number(process.env.BENCH_CLAIM_TASKS ?? 3000);
// The dashboard's promise is "opens in under a second at 1 million tasks"; loading them takes ~2 min.
const DASHBOARD_TASKS = Number(process.env.BENCH_DASHBOARD_TASKS ?? 1_000_000);

const params = {
  attachment_type: "text",
  attachment: "car",
  categories: ["big", "small"],
  allow_multiple: false,
};
const input = (i: number) => ({
  type: "categorization" as const,
  params,
  metadata: { i },
  tags: [`t${i % 10}`],
});

const db = await createTestDatabase("postgres", { poolSize: 4 });
const raw = new pg.Pool({ connectionString: db.url, max: 4 });
const results: Result[] = [];
try {
  const organization = await db.prisma.organization.create({ data: { name: "bench" } });
  const scope: Scope = { db, organizationId: organization.id, isTest: false, actor: "bench" };

  // 1. Bulk create: createTasks (validation, per-item results) vs INSERT ... SELECT UNNEST.
  const rawInsert = async (n: number) => {
    const ids = Array.from({ length: n }, () => newTaskId());
    await raw.query(
      `INSERT INTO tasks (id, organization_id, is_test, type, params, metadata, tags)
       SELECT id, $2::uuid, false, 'categorization', $3::jsonb, jsonb_build_object('i', n), ARRAY['t' || (n % 10)]
       FROM UNNEST($1::text[]) WITH ORDINALITY AS x(id, n)`,
      [ids, organization.id, JSON.stringify(params)],
    );
  };
  const chunks = Math.ceil(TASKS / CHUNK);
  // Interleaved chunk by chunk, so both paths see the same table size and machine load.
  const rawTimes: number[] = [];
  const ourTimes: number[] = [];
  for (let c = 0; c < chunks; c++) {
    rawTimes.push(...(await timeRuns(1, () => rawInsert(CHUNK))));
    ourTimes.push(
      ...(await timeRuns(1, async () => {
        const result = await createTasks(
          scope,
          Array.from({ length: CHUNK }, (_, i) => input(c * CHUNK + i)),
        );
        if (result.failed)
          throw new Error(
            `bench inputs failed: ${JSON.stringify(result.results.find((r) => !r.ok))}`,
          );
      })),
    );
  }
  const rate = (times: number[]) => (chunks * CHUNK) / (times.reduce((a, b) => a + b, 0) / 1000);
  results.push({
    scenario: `bulk create ${chunks * CHUNK} tasks (1,000 per call, service path)`,
    metric: "tasks/s",
    value: round(rate(ourTimes), 0),
    unit: "tasks/s",
    baseline: round(rate(rawTimes), 0),
    ratio: round(rate(ourTimes) / rate(rawTimes)),
  });

  // 2. List: first page and a deep keyset page with total, vs the same SQL run raw.
  await db.sql.exec("ANALYZE tasks");
  const firstPage = { limit: 100 } as const;
  const ourFirst = await timeRuns(LIST_RUNS, () => listTasks(scope, { ...firstPage, offset: 0 }));
  const rawFirst = await timeRuns(LIST_RUNS, () =>
    Promise.all([
      raw.query(
        `SELECT * FROM tasks WHERE organization_id = $1 AND is_test = false ORDER BY created_at DESC, id DESC LIMIT 101`,
        [organization.id],
      ),
      raw.query(`SELECT count(*) FROM tasks WHERE organization_id = $1 AND is_test = false`, [
        organization.id,
      ]),
    ]),
  );
  let token: string | undefined;
  for (let page = 0; page < Math.floor(TASKS / 200); page++) {
    token = (
      await listTasks(scope, { limit: 100, offset: 0, ...(token ? { next_token: token } : {}) })
    ).next_token;
  }
  const deep = await raw.query<{ id: string; created_at: Date }>(
    `SELECT id, created_at FROM tasks WHERE organization_id = $1 ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT 1`,
    [organization.id, Math.floor(TASKS / 2)],
  );
  const cursor = deep.rows[0];
  const ourDeep = await timeRuns(LIST_RUNS, () =>
    listTasks(scope, { limit: 100, offset: 0, ...(token ? { next_token: token } : {}) }),
  );
  const rawDeep = await timeRuns(LIST_RUNS, () =>
    Promise.all([
      raw.query(
        `SELECT * FROM tasks WHERE organization_id = $1 AND is_test = false AND (created_at, id) < ($2, $3)
         ORDER BY created_at DESC, id DESC LIMIT 101`,
        [organization.id, cursor?.created_at, cursor?.id],
      ),
      raw.query(`SELECT count(*) FROM tasks WHERE organization_id = $1 AND is_test = false`, [
        organization.id,
      ]),
    ]),
  );
  for (const [name, ours, base] of [
    ["list first page (100) + total", ourFirst, rawFirst],
    ["list deep keyset page (100) + total", ourDeep, rawDeep],
  ] as const) {
    for (const p of [50, 95]) {
      results.push({
        scenario: `${name}, ${2 * chunks * CHUNK} tasks`,
        metric: `p${p}`,
        value: round(percentile(ours, p)),
        unit: "ms",
        baseline: round(percentile(base, p)),
        ratio: round(percentile(base, p) / percentile(ours, p)),
      });
    }
  }
  results.push(...(await benchClaims(db, CLAIM_TASKS)));
  results.push(...(await benchCallbacks()));
  // Last: its million rows would otherwise sit under the other scenarios' queries.
  if (DASHBOARD_TASKS > 0) results.push(...(await benchDashboardList(db, raw, DASHBOARD_TASKS)));
} finally {
  await raw.end();
  await db.close();
}

console.table(results);
console.log(
  "ratio: taskforge's throughput as a share of raw pg (higher is better; 1 = as fast as raw SQL).",
);
mkdirSync(new URL("../results/", import.meta.url), { recursive: true });
writeFileSync(
  new URL("../results/latest.json", import.meta.url),
  `${JSON.stringify(results, null, 2)}\n`,
);
