import { createTestDatabase } from "@taskforge/db/testing";
import type { TestDatabase } from "@taskforge/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Scope } from "../../scope";
import { createBatch } from "../batches";
import { createProject } from "../projects";
import { createTask } from "../tasks";
import { enqueueBatchCallback, enqueueTaskCallback, enqueueTaskCallbacks } from "./enqueue";
import { createCallbackTask, newScope } from "./testing/fixtures";

let db: TestDatabase;
let scope: Scope;

beforeAll(async () => {
  db = await createTestDatabase();
  scope = await newScope(db);
});
afterAll(async () => {
  await db.close();
});

const bodyOf = async (id: string | null) =>
  JSON.parse(
    (await db.prisma.callbackDelivery.findUniqueOrThrow({ where: { id: id ?? "" } })).body,
  ) as Record<string, any>;

describe("enqueueTaskCallback", () => {
  it("snapshots the task as it is inside the transaction", async () => {
    const task = await createCallbackTask(scope, "https://example.com/hook");
    const id = await db.prisma.$transaction(async (tx) => {
      await tx.task.update({
        where: { id: task.task_id },
        data: {
          status: "error",
          response: { error: "One or more attachments could not be downloaded." },
        },
      });
      return enqueueTaskCallback(tx, { ...scope, taskId: task.task_id, reason: "error" });
    });
    const row = await db.prisma.callbackDelivery.findUniqueOrThrow({ where: { id: id ?? "" } });
    expect(row).toMatchObject({
      event: "task.error",
      url: "https://example.com/hook",
      status: "pending",
      attempts: 0,
    });
    expect(JSON.parse(row.body)).toEqual({
      task_id: task.task_id,
      status: "error",
      response: { error: "One or more attachments could not be downloaded." },
      task: expect.objectContaining({ task_id: task.task_id, status: "error" }),
    });
  });

  it("sends response null for a task without one (a recall to pending)", async () => {
    const task = await createCallbackTask(scope, "https://example.com/hook");
    const id = await enqueueTaskCallback(db.prisma, {
      ...scope,
      taskId: task.task_id,
      reason: "recalled",
    });
    expect(await bodyOf(id)).toMatchObject({ status: "pending", response: null });
  });

  it("queues test-mode tasks in their own world", async () => {
    const testScope = { ...scope, isTest: true };
    const task = await createCallbackTask(testScope, "https://example.com/hook");
    const id = await enqueueTaskCallback(db.prisma, {
      ...testScope,
      taskId: task.task_id,
      reason: "completed",
    });
    expect(
      await db.prisma.callbackDelivery.findUniqueOrThrow({ where: { id: id ?? "" } }),
    ).toMatchObject({ isTest: true });
    expect((await bodyOf(id)).task).toMatchObject({ is_test: true, status: "completed" });
  });

  it("refuses a task of another organization or world", async () => {
    const other = await newScope(db, "Other");
    const task = await createCallbackTask(other, "https://example.com/hook");
    await expect(
      enqueueTaskCallback(db.prisma, { ...scope, taskId: task.task_id, reason: "completed" }),
    ).rejects.toThrow(
      `enqueueTaskCallback: no task ${task.task_id} in organization ${scope.organizationId} (live)`,
    );
    await expect(
      enqueueTaskCallback(db.prisma, {
        ...other,
        isTest: true,
        taskId: task.task_id,
        reason: "completed",
      }),
    ).rejects.toThrow("(test)");
  });

  it("queues many events in one call, keeping their order", async () => {
    const tasks = await Promise.all(
      [1, 2, 3].map(() => createCallbackTask(scope, "https://example.com/many")),
    );
    const events = [...tasks, ...tasks].map((t, i) => ({
      ...scope,
      taskId: t.task_id,
      reason: i < 3 ? ("completed" as const) : ("audit" as const),
    }));
    const ids = await enqueueTaskCallbacks(db.prisma, events);
    const rows = await db.prisma.callbackDelivery.findMany({
      where: { url: "https://example.com/many" },
      orderBy: { seq: "asc" },
    });
    expect(rows.map((r) => r.id)).toEqual(ids);
    expect(rows.map((r) => r.event)).toEqual([
      ...Array(3).fill("task.completed"),
      ...Array(3).fill("task.audit"),
    ]);
  });
});

describe("enqueueBatchCallback", () => {
  it("sends the batch object and its task counts to the batch's callback", async () => {
    await createProject(scope, { type: "categorization", name: "kittens" });
    await createBatch(scope, {
      project: "kittens",
      name: "kittens-1",
      callback: "https://example.com/batch",
    });
    const batchTask = (status: string) =>
      createTask(scope, {
        type: "categorization",
        project: "kittens",
        batch: "kittens-1",
        params: { attachment_type: "text", attachment: status, categories: ["a", "b"] },
      });
    const done = await batchTask("done");
    const failed = await batchTask("failed");
    await db.prisma.task.update({ where: { id: done.task_id }, data: { status: "completed" } });
    await db.prisma.task.update({ where: { id: failed.task_id }, data: { status: "error" } });
    const batch = await db.prisma.batch.findFirstOrThrow({ where: { name: "kittens-1" } });

    const id = await enqueueBatchCallback(db.prisma, { ...scope, batchId: batch.id });
    const row = await db.prisma.callbackDelivery.findUniqueOrThrow({ where: { id: id ?? "" } });
    expect(row).toMatchObject({
      event: "batch.completed",
      url: "https://example.com/batch",
      batchId: batch.id,
      taskId: null,
    });
    expect(JSON.parse(row.body)).toEqual({
      batch: expect.objectContaining({
        name: "kittens-1",
        project: "kittens",
        callback: "https://example.com/batch",
      }),
      status: expect.any(String),
      counts: { pending: 0, completed: 1, error: 1, canceled: 0 },
    });
  });

  it("skips batches without a callback", async () => {
    await createBatch(scope, { project: "kittens", name: "kittens-2" });
    const batch = await db.prisma.batch.findFirstOrThrow({ where: { name: "kittens-2" } });
    expect(await enqueueBatchCallback(db.prisma, { ...scope, batchId: batch.id })).toBeNull();
  });
});
