import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { scopeOf } from "../../scope";
import type { Scope } from "../../scope";
import { categorizationTask, createTenant, createTestDatabase } from "../../test/harness";
import type { TestDatabase } from "../../test/harness";
import { createBatch } from "../batches/batches";
import { createProject } from "../projects/projects";
import { createTask } from "./create-tasks";
import { getTask } from "./get-task";

// A created task is answered from what was inserted, not read back; it goes through the same
// mapper as a task read back, so both are the same object with the same keys in the same order.

let db: TestDatabase;
let live: Scope;
let test: Scope;

beforeAll(async () => {
  db = await createTestDatabase();
  const tenant = await createTenant(db, "Acme");
  live = scopeOf(db, tenant.live);
  test = scopeOf(db, tenant.test);
});
afterAll(async () => {
  await db.close();
});

const expectReadBackSame = async (scope: Scope, input: unknown) => {
  const created = await createTask(scope, input);
  const read = await getTask(scope, created.task_id);
  expect(created).toEqual(read);
  expect(Object.keys(created)).toEqual(Object.keys(read));
};

describe("the public task object", () => {
  it("is the same when created as when read back, with the fewest keys", async () => {
    await expectReadBackSame(live, categorizationTask());
  });

  it("is the same when created as when read back, with every optional key", async () => {
    await createProject(live, { name: "mapped", type: "categorization" });
    await createBatch(live, { project: "mapped", name: "mapped-1" });
    await expectReadBackSame(
      live,
      categorizationTask({
        project: "mapped",
        batch: "mapped-1",
        callback_url: "https://hooks.example.org/taskforge",
        metadata: { source: "camera 2" },
        unique_id: "mapped-unique",
        tags: ["a", "b"],
        priority: 20,
      }),
    );
  });

  it("is the same when created completed in test mode as when read back", async () => {
    await expectReadBackSame(test, categorizationTask({ unique_id: "test-mode" }));
  });
});
