import { createTestDatabase } from "@taskforge/db/testing";
import type { TestDatabase } from "@taskforge/db/testing";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";

import { scopeOf } from "../../scope";
import { callerFor, categorizationTask, createTenant } from "../../test/harness";
import type { TestTenant } from "../../test/harness";
import { createTasks } from "./create-tasks";

// Many connections change tasks of the same project and status at once, as Taskers submitting and
// customers creating do: `task_counts` must come out exact, and no writer may fail (a lock cycle
// between the counter rows would abort one as a deadlock).

let db: TestDatabase;
let acme: TestTenant;
let pool: pg.Pool;

beforeAll(async () => {
  db = await createTestDatabase("postgres", { poolSize: 16 });
  acme = await createTenant(db, "Acme");
  pool = new pg.Pool({ connectionString: db.url, max: 16 });
  // As the product's own pool does: a connection the server ends while idle is replaced, not thrown.
  pool.on("error", () => undefined);
});
afterAll(async () => {
  await pool.end();
  await db.close();
});

const STATUSES = ["completed", "canceled", "error", "pending"] as const;

it("stays exact under concurrent creates, status changes and tag changes", async () => {
  const scope = scopeOf(db, acme.live);
  await db.prisma.project.create({
    data: {
      organizationId: acme.organizationId,
      isTest: false,
      name: "p",
      type: "categorization",
    },
  });
  const made = await createTasks(
    scope,
    Array.from({ length: 400 }, (_, i) =>
      categorizationTask({ project: "p", tags: [`t${i % 3}`] }),
    ),
  );
  const ids = made.results.flatMap((r) => (r.ok ? [r.task.task_id] : []));
  expect(ids).toHaveLength(400);

  // Each change is a transaction of two statements over tasks with different keys, in an order
  // that differs between writers: the shape that deadlocked when connections shared counter rows
  // (each statement locked its rows in key order, but two statements together did not).
  const change = async (i: number) => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const a = ids[(i * 7) % ids.length];
      const b = ids[(i * 13 + 5) % ids.length];
      const [first, second] = i % 2 ? [a, b] : [b, a];
      await client.query(`UPDATE tasks SET status = $2::task_status WHERE id = $1`, [
        first,
        STATUSES[i % 4],
      ]);
      await client.query(`UPDATE tasks SET tags = ARRAY[$2::text] WHERE id = $1`, [
        second,
        `t${i % 5}`,
      ]);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    } finally {
      client.release();
    }
  };
  const api = callerFor(db, acme.live);
  const results = await Promise.allSettled([
    ...Array.from({ length: 300 }, (_, i) => change(i)),
    ...Array.from({ length: 4 }, () =>
      api.tasks.createMany({
        tasks: Array.from({ length: 100 }, () => categorizationTask({ project: "p" })),
      }),
    ),
  ]);
  const failures = results.filter((r) => r.status === "rejected");
  expect(failures.map((f) => String(f.reason))).toEqual([]);

  const [mismatch] = await db.sql.query<{ n: string }>(
    `
    WITH kept AS (
      SELECT "status", "tag", sum("tasks") AS n FROM "task_counts"
      WHERE "organization_id" = $1 AND NOT "is_test" GROUP BY 1, 2
    ), counted AS (
      SELECT t."status", k."tag", count(*) AS n
      FROM "tasks" t CROSS JOIN LATERAL (SELECT '' AS "tag" UNION SELECT unnest(t."tags")) k
      WHERE t."organization_id" = $1 AND NOT t."is_test" GROUP BY 1, 2
    )
    SELECT count(*) AS n FROM kept FULL JOIN counted USING ("status", "tag")
    WHERE COALESCE(kept.n, 0) <> COALESCE(counted.n, 0)`,
    [acme.organizationId],
  );
  expect(Number(mismatch?.n)).toBe(0);
  const [all] = await db.sql.query<{ n: string }>(
    `SELECT sum("tasks") AS n FROM "task_counts" WHERE "organization_id" = $1 AND "tag" = ''`,
    [acme.organizationId],
  );
  expect(Number(all?.n)).toBe(800);
});
