import { createHash } from "node:crypto";

import { isRecord } from "@taskforge/schema";
import type {
  CreateTaskIdsResult,
  CreateTaskResult,
  CreateTasksResult,
  Task,
} from "@taskforge/schema";

import type { DbClient } from "../../db-client";
import { conflict, invalidInput } from "../../errors";
import { newTaskId } from "../../object-id";
import type { Scope } from "../../scope";
import { getTask } from "./get-task";
import { prepareTasks, storeTasks, writePreparedTasks } from "./insert-tasks";
import type { ItemResult } from "./insert-tasks";

export const MAX_TASKS_PER_BULK_CREATE = 1000;

/** Creates up to 1,000 tasks, all or none of the valid ones, with one result per input, in input order. */
export const createTasks = async (
  scope: Scope,
  inputs: readonly unknown[],
): Promise<CreateTasksResult> => {
  if (inputs.length > MAX_TASKS_PER_BULK_CREATE) {
    throw invalidInput([
      { path: ["tasks"], message: `at most ${MAX_TASKS_PER_BULK_CREATE} tasks per call` },
    ]);
  }
  const items = await storeTasks(
    scope,
    inputs.map((input, index) => ({ index, input })),
  );
  const results = items.map((item): CreateTaskResult =>
    item.ok ? item : { index: item.index, ok: false, error: item.error.toBody() },
  );
  const created = results.filter((r) => r.ok).length;
  return { results, created, failed: results.length - created };
};

/**
 * `createTasks` answering with each created task's id rather than the whole task: what a bulk loader
 * needs (the CLI's `tasks create`), at a tenth of the bytes to build, send and parse.
 */
export const createTaskIds = async (
  scope: Scope,
  inputs: readonly unknown[],
): Promise<CreateTaskIdsResult> => {
  const { results, created, failed } = await createTasks(scope, inputs);
  return {
    results: results.map((r) => (r.ok ? { index: r.index, ok: true, task_id: r.task.task_id } : r)),
    created,
    failed,
  };
};

const unwrap = (result: ItemResult | undefined): Task => {
  if (!result) throw new Error("storing one task returned no result for it");
  if (!result.ok) throw result.error;
  return result.task;
};

// Stable across key order, so a retry that re-serialises the same body still matches.
const fingerprint = (value: unknown): string => {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : isRecord(v)
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical(v[k])]),
          )
        : v;
  return createHash("sha256")
    .update(JSON.stringify(canonical(value)))
    .digest("hex");
};

export type CreateTaskOptions = { idempotencyKey?: string | undefined };

/**
 * The task an earlier request with this Idempotency-Key created, or null when the key is unused;
 * a different body under the same key is refused with 409.
 */
const taskOfIdempotencyKey = async (
  db: DbClient,
  scope: Scope,
  key: string,
  requestHash: string,
): Promise<Task | null> => {
  const first = await db.idempotencyKey.findUnique({
    where: {
      organizationId_isTest_key: {
        organizationId: scope.organizationId,
        isTest: scope.isTest,
        key,
      },
    },
  });
  if (!first) return null;
  if (first.requestHash !== requestHash) {
    throw conflict(
      `The Idempotency-Key "${key}" was already used for a different request (task ${first.taskId}).`,
    );
  }
  return getTask(scope, first.taskId, db);
};

/**
 * Creates one task. With an Idempotency-Key, the first request's task is returned again for a retry
 * with the same body, and a different body under the same key is refused with 409; the key is
 * recorded in the task's own transaction, so a failed create leaves no key behind. The input is
 * validated before that transaction (a retry of a stored request skips even that): validation may
 * download the attachment to read its image size, which must not hold a transaction open.
 */
export const createTask = async (
  scope: Scope,
  input: unknown,
  options: CreateTaskOptions = {},
): Promise<Task> => {
  const { idempotencyKey } = options;
  if (idempotencyKey === undefined) {
    const [result] = await storeTasks(scope, [{ index: 0, input }]);
    return unwrap(result);
  }
  if (!idempotencyKey || idempotencyKey.length > 255) {
    throw invalidInput([{ path: ["Idempotency-Key"], message: "must be 1 to 255 characters" }]);
  }
  const requestHash = fingerprint(input);
  const db = scope.db.prisma;
  const earlier = await taskOfIdempotencyKey(db, scope, idempotencyKey, requestHash);
  if (earlier) return earlier;
  const taskId = newTaskId();
  const prepared = await prepareTasks(db, scope, [{ index: 0, input, id: taskId }]);
  return db.$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<{ task_id: string }[]>`
      INSERT INTO "idempotency_keys" ("organization_id", "is_test", "key", "request_hash", "task_id")
      VALUES (${scope.organizationId}::uuid, ${scope.isTest}, ${idempotencyKey}, ${requestHash}, ${taskId})
      ON CONFLICT DO NOTHING RETURNING "task_id"`;
    // A concurrent request with the same key claimed it first.
    if (!claimed.length) {
      const first = await taskOfIdempotencyKey(tx, scope, idempotencyKey, requestHash);
      if (!first) throw new Error("an idempotency key that was claimed has no row");
      return first;
    }
    const [result] = await writePreparedTasks(tx, scope, prepared);
    return unwrap(result);
  });
};
