import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";

import {
  callerFor,
  createTenant,
  createTestDatabase,
  createWorker,
  workerCaller,
} from "../../test/harness";
import type { TestDatabase, TestTenant } from "../../test/harness";
import { releaseWorkOutOfReach } from "./reach";
import { expireLeases } from "./sweep";

// Work actions (autosave, skip, report, submit) lock a task, then its assignment. Anything that
// locks an assignment first and then waits for its task can deadlock with them: PostgreSQL would
// abort one side after `deadlock_timeout`. Each case holds a task's lock the way `lockAssignment`
// takes it, lets the other job run, then asks for the assignment as `lockAssignment` does next.

let db: TestDatabase;
let acme: TestTenant;
let projectId: string;
beforeAll(async () => {
  db = await createTestDatabase("postgres", { poolSize: 6 });
  acme = await createTenant(db, "Acme");
  await callerFor(db, acme.live).projects.create({
    type: "categorization",
    name: "locks",
    params: { attachment_type: "text", categories: ["a", "b"] },
  });
  const project = await db.prisma.project.findFirstOrThrow({ where: { name: "locks" } });
  projectId = project.id;
  await db.prisma.project.update({ where: { id: projectId }, data: { platformWorkforce: true } });
});
afterAll(() => db.close());

/** A task held by a fresh platform Tasker (a new one, or one an earlier case left in the queue). */
const heldTask = async () => {
  await callerFor(db, acme.live).tasks.create({
    type: "categorization",
    project: "locks",
    params: { attachment: `t-${Math.random()}` },
  });
  const worker = await createWorker(db, ["tasker"], [{ projectId }]);
  const item = await workerCaller(db, worker).work.next({});
  if (!item) throw new Error("the queue served nothing");
  return { taskId: item.task_id, assignmentId: item.assignment_id, userId: worker.userId };
};

/** A connection that holds the task's row lock, as a work action's first statement does. */
const lockTaskAsWorkActionDoes = async (taskId: string) => {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query("BEGIN");
  await client.query(`SELECT 1 FROM "tasks" WHERE "id" = $1 FOR UPDATE`, [taskId]);
  return client;
};

/** Resolves once some other backend waits for a row lock, or once `job` settles. */
const waitingOrSettled = async (job: Promise<unknown>) => {
  let settled = false;
  void job.then(
    () => (settled = true),
    () => (settled = true),
  );
  await expect
    .poll(
      async () => {
        if (settled) return true;
        const [row] = await db.sql.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return (row?.n ?? 0) > 0;
      },
      { timeout: 10_000, interval: 20 },
    )
    .toBe(true);
};

it("the lease sweep passes over a task a work action holds, so the action takes its assignment and the next sweep expires it", async () => {
  const { taskId, assignmentId } = await heldTask();
  await db.sql.query(
    `UPDATE "task_assignments" SET "lease_expires_at" = now() - interval '1 minute' WHERE "id" = $1`,
    [assignmentId],
  );
  const action = await lockTaskAsWorkActionDoes(taskId);
  try {
    const sweep = expireLeases(db);
    await waitingOrSettled(sweep);
    // The action's second lock: with the sweep holding the assignment and waiting for the task,
    // this is a deadlock and one of the two fails.
    await action.query(`SELECT 1 FROM "task_assignments" WHERE "id" = $1 FOR UPDATE`, [
      assignmentId,
    ]);
    await action.query("COMMIT");
    expect(await sweep).toBe(0);
  } finally {
    await action.end();
  }
  expect(await expireLeases(db)).toBe(1);
  const assignment = await db.prisma.taskAssignment.findUniqueOrThrow({
    where: { id: assignmentId },
  });
  expect(assignment.status).toBe("expired");
});

it("releasing out-of-reach work waits for a task a work action holds, then releases it", async () => {
  const { taskId, assignmentId, userId } = await heldTask();
  // The Tasker's pick of the project is taken back: the held task leaves their reach.
  await db.prisma.workGrant.deleteMany({ where: { userId } });
  const action = await lockTaskAsWorkActionDoes(taskId);
  try {
    const release = db.prisma.$transaction((tx) => releaseWorkOutOfReach(tx, userId));
    await waitingOrSettled(release);
    await action.query(`SELECT 1 FROM "task_assignments" WHERE "id" = $1 FOR UPDATE`, [
      assignmentId,
    ]);
    await action.query("COMMIT");
    expect(await release).toBe(1);
  } finally {
    await action.end();
  }
  const assignment = await db.prisma.taskAssignment.findUniqueOrThrow({
    where: { id: assignmentId },
  });
  expect(assignment.status).toBe("released");
});
