import { TaskListQuerySchema } from "@taskforge/schema";
import type { TaskListQueryInput } from "@taskforge/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { scopeOf } from "../../scope";
import {
  callerFor,
  categorizationTask,
  createTenant,
  createTestDatabase,
} from "../../test/harness";
import type { TestDatabase, TestTenant } from "../../test/harness";
import { TASK_COUNT_KEY as KEY } from "./fold-task-counts";
import { listTasks } from "./list-tasks";

// `task_counts` is kept by triggers on `tasks` (migration 20261129100000_task_counts) and answers
// the task list's `total`. Whatever writes the tasks (the services, raw SQL, a cascade), its rows
// must add up to what count(*) over the tasks says, key by key.

let db: TestDatabase;
let acme: TestTenant;
let other: TestTenant;

/** Each key's count from the counter rows and from the tasks themselves, as sorted text lines. */
const countsBothWays = async () => {
  const kept = await db.sql.query<{ line: string }>(`
    SELECT concat_ws(' ', ${KEY}, sum("tasks")) AS line FROM "task_counts"
    GROUP BY ${KEY} HAVING sum("tasks") <> 0 ORDER BY 1`);
  const counted = await db.sql.query<{ line: string }>(`
    SELECT concat_ws(' ', ${KEY}, count(*)) AS line
    FROM (
      SELECT t."organization_id", t."is_test", k."tag",
        COALESCE(t."project_id", '00000000-0000-0000-0000-000000000000') AS "project_id",
        COALESCE(t."batch_id", '00000000-0000-0000-0000-000000000000') AS "batch_id",
        t."type", t."status", t."customer_review_status"
      FROM "tasks" t CROSS JOIN LATERAL (SELECT '' AS "tag" UNION SELECT unnest(t."tags")) k
    ) c
    GROUP BY ${KEY} ORDER BY 1`);
  return { kept: kept.map((r) => r.line), counted: counted.map((r) => r.line) };
};

const expectCountsExact = async () => {
  const { kept, counted } = await countsBothWays();
  expect(counted.length).toBeGreaterThan(0);
  expect(kept).toEqual(counted);
};

const total = async (tenant: TestTenant, query: TaskListQueryInput) =>
  (await listTasks(scopeOf(db, tenant.live), TaskListQuerySchema.parse(query))).total;

const countWhere = async (organizationId: string, where: string, params: unknown[] = []) => {
  const [row] = await db.sql.query<{ n: string }>(
    `SELECT count(*) AS n FROM "tasks" WHERE "organization_id" = $1 AND NOT "is_test" AND ${where}`,
    [organizationId, ...params],
  );
  return Number(row?.n);
};

const addProject = async (tenant: TestTenant, name: string) => {
  const project = await db.prisma.project.create({
    data: { organizationId: tenant.organizationId, isTest: false, name, type: "categorization" },
  });
  await db.prisma.batch.create({
    data: {
      organizationId: tenant.organizationId,
      isTest: false,
      projectId: project.id,
      name: `${name}/1`,
      status: "in_progress",
    },
  });
  return project;
};

let taskIds: string[] = [];
/** The id of the i-th task created in beforeAll. */
const taskId = (i: number) => {
  const id = taskIds[i];
  if (!id) throw new Error(`no task ${i}`);
  return id;
};

beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
  other = await createTenant(db, "Other");
  await addProject(acme, "kittens");
  await addProject(acme, "puppies");
  await addProject(other, "kittens");
  const api = callerFor(db, acme.live);
  const created = await api.tasks.createMany({
    tasks: Array.from({ length: 60 }, (_, i) =>
      categorizationTask({
        ...(i % 3 === 0 ? { project: "kittens" } : {}),
        ...(i % 3 === 1 ? { batch: "puppies/1" } : {}),
        tags: [`t${i % 4}`, ...(i % 5 === 0 ? ["rare", "t9"] : [])],
      }),
    ),
  });
  taskIds = created.results.flatMap((r) => (r.ok ? [r.task.task_id] : []));
  expect(taskIds).toHaveLength(60);
  await callerFor(db, acme.test).tasks.create(categorizationTask({ tags: ["t0"] }));
  await callerFor(db, other.live).tasks.create(categorizationTask({ batch: "kittens/1" }));
});
afterAll(async () => {
  await db.close();
});

describe("task_counts", () => {
  it("counts created tasks by every key, in each organization and world apart", async () => {
    await expectCountsExact();
    expect(await total(acme, {})).toBe(60);
    expect(await total(acme, { tags: ["rare"] })).toBe(12);
    expect(await total(acme, { project: "kittens" })).toBe(20);
    expect(await total(acme, { batch: "puppies/1", tags: ["t1"] })).toBe(5);
    expect(await total(other, {})).toBe(1);
  });

  it("follows cancels, tag changes and customer reviews made through the services", async () => {
    const api = callerFor(db, acme.live);
    await api.tasks.cancelMany({ task_ids: taskIds.slice(0, 10) });
    await api.tasks.setTags({ task_id: taskId(20), tags: ["fresh", "t0"] });
    await api.tasks.addTagsMany({ task_ids: taskIds.slice(21, 30), tags: ["rare"] });
    await api.tasks.removeTags({ task_id: taskId(30), tags: ["rare"] });
    // A completed task (as the work engine leaves it) then accepted by the customer.
    await db.sql.exec(
      `UPDATE "tasks" SET "status" = 'completed', "completed_at" = now(), "response" = '{"category":"big"}'
       WHERE "id" IN ('${taskId(40)}', '${taskId(41)}')`,
    );
    await api.tasks.audit({ task_id: taskId(40), accepted: true });
    await expectCountsExact();
    const org = acme.organizationId;
    expect(await total(acme, { status: "canceled" })).toBe(10);
    expect(await total(acme, { tags: ["rare"] })).toBe(await countWhere(org, `'rare' = ANY(tags)`));
    expect(await total(acme, { tags: ["fresh"] })).toBe(1);
    expect(await total(acme, { customer_review_status: ["accepted"] })).toBe(1);
    expect(await total(acme, { status: "completed", customer_review_status: ["pending"] })).toBe(1);
  });

  it("follows raw SQL, a deleted project's tasks and a deleted organization", async () => {
    await db.sql.exec(`UPDATE "tasks" SET "type" = 'textcollection' WHERE "id" = '${taskId(50)}'`);
    await db.sql.exec(`DELETE FROM "tasks" WHERE "id" = '${taskId(51)}'`);
    // Deleting a project sets its tasks' project (and its batches' tasks' batch) to none.
    await db.prisma.project.deleteMany({
      where: { organizationId: acme.organizationId, name: "puppies" },
    });
    await expectCountsExact();
    expect(await total(acme, {})).toBe(59);
    expect(await total(acme, { type: "textcollection" })).toBe(1);
    await db.prisma.organization.delete({ where: { id: other.organizationId } });
    await expectCountsExact();
    const [left] = await db.sql.query<{ n: string }>(
      `SELECT COALESCE(sum("tasks"), 0) AS n FROM "task_counts" WHERE "organization_id" = $1`,
      [other.organizationId],
    );
    expect(Number(left?.n)).toBe(0);
  });

  it("answers totals from task_counts for the filters it is keyed by, and counts the others", async () => {
    // A marker row no task backs: only a total read from task_counts can include it.
    const [project] = await db.sql.query<{ id: string }>(
      `SELECT "id" FROM "projects" WHERE "organization_id" = $1 AND "name" = 'kittens'`,
      [acme.organizationId],
    );
    const before = {
      all: await total(acme, {}),
      project: await total(acme, { project: "kittens", status: "pending", tags: ["t9"] }),
      twoTags: await total(acme, { tags: ["rare", "t9"] }),
      created: await total(acme, { start_time: "2000-01-01T00:00:00.000Z" }),
    };
    await db.sql.query(
      `INSERT INTO "task_counts" VALUES ($1, false, 't9', $2, '00000000-0000-0000-0000-000000000000',
         'categorization', 'pending', 'pending', -1, 1000), ($1, false, '', $2,
         '00000000-0000-0000-0000-000000000000', 'categorization', 'pending', 'pending', -1, 1000)`,
      [acme.organizationId, project?.id],
    );
    try {
      expect(await total(acme, {})).toBe(before.all + 1000);
      expect(await total(acme, { project: "kittens", status: "pending", tags: ["t9"] })).toBe(
        before.project + 1000,
      );
      expect(await total(acme, { tags: ["rare", "t9"] })).toBe(before.twoTags);
      expect(await total(acme, { start_time: "2000-01-01T00:00:00.000Z" })).toBe(before.created);
    } finally {
      await db.sql.exec(`DELETE FROM "task_counts" WHERE "shard" = -1`);
    }
  });

  it("agrees with a count of the tasks for several tags (counted) and a tag with a status (kept)", async () => {
    const org = acme.organizationId;
    expect(await total(acme, { tags: ["rare", "t9"] })).toBe(
      await countWhere(org, `tags @> ARRAY['rare', 't9']`),
    );
    expect(await total(acme, { tags: ["t0"], status: "pending" })).toBe(
      await countWhere(org, `'t0' = ANY(tags) AND status = 'pending'`),
    );
  });
});
