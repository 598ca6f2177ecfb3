import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { expectTRPCError } from "../../test/expect-error";
import {
  callerFor,
  categorizationTask,
  createTenant,
  createTestDatabase,
} from "../../test/harness";
import type { TestDatabase, TestTenant } from "../../test/harness";

let db: TestDatabase;
let acme: TestTenant;
let api: ReturnType<typeof callerFor>;
const ids: Record<string, string> = {};

// A fixed, known set of tasks with distinct values for every filter, inserted with explicit times.
beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
  const other = await createTenant(db, "Other");
  api = callerFor(db, acme.live);
  const project = await db.prisma.project.create({
    data: {
      organizationId: acme.organizationId,
      isTest: false,
      name: "kittens",
      type: "categorization",
    },
  });
  await db.prisma.batch.create({
    data: {
      organizationId: acme.organizationId,
      isTest: false,
      projectId: project.id,
      name: "kittens/2026-11",
      status: "in_progress",
    },
  });
  const make = async (name: string, input: Parameters<typeof categorizationTask>[0] = {}) => {
    ids[name] = (
      await api.tasks.create(categorizationTask({ metadata: { name }, ...input }))
    ).task_id;
  };
  await make("plain");
  await make("in-project", { project: "kittens" });
  await make("in-batch", { batch: "kittens/2026-11" });
  await make("tagged-ab", { tags: ["a", "b"] });
  await make("tagged-a", { tags: ["a"] });
  await make("unique", { unique_id: "u-1" });
  await make("unique-2", { unique_id: "u-2" });
  await api.tasks
    .create({
      type: "textcollection",
      params: {
        attachments: [{ type: "text", content: "x" }],
        fields: [{ field_id: "f", type: "text", title: "F" }],
      },
      metadata: { name: "text" },
    })
    .then((t) => (ids.text = t.task_id));
  await callerFor(db, other.live).tasks.create(
    categorizationTask({ tags: ["a"], unique_id: "u-1" }),
  );

  const at = (iso: string) => new Date(iso);
  await db.prisma.task.update({
    where: { id: ids.plain },
    data: { createdAt: at("2025-01-01T00:00:00Z") },
  });
  await db.prisma.task.update({
    where: { id: ids.unique },
    data: {
      status: "completed",
      completedAt: at("2026-06-01T12:00:00Z"),
      customerReviewStatus: "accepted",
    },
  });
  await db.prisma.task.update({
    where: { id: ids["unique-2"] },
    data: { customerReviewStatus: "fixed", status: "error" },
  });
  await db.prisma
    .$executeRaw`UPDATE "tasks" SET "updated_at" = '2024-03-03T00:00:00Z' WHERE "id" = ${ids["tagged-a"]}`;
});
afterAll(async () => {
  await db.close();
});

const names = async (query: Parameters<typeof api.tasks.list>[0]) => {
  const page = await api.tasks.list(query);
  expect(page.total).toBe(page.docs.length);
  return page.docs.map((t) => (t.metadata as { name: string }).name).sort();
};

describe("tasks.list filters", () => {
  it("lists only the caller's tasks, newest first, with the envelope keys", async () => {
    const page = await api.tasks.list({});
    expect(page).toMatchObject({ total: 8, limit: 100, offset: 0, has_more: false });
    expect(page).not.toHaveProperty("next_token");
    const created = page.docs.map((t) => t.created_at);
    expect([...created].sort().reverse()).toEqual(created);
  });

  it("filters by status, type, project and batch", async () => {
    expect(await names({ status: "completed" })).toEqual(["unique"]);
    expect(await names({ status: "error" })).toEqual(["unique-2"]);
    expect(await names({ type: "textcollection" })).toEqual(["text"]);
    expect(await names({ project: "kittens" })).toEqual(["in-batch", "in-project"]);
    expect(await names({ batch: "kittens/2026-11" })).toEqual(["in-batch"]);
    expect(await names({ project: "no-such-project" })).toEqual([]);
  });

  it("filters by tags (a task must have all), unique_id and review status", async () => {
    expect(await names({ tags: ["a"] })).toEqual(["tagged-a", "tagged-ab"]);
    expect(await names({ tags: ["a", "b"] })).toEqual(["tagged-ab"]);
    expect(await names({ unique_id: ["u-1", "u-2"] })).toEqual(["unique", "unique-2"]);
    expect(await names({ customer_review_status: "accepted,fixed" })).toEqual([
      "unique",
      "unique-2",
    ]);
    expect(await names({ customer_review_status: ["accepted"] })).toEqual(["unique"]);
  });

  it("filters by created, completed and updated time ranges, zone-less times meaning UTC", async () => {
    expect(await names({ end_time: "2025-06-01" })).toEqual(["plain"]);
    expect(
      await names({
        start_time: "2024-12-31T23:59:59.999999",
        end_time: "2025-01-01T00:00:00.000001",
      }),
    ).toEqual(["plain"]);
    expect(
      await names({
        completed_after: "2026-06-01T11:00:00Z",
        completed_before: "2026-06-01T13:00:00+00:00",
      }),
    ).toEqual(["unique"]);
    expect(await names({ completed_after: "2026-06-02" })).toEqual([]);
    expect(await names({ updated_before: "2024-12-01" })).toEqual(["tagged-a"]);
    expect((await names({ updated_after: "2025-01-01" })).length).toBe(7);
  });

  it("rejects a limit above 100 and an invalid date, naming the field", async () => {
    expect(
      (await expectTRPCError(api.tasks.list({ limit: 101 }), "BAD_REQUEST")).message,
    ).toContain("limit");
    expect(
      (await expectTRPCError(api.tasks.list({ start_time: "last tuesday" }), "BAD_REQUEST"))
        .message,
    ).toContain("start_time");
  });
});

describe("tasks.list pagination", () => {
  it("walks every task exactly once with next_token, total counting all matches", async () => {
    const created = await api.tasks.createMany({
      tasks: Array.from({ length: 23 }, (_, i) =>
        categorizationTask({ tags: ["paged"], metadata: { i } }),
      ),
    });
    expect(created.created).toBe(23);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await api.tasks.list({
        tags: ["paged"],
        limit: 5,
        ...(token ? { next_token: token } : {}),
      });
      expect(page.total).toBe(23);
      expect(page.offset).toBe(0);
      seen.push(...page.docs.map((t) => t.task_id));
      expect(page.has_more).toBe(seen.length < 23);
      token = page.next_token;
      pages++;
    } while (token);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(23);
    // Same created_at within one bulk call: the task id breaks the tie, newest first.
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it("pages with offset for older SDKs", async () => {
    const all = (await api.tasks.list({ tags: ["paged"] })).docs.map((t) => t.task_id);
    const page = await api.tasks.list({ tags: ["paged"], limit: 10, offset: 20 });
    expect(page.docs.map((t) => t.task_id)).toEqual(all.slice(20));
    expect(page).toMatchObject({ offset: 20, has_more: false, total: 23 });
  });

  it("rejects a token it did not issue", async () => {
    await expectTRPCError(api.tasks.list({ next_token: "not-a-token" }), "BAD_REQUEST");
  });
});
