import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  callerFor,
  createTenant,
  createTestDatabase,
  createWorker,
  workerCaller,
} from "../../test/harness";
import type { TestDatabase, TestTenant } from "../../test/harness";

// 64 Taskers claim and submit in parallel until the queue is empty, each on its own connection
// when the pool allows; the database alone keeps them from colliding.
const TASKS = 5000;
const CLAIMERS = 64;

let db: TestDatabase;
let acme: TestTenant;
beforeAll(async () => {
  db = await createTestDatabase("postgres", { poolSize: 40 });
  acme = await createTenant(db, "Acme");
});
afterAll(async () => {
  await db.close();
});

const runQueue = async (annotationsPerTask: number) => {
  const customer = callerFor(db, acme.live);
  const name = `concurrency-${annotationsPerTask}`;
  await customer.projects.create({
    type: "categorization",
    name,
    params: { attachment_type: "text", categories: ["a", "b"] },
    work_settings: { annotations_per_task: annotationsPerTask },
  });
  const project = await db.prisma.project.findUniqueOrThrow({
    where: {
      organizationId_isTest_name: { organizationId: acme.organizationId, isTest: false, name },
    },
  });
  // Its Taskers are the installation's platform workforce: the project opts them in.
  await db.prisma.project.update({ where: { id: project.id }, data: { platformWorkforce: true } });
  for (let i = 0; i < TASKS; i += 1000) {
    const result = await customer.tasks.createMany({
      tasks: Array.from({ length: 1000 }, (_, j) => ({
        type: "categorization",
        project: name,
        params: { attachment: `t${i + j}` },
      })),
    });
    expect(result.created).toBe(1000);
  }
  const workers = await Promise.all(
    Array.from({ length: CLAIMERS }, () =>
      createWorker(db, ["tasker"], [{ projectId: project.id }]).then((w) => workerCaller(db, w)),
    ),
  );
  const done = await Promise.all(
    workers.map(async (worker) => {
      let submitted = 0;
      for (let item = await worker.work.next({}); item; item = await worker.work.next({})) {
        await worker.work.submit({
          assignment_id: item.assignment_id,
          response: { category: "a" },
        });
        submitted++;
      }
      return submitted;
    }),
  );
  return { project, submitted: done.reduce((a, b) => a + b, 0) };
};

const verify = async (projectId: string, required: number, submitted: number) => {
  expect(submitted).toBe(TASKS * required);
  expect(await db.prisma.task.count({ where: { projectId, status: "completed" } })).toBe(TASKS);
  const perTask = await db.sql.query<{ n: number; distinct_workers: number }>(
    `SELECT count(*)::int AS n, count(DISTINCT a.user_id)::int AS distinct_workers
     FROM task_assignments a JOIN tasks t ON t.id = a.task_id
     WHERE t.project_id = $1 AND a.status = 'submitted' GROUP BY a.task_id`,
    [projectId],
  );
  expect(perTask).toHaveLength(TASKS);
  expect(perTask.every((row) => row.n === required && row.distinct_workers === required)).toBe(
    true,
  );
  const open = await db.sql.query(
    `SELECT 1 FROM task_assignments a JOIN tasks t ON t.id = a.task_id WHERE t.project_id = $1 AND a.status <> 'submitted'`,
    [projectId],
  );
  expect(open).toHaveLength(0);
};

describe("64 concurrent claimers over 5,000 tasks", () => {
  it("one annotation per task: every task done exactly once", async () => {
    const { project, submitted } = await runQueue(1);
    await verify(project.id, 1, submitted);
  }, 600_000);

  it("three annotations per task: three distinct Taskers each, none twice", async () => {
    const { project, submitted } = await runQueue(3);
    await verify(project.id, 3, submitted);
  }, 900_000);
});
