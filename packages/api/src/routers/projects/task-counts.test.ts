import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  callerFor,
  categorizationTask,
  createTenant,
  createTestDatabase,
} from "../../test/harness";
import type { TestDatabase, TestTenant } from "../../test/harness";

let db: TestDatabase;
let acme: TestTenant;
let globex: TestTenant;
beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
  globex = await createTenant(db, "Globex");
});
afterAll(async () => {
  await db.close();
});

const zero = { total: 0, pending: 0, completed: 0, canceled: 0, error: 0 };

describe("task counts of projects and batches", () => {
  it("counts each project's and batch's tasks per status, within the caller's world only", async () => {
    const api = callerFor(db, acme.live);
    await api.projects.create({ type: "categorization", name: "counted" });
    await api.projects.create({ type: "categorization", name: "empty" });
    await api.batches.create({ project: "counted", name: "first" });
    await api.batches.create({ project: "counted", name: "second" });
    const canceled = await api.tasks.create(categorizationTask({ batch: "first" }));
    for (const batch of ["first", "first", "second"]) {
      await api.tasks.create(categorizationTask({ batch }));
    }
    await api.tasks.create(categorizationTask({ project: "counted" }));
    await api.tasks.cancel({ task_id: canceled.task_id });

    // Another organization (and the test world) use the same names; none of theirs is counted.
    const other = callerFor(db, globex.live);
    await other.projects.create({ type: "categorization", name: "counted" });
    await other.batches.create({ project: "counted", name: "first" });
    await other.tasks.create(categorizationTask({ batch: "first" }));
    const test = callerFor(db, acme.test);
    await test.projects.create({ type: "categorization", name: "counted" });
    await test.batches.create({ project: "counted", name: "first" });
    await test.tasks.create(categorizationTask({ batch: "first" }));

    expect(await api.projects.taskCounts()).toEqual([
      { project: "counted", ...zero, total: 5, pending: 4, canceled: 1 },
      { project: "empty", ...zero },
    ]);
    const batches = await api.batches.taskCounts({ names: ["first", "second", "missing"] });
    expect(batches.sort((a, b) => a.batch.localeCompare(b.batch))).toEqual([
      { batch: "first", ...zero, total: 3, pending: 2, canceled: 1 },
      { batch: "second", ...zero, total: 1, pending: 1 },
    ]);
    expect(await other.batches.taskCounts({ names: ["second"] })).toEqual([]);
  });

  it("refuses more than 100 batch names, naming the field", async () => {
    const api = callerFor(db, acme.live);
    const names = Array.from({ length: 101 }, (_, i) => `b${i}`);
    await expect(api.batches.taskCounts({ names })).rejects.toThrow(/at most 100 names/);
  });
});
