import { randomUUID } from "node:crypto";

import { claimNext, createTasks, expireLeases, vacuumClaimQueue } from "@taskforge/api";
import type { Scope, Worker } from "@taskforge/api";
import type { TestDatabase } from "@taskforge/db/testing";
import pg from "pg";

import { peakRssMb, percentile, resetPeakRss, round, rssResult } from "./measure";
import type { Result } from "./measure";

const CLAIMERS = 32;
const RELEASE_SQL = `UPDATE task_assignments SET lease_expires_at = 'epoch' WHERE id = $1`;
/** The server's default database pool: 32 Taskers share it, as they would a running server's. */
export const CLAIM_POOL_SIZE = 10;

/**
 * Claims per second and claim latency with 32 concurrent Taskers through `claimNext`, next to the
 * same claim statement run raw through `pg` (one statement per claim, no ORM, no transaction wrapper).
 */
export const benchClaims = async (db: TestDatabase, tasks: number): Promise<Result[]> => {
  const organization = await db.prisma.organization.create({ data: { name: "claims-bench" } });
  const scope: Scope = {
    db,
    organizationId: organization.id,
    isTest: false,
    actor: "bench",
    roles: ["owner"],
  };
  const params = { attachment_type: "text", attachment: "x", categories: ["a", "b"] };

  // Each side claims from its own project of fresh tasks, so neither inherits the other's claimed
  // tasks, and nothing is mass-deleted in between: emptying `task_assignments` and letting
  // autovacuum analyze it mid-run would leave the planner sure the table is empty while it grows.
  const makeProject = async (name: string) => {
    const project = await db.prisma.project.create({
      // Platform Taskers claim here: the project opts into the platform workforce.
      data: {
        organizationId: organization.id,
        isTest: false,
        name,
        type: "categorization",
        platformWorkforce: true,
      },
    });
    for (let i = 0; i < tasks; i += 1000) {
      await createTasks(
        scope,
        Array.from({ length: Math.min(1000, tasks - i) }, () => ({
          type: "categorization",
          project: name,
          params,
        })),
      );
    }
    // What autovacuum would do after such a load (and after the other side's claims), done now so
    // it does not land mid-run. `task_assignments` is left alone while it is empty: statistics
    // saying so would make any plan scan it whole.
    await db.sql.query(`VACUUM (ANALYZE) tasks`);
    const [assignments] = await db.sql.query<{ any: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM task_assignments) AS any`,
    );
    if (assignments?.any) await db.sql.query(`VACUUM (ANALYZE) task_assignments`);
    return project;
  };
  const makeWorkers = async (projectId: string) =>
    Promise.all(
      Array.from({ length: CLAIMERS }, async (): Promise<Worker> => {
        const user = await db.prisma.user.create({
          data: { email: `${randomUUID()}@bench`, platformRoles: ["tasker"] },
        });
        await db.prisma.workGrant.create({
          data: { userId: user.id, role: "annotate", projectId },
        });
        return { userId: user.id, email: user.email, roles: ["tasker"] };
      }),
    );

  // Each Tasker claims, then gives the lease up (one raw UPDATE, the same on both sides, on the pool
  // the claims use, as a submit would be) so the next claim is a new task rather than the held one.
  // Latency is the claim alone.
  const run = async (
    projectId: string,
    claim: (worker: Worker) => Promise<string | null>,
    release: (assignmentId: string) => Promise<unknown>,
  ) => {
    const workers = await makeWorkers(projectId);
    const latencies: number[] = [];
    let claims = 0;
    const start = performance.now();
    // The server's claim-queue upkeep (one of its periodic jobs), on both sides: it is maintenance
    // of the database they share, not part of a claim.
    let upkeep = Promise.resolve(false);
    const upkeepTimer = setInterval(() => {
      upkeep = upkeep.then(() => vacuumClaimQueue(db));
    }, 2000);
    await Promise.all(
      workers.map(async (worker) => {
        for (;;) {
          const t0 = performance.now();
          const assignmentId = await claim(worker);
          latencies.push(performance.now() - t0);
          if (!assignmentId) return;
          claims++;
          await release(assignmentId);
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    clearInterval(upkeepTimer);
    await upkeep;
    return { rate: claims / seconds, p95: percentile(latencies, 95) };
  };

  const releaseOn = (pool: pg.Pool) => (assignmentId: string) =>
    pool.query(RELEASE_SQL, [assignmentId]);

  // Baseline: the same statement shape, raw, on a pool of the same size.
  const baselineProject = await makeProject("claims-baseline");
  const raw = new pg.Pool({ connectionString: db.url, max: CLAIM_POOL_SIZE });
  const baseline = await run(
    baselineProject.id,
    async (worker) => {
      const result = await raw.query<{ id: string }>(
        `WITH c AS (SELECT t.id FROM tasks t WHERE t.status = 'pending' AND t.stage = 'annotate' AND NOT t.is_test AND NOT t.is_gold
         AND t.claims_open < t.annotations_required AND t.project_id = $2
         AND NOT EXISTS (SELECT 1 FROM task_assignments a WHERE a.task_id = t.id AND a.user_id = $1)
         ORDER BY t.batch_priority DESC, t.priority DESC, t.created_at, t.id LIMIT 1 FOR UPDATE OF t SKIP LOCKED),
       k AS (UPDATE tasks t SET claims_open = t.claims_open + 1 FROM c WHERE t.id = c.id RETURNING t.id, t.round)
       INSERT INTO task_assignments (id, task_id, user_id, kind, round, status, lease_expires_at)
       SELECT gen_random_uuid(), k.id, $1, 'annotate', k.round, 'active', now() + interval '10 minutes' FROM k RETURNING id`,
        [worker.userId, baselineProject.id],
      );
      return result.rows[0]?.id ?? null;
    },
    releaseOn(raw),
  );

  // taskforge: claimNext, then release the lease so each Tasker keeps claiming new tasks.
  const ourProject = await makeProject("claims-taskforge");
  // claimNext runs in this process, which is the server here.
  resetPeakRss("self");
  const ours = await run(
    ourProject.id,
    async (worker) => (await claimNext(db, worker, "annotate"))?.assignment_id ?? null,
    (assignmentId) => db.sql.query(RELEASE_SQL, [assignmentId]),
  );
  await raw.end();
  await expireLeases(db);
  return [
    {
      scenario: `claims, ${CLAIMERS} concurrent Taskers, ${tasks} tasks`,
      metric: "claims/s",
      value: round(ours.rate, 0),
      unit: "claims/s",
      baseline: round(baseline.rate, 0),
      ratio: round(ours.rate / baseline.rate),
    },
    {
      scenario: `claims, ${CLAIMERS} concurrent Taskers, ${tasks} tasks`,
      metric: "p95",
      value: round(ours.p95),
      unit: "ms",
      baseline: round(baseline.p95),
      ratio: round(baseline.p95 / ours.p95),
    },
    rssResult(
      `claims, ${CLAIMERS} concurrent Taskers, ${tasks} tasks`,
      peakRssMb("self"),
      null,
      "bench process running claimNext",
    ),
  ];
};
