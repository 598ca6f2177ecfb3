import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { scopeOf } from "../../scope";
import type { Scope } from "../../scope";
import { categorizationTask, createTenant, createTestDatabase } from "../../test/harness";
import type { TestDatabase } from "../../test/harness";
import { createProject, setProjectParams } from "../projects/projects";
import { prepareTasks, storePreparedTasks, writePreparedTasks } from "./insert-tasks";

// The import validates a chunk outside the transaction that stores it (prepareTasks), so the next
// chunk is checked while the previous one is written. What is stored must still be what validating
// inside the transaction would store, whatever happened to the named project in between.

let db: TestDatabase;
let scope: Scope;

beforeAll(async () => {
  db = await createTestDatabase();
  scope = scopeOf(db, (await createTenant(db, "Acme")).live);
});
afterAll(async () => {
  await db.close();
});

const projectTask = (project: string, attachment: string) => {
  const { params, ...rest } = categorizationTask({ project });
  return { ...rest, params: { ...params, attachment } };
};

const write = (prepared: Awaited<ReturnType<typeof prepareTasks>>) =>
  db.prisma.$transaction((tx) => writePreparedTasks(tx, scope, prepared));

/** One task prepared under the project's version 0 (categories old, older), then version 1 published. */
const preparedBeforeNewVersion = async (project: string) => {
  await createProject(scope, { name: project, type: "categorization" });
  await setProjectParams(scope, {
    name: project,
    patch: false,
    params: { categories: ["old", "older"] },
  });
  const prepared = await prepareTasks(db.prisma, scope, [
    {
      index: 0,
      input: {
        type: "categorization",
        project,
        params: { attachment_type: "text", attachment: "x" },
      },
    },
  ]);
  expect(prepared.valid[0]?.projectParamVersion).toBe(0);
  await setProjectParams(scope, {
    name: project,
    patch: false,
    params: { categories: ["new", "newer"] },
  });
  return prepared;
};

describe("tasks prepared outside the storing transaction", () => {
  it("are stored as prepared when their project did not change", async () => {
    await createProject(scope, { name: "steady", type: "categorization" });
    const prepared = await prepareTasks(db.prisma, scope, [
      { index: 0, input: projectTask("steady", "a") },
      { index: 1, input: { type: "categorization", params: {} } },
    ]);
    const results = await write(prepared);
    expect(results.map((r) => r.ok)).toEqual([true, false]);
    const [first] = results;
    expect(first?.ok && first.task.task_id).toBe(prepared.valid[0]?.id);
    const failure = results[1];
    expect(failure?.ok === false && failure.error.toBody().issues?.[0]?.path).toMatch(/^params/);
  });

  it("take the project's param version published after they were prepared", async () => {
    const prepared = await preparedBeforeNewVersion("versioned");
    const [result] = await write(prepared);
    expect(result?.ok).toBe(true);
    const task = result?.ok ? result.task : null;
    expect(task?.project_param_version).toBe(1);
    expect(task?.params).toMatchObject({ categories: ["new", "newer"] });
    const stored = await db.prisma.task.findUniqueOrThrow({ where: { id: task?.task_id ?? "" } });
    expect(stored.projectParamVersion).toBe(1);
  });

  it("find a project created after they were prepared", async () => {
    const prepared = await prepareTasks(db.prisma, scope, [
      { index: 0, input: projectTask("late", "z") },
    ]);
    expect(prepared.valid).toHaveLength(0);
    await createProject(scope, { name: "late", type: "categorization" });
    const [result] = await write(prepared);
    expect(result?.ok && result.task.project).toBe("late");
  });

  it("fail with a field error, storing nothing, when their project was deleted meanwhile", async () => {
    await createProject(scope, { name: "doomed", type: "categorization" });
    const prepared = await prepareTasks(db.prisma, scope, [
      { index: 0, input: projectTask("doomed", "y") },
    ]);
    expect(prepared.valid).toHaveLength(1);
    await db.prisma.project.deleteMany({
      where: { organizationId: scope.organizationId, name: "doomed" },
    });
    const [result] = await write(prepared);
    expect(result?.ok).toBe(false);
    expect(result?.ok === false && result.error.toBody().issues).toEqual([
      { path: "project", message: 'Project "doomed" not found.' },
    ]);
    expect(await db.prisma.task.count({ where: { id: prepared.valid[0]?.id ?? "" } })).toBe(0);
  });
});

// A bulk create whose insert is the whole write stores it with one statement, outside Prisma.
describe("tasks stored with one statement (storePreparedTasks)", () => {
  it("stores every valid item at one timestamp and reports the others in input order", async () => {
    await createProject(scope, { name: "plain", type: "categorization" });
    const prepared = await prepareTasks(db.prisma, scope, [
      { index: 0, input: projectTask("plain", "p0") },
      { index: 1, input: { type: "categorization", params: {} } },
      { index: 2, input: categorizationTask({ unique_id: "one-statement" }) },
      { index: 3, input: categorizationTask({ unique_id: "one-statement" }) },
    ]);
    const results = await storePreparedTasks(scope, prepared);
    expect(results.map((r) => [r.index, r.ok])).toEqual([
      [0, true],
      [1, false],
      [2, true],
      [3, false],
    ]);
    const created = results.flatMap((r) => (r.ok ? [r.task] : []));
    expect(created[0]?.project).toBe("plain");
    expect(created[0]?.created_at).toBe(created[1]?.created_at);
    const stored = await db.prisma.task.findMany({
      where: { id: { in: created.map((t) => t.task_id) } },
    });
    expect(stored.map((t) => t.createdAt.toISOString())).toEqual([
      created[0]?.created_at,
      created[0]?.created_at,
    ]);
  });

  it("keep the param version they were prepared with when a new one is published meanwhile", async () => {
    const prepared = await preparedBeforeNewVersion("moving");
    // As if created just before the new version: a consistent order of the two writes.
    const [result] = await storePreparedTasks(scope, prepared);
    const task = result?.ok ? result.task : null;
    expect(task?.project_param_version).toBe(0);
    expect(task?.params).toMatchObject({ categories: ["old", "older"] });
  });

  it("fail with a field error, storing nothing, when their project was deleted meanwhile", async () => {
    await createProject(scope, { name: "gone", type: "categorization" });
    const prepared = await prepareTasks(db.prisma, scope, [
      { index: 0, input: projectTask("gone", "g0") },
      { index: 1, input: categorizationTask({ tags: ["beside-gone"] }) },
    ]);
    await db.prisma.project.deleteMany({
      where: { organizationId: scope.organizationId, name: "gone" },
    });
    const results = await storePreparedTasks(scope, prepared);
    const [lost, kept] = results;
    expect(lost?.ok === false && lost.error.toBody().issues).toEqual([
      { path: "project", message: 'Project "gone" not found.' },
    ]);
    expect(kept?.ok).toBe(true);
    expect(await db.prisma.task.count({ where: { id: prepared.valid[0]?.id ?? "" } })).toBe(0);
  });
});
