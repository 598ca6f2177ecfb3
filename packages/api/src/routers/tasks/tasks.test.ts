import { CreateTaskIdsResultSchema, CreateTasksResultSchema, TaskSchema } from "@taskforge/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { AppError } from "../../errors";
import {
  IDEMPOTENCY_KEY_RETENTION_MS,
  pruneIdempotencyKeys,
} from "../../services/tasks/idempotency";
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
let globex: TestTenant;
let api: ReturnType<typeof callerFor>;

beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
  globex = await createTenant(db, "Globex");
  api = callerFor(db, acme.live);
});
afterAll(async () => {
  await db.close();
});

const setStatus = (taskId: string, status: "completed" | "error") =>
  db.prisma.task.update({
    where: { id: taskId },
    data: { status, completedAt: status === "completed" ? new Date() : null },
  });

describe("tasks.create and tasks.get", () => {
  it("returns the public task object and reads it back identically", async () => {
    const created = await api.tasks.create(
      categorizationTask({ callback_url: "http://www.example.com/callback" }),
    );
    expect(TaskSchema.parse(created)).toEqual(created);
    expect(created.task_id).toMatch(/^[0-9a-f]{24}$/);
    expect(created).toMatchObject({
      type: "categorization",
      status: "pending",
      instruction: "Is this item big or small?",
      params: {
        attachment_type: "text",
        attachment: "car",
        categories: ["big", "small"],
        allow_multiple: false,
      },
      callback_url: "http://www.example.com/callback",
      callback_completed: false,
      callback_succeeded: false,
      customer_review_status: "pending",
      metadata: {},
      audits: [],
      project_param_version: null,
      priority: 0,
      is_test: false,
    });
    expect(created.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    for (const absent of ["tags", "unique_id", "completed_at", "response", "times_redone"]) {
      expect(created).not.toHaveProperty(absent);
    }
    expect(await api.tasks.get({ task_id: created.task_id })).toEqual(created);
  });

  it("creates textcollection tasks", async () => {
    const created = await api.tasks.create({
      type: "textcollection",
      params: {
        attachments: [{ type: "text", content: "The quick brown fox" }],
        fields: [{ field_id: "summary", type: "text", title: "Summary" }],
      },
      tags: ["experiment_1", "owner:david"],
      unique_id: "text-1",
      metadata: { source: "test" },
      priority: 30,
    });
    expect(created).toMatchObject({
      type: "textcollection",
      tags: ["experiment_1", "owner:david"],
      unique_id: "text-1",
      metadata: { source: "test" },
      priority: 30,
    });
  });

  it("gives ids that sort by creation time", async () => {
    const first = await api.tasks.create(categorizationTask());
    const second = await api.tasks.create(categorizationTask());
    expect(second.task_id > first.task_id).toBe(true);
  });

  it("rejects params that do not fit the type, naming the field", async () => {
    const error = await expectTRPCError(
      api.tasks.create({
        type: "categorization",
        params: { attachment_type: "text", attachment: "car", categories: ["only one"] },
      }),
      "BAD_REQUEST",
    );
    expect(error.message).toContain("params.categories");
  });

  it("rejects more than 5 tags and unknown keys", async () => {
    await expectTRPCError(
      api.tasks.create(categorizationTask({ tags: ["1", "2", "3", "4", "5", "6"] })),
      "BAD_REQUEST",
    );
    await expectTRPCError(
      api.tasks.create({ ...categorizationTask(), colour: "red" } as never),
      "BAD_REQUEST",
    );
  });

  it("refuses a duplicate unique_id with 409 naming the existing task", async () => {
    const first = await api.tasks.create(categorizationTask({ unique_id: "dup-1" }));
    const error = await expectTRPCError(
      api.tasks.create(categorizationTask({ unique_id: "dup-1" })),
      "CONFLICT",
    );
    expect(error.message).toBe(
      `The unique_id ("dup-1") is already used for a different task (${first.task_id}).`,
    );
    expect((error.cause as AppError).toBody()).toEqual({ status_code: 409, error: error.message });
  });

  it("keeps live and test worlds apart: the same unique_id may exist in both", async () => {
    const live = await api.tasks.create(categorizationTask({ unique_id: "world-1" }));
    const test = await callerFor(db, acme.test).tasks.create(
      categorizationTask({ unique_id: "world-1" }),
    );
    expect(test.is_test).toBe(true);
    await expectTRPCError(
      callerFor(db, acme.test).tasks.get({ task_id: live.task_id }),
      "NOT_FOUND",
    );
  });

  it("replays an Idempotency-Key retry and refuses the key for another body", async () => {
    const withKey = callerFor(db, acme.live, "create-42");
    const first = await withKey.tasks.create(categorizationTask({ metadata: { n: 1 } }));
    const retry = await withKey.tasks.create(categorizationTask({ metadata: { n: 1 } }));
    expect(retry.task_id).toBe(first.task_id);
    const error = await expectTRPCError(
      withKey.tasks.create(categorizationTask({ metadata: { n: 2 } })),
      "CONFLICT",
    );
    expect(error.message).toContain(first.task_id);
    expect(await db.prisma.task.count({ where: { metadata: { equals: { n: 1 } } } })).toBe(1);
  });

  it("forgets Idempotency-Keys after the retention window, so the key can be used again", async () => {
    const withKey = callerFor(db, acme.live, "expires");
    const first = await withKey.tasks.create(categorizationTask({ metadata: { v: 1 } }));
    expect(await pruneIdempotencyKeys(db)).toBe(0);
    await db.prisma.idempotencyKey.updateMany({
      where: { key: "expires" },
      data: { createdAt: new Date(Date.now() - IDEMPOTENCY_KEY_RETENTION_MS - 1000) },
    });
    expect(await pruneIdempotencyKeys(db)).toBe(1);
    const later = await withKey.tasks.create(categorizationTask({ metadata: { v: 2 } }));
    expect(later.task_id).not.toBe(first.task_id);
  });

  it("does not keep an Idempotency-Key when the create failed", async () => {
    const withKey = callerFor(db, acme.live, "create-fails-first");
    await expectTRPCError(
      withKey.tasks.create(categorizationTask({ unique_id: "dup-1" })),
      "CONFLICT",
    );
    const later = await withKey.tasks.create(
      categorizationTask({ unique_id: "fresh-after-failure" }),
    );
    expect(later.unique_id).toBe("fresh-after-failure");
  });
});

describe("tasks.createMany", () => {
  it("creates valid items in one call and reports each failure with its index", async () => {
    const existing = await api.tasks.create(categorizationTask({ unique_id: "bulk-existing" }));
    const result = await api.tasks.createMany({
      tasks: [
        categorizationTask({ unique_id: "bulk-a" }),
        { type: "categorization", params: { attachment: "x" } },
        categorizationTask({ unique_id: "bulk-existing" }),
        categorizationTask({ unique_id: "bulk-a" }),
        { type: "nonsense", params: {} },
        categorizationTask({ tags: ["t"] }),
      ],
    });
    // The procedure declares no output schema (parsing 1,000 tasks per call is costly): the service's
    // result must already be exactly what the schema accepts.
    expect(CreateTasksResultSchema.parse(result)).toEqual(result);
    expect(result.created).toBe(2);
    expect(result.failed).toBe(4);
    expect(result.results.map((r) => [r.index, r.ok])).toEqual([
      [0, true],
      [1, false],
      [2, false],
      [3, false],
      [4, false],
      [5, true],
    ]);
    const [a, invalid, taken, repeated, unknownType, tagged] = result.results;
    expect(invalid?.ok === false && invalid.error).toMatchObject({ status_code: 400 });
    expect(invalid?.ok === false && invalid.error.error).toContain("params.attachment_type");
    expect(taken?.ok === false && taken.error).toEqual({
      status_code: 409,
      error: `The unique_id ("bulk-existing") is already used for a different task (${existing.task_id}).`,
    });
    if (!a?.ok || repeated?.ok !== false)
      throw new Error("expected item 0 created and item 3 refused");
    expect(repeated.error.error).toContain(a.task.task_id);
    expect(unknownType?.ok === false && unknownType.error.error).toContain("type");
    if (!tagged?.ok) throw new Error("expected the tagged task to be created");
    expect(await api.tasks.get({ task_id: tagged.task.task_id })).toEqual(tagged.task);
  });

  it("inserts 1,000 tasks in one call and refuses more", async () => {
    const tasks = Array.from({ length: 1000 }, (_, i) =>
      categorizationTask({ metadata: { i }, tags: ["bulk-1000"] }),
    );
    const result = await api.tasks.createMany({ tasks });
    expect(result.created).toBe(1000);
    expect(new Set(result.results.map((r) => (r.ok ? r.task.task_id : ""))).size).toBe(1000);
    expect((await api.tasks.list({ tags: ["bulk-1000"], limit: 1 })).total).toBe(1000);
    await expectTRPCError(
      api.tasks.createMany({ tasks: [...tasks, categorizationTask()] }),
      "BAD_REQUEST",
    );
  });
});

describe("tasks.createManyIds", () => {
  it("creates like createMany but answers each created item with its task_id only", async () => {
    const existing = await api.tasks.create(categorizationTask({ unique_id: "ids-existing" }));
    const result = await api.tasks.createManyIds({
      tasks: [
        categorizationTask({ unique_id: "ids-a", tags: ["ids"] }),
        { type: "categorization", params: { attachment: "x" } },
        categorizationTask({ unique_id: "ids-existing" }),
        categorizationTask({ tags: ["ids"] }),
      ],
    });
    expect(CreateTaskIdsResultSchema.parse(result)).toEqual(result);
    expect(result).toMatchObject({ created: 2, failed: 2 });
    const [a, invalid, taken, b] = result.results;
    expect(invalid?.ok === false && invalid.error.error).toContain("params.attachment_type");
    expect(taken?.ok === false && taken.error).toEqual({
      status_code: 409,
      error: `The unique_id ("ids-existing") is already used for a different task (${existing.task_id}).`,
    });
    if (!a?.ok || !b?.ok) throw new Error("expected items 0 and 3 created");
    expect(Object.keys(a).sort()).toEqual(["index", "ok", "task_id"]);
    const stored = await api.tasks.list({ tags: ["ids"], limit: 10 });
    expect(stored.docs.map((t) => t.task_id).sort()).toEqual([a.task_id, b.task_id].sort());
    expect((await api.tasks.get({ task_id: a.task_id })).unique_id).toBe("ids-a");
  });
});

describe("tasks.cancel", () => {
  it("cancels a pending task, is idempotent, and can free the unique_id", async () => {
    const task = await api.tasks.create(categorizationTask({ unique_id: "cancel-me" }));
    const canceled = await api.tasks.cancel({ task_id: task.task_id });
    expect(canceled.status).toBe("canceled");
    expect(canceled.unique_id).toBe("cancel-me");
    const again = await api.tasks.cancel({ task_id: task.task_id, clear_unique_id: true });
    expect(again.status).toBe("canceled");
    expect(again).not.toHaveProperty("unique_id");
    expect((await api.tasks.create(categorizationTask({ unique_id: "cancel-me" }))).unique_id).toBe(
      "cancel-me",
    );
  });

  it("refuses to cancel a completed task with 400", async () => {
    const task = await api.tasks.create(categorizationTask());
    await setStatus(task.task_id, "completed");
    const error = await expectTRPCError(api.tasks.cancel({ task_id: task.task_id }), "BAD_REQUEST");
    expect(error.message).toContain("completed");
    expect((await api.tasks.get({ task_id: task.task_id })).status).toBe("completed");
  });

  it("answers 404 for an unknown task", async () => {
    const error = await expectTRPCError(api.tasks.cancel({ task_id: "0".repeat(24) }), "NOT_FOUND");
    expect(error.message).toBe("Task with that ID not found.");
  });
});

describe("metadata, tags and unique_id", () => {
  it("replaces metadata", async () => {
    const task = await api.tasks.create(categorizationTask({ metadata: { a: 1 } }));
    const updated = await api.tasks.setMetadata({
      task_id: task.task_id,
      metadata: { b: { c: [1, 2] } },
    });
    expect(updated.metadata).toEqual({ b: { c: [1, 2] } });
    expect(updated.updated_at >= task.updated_at).toBe(true);
  });

  it("sets, adds and removes tags, keeping order and at most 5", async () => {
    const task = await api.tasks.create(categorizationTask());
    const id = { task_id: task.task_id };
    expect((await api.tasks.setTags({ ...id, tags: ["b", "a"] })).tags).toEqual(["b", "a"]);
    expect((await api.tasks.addTags({ ...id, tags: ["a", "c", "d"] })).tags).toEqual([
      "b",
      "a",
      "c",
      "d",
    ]);
    expect((await api.tasks.removeTags({ ...id, tags: ["a", "zzz"] })).tags).toEqual([
      "b",
      "c",
      "d",
    ]);
    const error = await expectTRPCError(
      api.tasks.addTags({ ...id, tags: ["e", "f", "g"] }),
      "BAD_REQUEST",
    );
    expect(error.message).toContain("at most 5 tags");
    expect((await api.tasks.get(id)).tags).toEqual(["b", "c", "d"]);
    expect(await api.tasks.setTags({ ...id, tags: [] })).not.toHaveProperty("tags");
  });

  it("sets and clears unique_id, refusing one held by another task", async () => {
    const holder = await api.tasks.create(categorizationTask({ unique_id: "held" }));
    const task = await api.tasks.create(categorizationTask());
    const error = await expectTRPCError(
      api.tasks.setUniqueId({ task_id: task.task_id, unique_id: "held" }),
      "CONFLICT",
    );
    expect(error.message).toContain(holder.task_id);
    expect(
      (await api.tasks.setUniqueId({ task_id: task.task_id, unique_id: "mine" })).unique_id,
    ).toBe("mine");
    expect((await api.tasks.list({ unique_id: ["mine"] })).docs.map((t) => t.task_id)).toEqual([
      task.task_id,
    ]);
    expect(await api.tasks.clearUniqueId({ task_id: task.task_id })).not.toHaveProperty(
      "unique_id",
    );
  });
});

describe("tenancy", () => {
  it("treats another organization's task as not found for every procedure", async () => {
    const task = await api.tasks.create(
      categorizationTask({ unique_id: "acme-private", tags: ["secret"] }),
    );
    const intruder = callerFor(db, globex.live);
    const id = { task_id: task.task_id };
    await expectTRPCError(intruder.tasks.get(id), "NOT_FOUND");
    await expectTRPCError(intruder.tasks.cancel(id), "NOT_FOUND");
    await expectTRPCError(intruder.tasks.setMetadata({ ...id, metadata: { x: 1 } }), "NOT_FOUND");
    await expectTRPCError(intruder.tasks.setTags({ ...id, tags: ["x"] }), "NOT_FOUND");
    await expectTRPCError(intruder.tasks.addTags({ ...id, tags: ["x"] }), "NOT_FOUND");
    await expectTRPCError(intruder.tasks.removeTags({ ...id, tags: ["secret"] }), "NOT_FOUND");
    await expectTRPCError(intruder.tasks.setUniqueId({ ...id, unique_id: "x" }), "NOT_FOUND");
    await expectTRPCError(intruder.tasks.clearUniqueId(id), "NOT_FOUND");
    expect((await intruder.tasks.list({ unique_id: ["acme-private"] })).total).toBe(0);
    expect((await intruder.tasks.list({ tags: ["secret"] })).total).toBe(0);
    // Globex may use Acme's unique_id: uniqueness is per organization.
    expect(
      (await intruder.tasks.create(categorizationTask({ unique_id: "acme-private" }))).unique_id,
    ).toBe("acme-private");
    expect(await api.tasks.get(id)).toMatchObject({ status: "pending", tags: ["secret"] });
  });

  it("requires a valid API key", async () => {
    const anonymous = callerFor(db, null);
    const error = await expectTRPCError(anonymous.tasks.list({}), "UNAUTHORIZED");
    expect(error.message).toContain("Missing API key");
  });
});
