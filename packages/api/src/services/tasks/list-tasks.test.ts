import { TaskListQuerySchema, encodeListCursor } from "@taskforge/schema";
import type { TaskListQueryInput } from "@taskforge/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { scopeOf } from "../../scope";
import type { Scope } from "../../scope";
import {
  callerFor,
  categorizationTask,
  createTenant,
  createTestDatabase,
} from "../../test/harness";
import type { TestDatabase, TestTenant } from "../../test/harness";
import { listTasks } from "./list-tasks";

let db: TestDatabase;
let acme: TestTenant;
let live: Scope;
let test: Scope;
const ids: Record<string, string> = {};

const addProject = async (tenant: TestTenant, isTest: boolean, name: string, batch: string) => {
  const project = await db.prisma.project.create({
    data: { organizationId: tenant.organizationId, isTest, name, type: "categorization" },
  });
  await db.prisma.batch.create({
    data: {
      organizationId: tenant.organizationId,
      isTest,
      projectId: project.id,
      name: batch,
      status: "in_progress",
    },
  });
};

beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
  const other = await createTenant(db, "Other");
  live = scopeOf(db, acme.live);
  test = scopeOf(db, acme.test);
  // The same names in the test world and in another organization must not leak into the lists.
  await addProject(acme, false, "kittens", "kittens/1");
  await addProject(acme, false, "puppies", "puppies/1");
  await addProject(acme, true, "kittens", "kittens/1");
  await addProject(other, false, "kittens", "kittens/1");
  const make = async (
    name: string,
    key = acme.live,
    input: { project?: string; batch?: string },
  ) => {
    ids[name] = (
      await callerFor(db, key).tasks.create(categorizationTask({ metadata: { name }, ...input }))
    ).task_id;
  };
  await make("kitten", acme.live, { project: "kittens" });
  await make("kitten-batched", acme.live, { batch: "kittens/1" });
  await make("puppy-batched", acme.live, { batch: "puppies/1" });
  await make("test-kitten", acme.test, { batch: "kittens/1" });
  await make("other-kitten", other.live, { batch: "kittens/1" });
});
afterAll(async () => {
  await db.close();
});

const list = (scope: Scope, query: TaskListQueryInput) =>
  listTasks(scope, TaskListQuerySchema.parse(query));

const names = async (scope: Scope, query: TaskListQueryInput) => {
  const page = await list(scope, query);
  expect(page.total).toBe(page.docs.length);
  return page.docs.map((t) => (t.metadata as { name: string }).name).sort();
};

describe("listTasks by project and batch", () => {
  it("finds the names in the caller's organization and world only", async () => {
    expect(await names(live, { project: "kittens" })).toEqual(["kitten", "kitten-batched"]);
    expect(await names(live, { batch: "kittens/1" })).toEqual(["kitten-batched"]);
    expect(await names(live, { project: "kittens", batch: "kittens/1" })).toEqual([
      "kitten-batched",
    ]);
    expect(await names(test, { project: "kittens" })).toEqual(["test-kitten"]);
    expect(await names(test, { batch: "kittens/1" })).toEqual(["test-kitten"]);
  });

  it("answers an empty page with total 0 for an unknown name or a batch of another project", async () => {
    const cases: [Scope, TaskListQueryInput][] = [
      [live, { project: "no-such-project" }],
      [live, { batch: "no-such-batch" }],
      [live, { project: "puppies", batch: "kittens/1" }],
      [test, { project: "puppies" }],
    ];
    for (const [scope, query] of cases) {
      expect(await list(scope, { ...query, limit: 5, offset: 1 })).toEqual({
        docs: [],
        total: 0,
        limit: 5,
        offset: 1,
        has_more: false,
      });
    }
  });
});

describe("listTasks by completion time", () => {
  const at = (iso: string) => new Date(iso);

  beforeAll(async () => {
    // Created now, completed at given times, some of them (as imported or corrected data can be)
    // before their creation: the window's total and pages must not assume completion follows it.
    const created = await callerFor(db, acme.live).tasks.createMany({
      tasks: Array.from({ length: 6 }, (_, i) =>
        categorizationTask({ tags: ["window"], metadata: { name: `w${i}` } }),
      ),
    });
    const completedAt = [
      "2026-03-01T00:00:00Z",
      "2026-03-02T00:00:00Z",
      "2026-03-03T00:00:00Z",
      "2026-03-04T00:00:00Z",
      "2026-03-09T00:00:00Z",
      "2099-01-01T00:00:00Z",
    ];
    for (const [i, result] of created.results.entries()) {
      if (!result.ok) throw new Error("a window task was not created");
      await db.prisma.task.update({
        where: { id: result.task.task_id },
        data: { status: "completed", completedAt: at(completedAt[i] ?? "") },
      });
    }
  });

  it("walks a window by next_token with the window's exact total on every page", async () => {
    const window = { completed_after: "2026-03-01", completed_before: "2026-03-05", limit: 3 };
    const first = await list(live, window);
    expect(first).toMatchObject({ total: 4, has_more: true });
    const second = await list(live, { ...window, next_token: first.next_token });
    expect(second).toMatchObject({ total: 4, has_more: false });
    const seen = [...first.docs, ...second.docs].map((t) => t.task_id);
    expect(new Set(seen).size).toBe(4);
    expect([...seen].sort().reverse()).toEqual(seen);
    const metadata = [...first.docs, ...second.docs].map((t) => t.metadata);
    expect(metadata.map((m) => (m as { name: string }).name).sort()).toEqual([
      "w0",
      "w1",
      "w2",
      "w3",
    ]);
  });

  it("pages a window by offset, and answers total 0 for an empty window", async () => {
    const all = await list(live, { completed_after: "2026-03-01" });
    expect(all.total).toBe(6);
    const page = await list(live, { completed_after: "2026-03-01", offset: 4, limit: 5 });
    expect(page.docs.map((t) => t.task_id)).toEqual(all.docs.slice(4).map((t) => t.task_id));
    expect(page).toMatchObject({ total: 6, has_more: false, offset: 4 });
    expect(await list(live, { completed_before: "2020-01-01" })).toMatchObject({
      docs: [],
      total: 0,
      has_more: false,
    });
    expect(await names(live, { completed_after: "2098-12-31", tags: ["window"] })).toEqual(["w5"]);
  });
});

describe("listTasks total along a next_token walk", () => {
  it("answers the first page's total on later pages, and counts afresh for a token without one", async () => {
    const api = callerFor(db, acme.live);
    const tagged = (n: number) =>
      api.tasks.createMany({
        tasks: Array.from({ length: n }, () => categorizationTask({ tags: ["walk"] })),
      });
    await tagged(5);
    const first = await list(live, { tags: ["walk"], limit: 2 });
    expect(first.total).toBe(5);
    await tagged(1);
    const second = await list(live, { tags: ["walk"], limit: 2, next_token: first.next_token });
    expect(second.total).toBe(5);
    expect(second.docs.map((t) => t.task_id)).not.toContain(first.docs[0]?.task_id);
    const last = first.docs.at(-1);
    if (!last) throw new Error("the first page is empty");
    const withoutTotal = encodeListCursor({ id: last.task_id, created_at: last.created_at });
    const recounted = await list(live, { tags: ["walk"], limit: 2, next_token: withoutTotal });
    expect(recounted.total).toBe(6);
    expect(recounted.docs.map((t) => t.task_id)).toEqual(second.docs.map((t) => t.task_id));
    expect((await list(live, { tags: ["walk"] })).total).toBe(6);
  });
});
