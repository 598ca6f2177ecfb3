import { MAX_TAGS_PER_TASK } from "@taskforge/schema";
import type { CancelTaskInput, Task } from "@taskforge/schema";
import { Prisma } from "@taskforge/db";

import type { DbClient } from "../../db-client";
import { badRequest, conflict, invalidInput, taskNotFound } from "../../errors";
import type { Scope } from "../../scope";
import { onTaskStatusChanged } from "./status-change";
import { getTask } from "./get-task";

export type LockedTask = {
  id: string;
  type: string;
  status: string;
  tags: string[] | null;
  unique_id: string | null;
  batch_id: string | null;
};

/**
 * Runs `change` on the task with its row locked, then returns the task as it now is. The lock makes
 * read-modify-write changes (tags) safe against concurrent requests; a foreign task is not found.
 */
export const changeTask = (
  scope: Scope,
  taskId: string,
  change: (tx: Prisma.TransactionClient, task: LockedTask) => Promise<void>,
): Promise<Task> =>
  scope.db.prisma.$transaction(async (tx) => {
    const [task] = await tx.$queryRaw<LockedTask[]>`
      SELECT "id", "type", "status"::text AS "status", "tags", "unique_id", "batch_id"::text AS "batch_id" FROM "tasks"
      WHERE "id" = ${taskId} AND "organization_id" = ${scope.organizationId}::uuid AND "is_test" = ${scope.isTest}
      FOR UPDATE`;
    if (!task) throw taskNotFound();
    await change(tx, task);
    return getTask(scope, taskId, tx);
  });

export const updateTask = (tx: DbClient, taskId: string, data: Prisma.TaskUpdateInput) =>
  tx.task.update({ where: { id: taskId }, data, select: { id: true } });

/**
 * Pending tasks become canceled; canceling a canceled task again is a no-op (as Scale's newer SDK
 * documents), and any other status is refused with 400. `clear_unique_id` frees the unique_id.
 */
export const cancelTask = (scope: Scope, input: CancelTaskInput): Promise<Task> =>
  changeTask(scope, input.task_id, async (tx, task) => {
    if (task.status !== "pending" && task.status !== "canceled") {
      throw badRequest(
        `Task ${task.id} is ${task.status} and cannot be canceled; only pending tasks can be.`,
      );
    }
    await updateTask(tx, task.id, {
      status: "canceled",
      ...(input.clear_unique_id ? { uniqueId: null } : {}),
    });
    if (task.status !== "canceled") {
      await onTaskStatusChanged(tx, {
        taskId: task.id,
        batchId: task.batch_id,
        event: "canceled",
        actor: scope.actor,
      });
    }
  });

/** Replaces the whole metadata object. */
export const setTaskMetadata = (
  scope: Scope,
  taskId: string,
  metadata: Record<string, unknown>,
): Promise<Task> =>
  changeTask(scope, taskId, async (tx, task) => {
    await updateTask(tx, task.id, { metadata: metadata as Prisma.InputJsonObject });
  });

const writeTags = async (tx: DbClient, taskId: string, tags: string[]) => {
  if (tags.length > MAX_TAGS_PER_TASK) {
    throw invalidInput([
      {
        path: ["tags"],
        message: `a task can have at most ${MAX_TAGS_PER_TASK} tags; this change would give it ${tags.length}`,
      },
    ]);
  }
  await updateTask(tx, taskId, { tags });
};

const unique = (tags: readonly string[]) => [...new Set(tags)];

/** Replaces all tags. */
export const setTaskTags = (scope: Scope, taskId: string, tags: readonly string[]): Promise<Task> =>
  changeTask(scope, taskId, (tx, task) => writeTags(tx, task.id, unique(tags)));

/** Adds tags, keeping existing ones and their order; tags already present are ignored. */
export const addTaskTags = (scope: Scope, taskId: string, tags: readonly string[]): Promise<Task> =>
  changeTask(scope, taskId, (tx, task) =>
    writeTags(tx, task.id, unique([...(task.tags ?? []), ...tags])),
  );

/** Removes tags; tags the task does not have are ignored. */
export const removeTaskTags = (
  scope: Scope,
  taskId: string,
  tags: readonly string[],
): Promise<Task> =>
  changeTask(scope, taskId, (tx, task) => {
    const removed = new Set(tags);
    return writeTags(
      tx,
      task.id,
      (task.tags ?? []).filter((tag) => !removed.has(tag)),
    );
  });

/** Sets the unique_id; one held by another task of the organization is a 409 naming that task. */
export const setTaskUniqueId = (scope: Scope, taskId: string, uniqueId: string): Promise<Task> =>
  changeTask(scope, taskId, async (tx, task) => {
    if (task.unique_id === uniqueId) return;
    const holder = await tx.task.findFirst({
      where: { organizationId: scope.organizationId, isTest: scope.isTest, uniqueId },
      select: { id: true },
    });
    if (holder)
      throw conflict(
        `The unique_id ("${uniqueId}") is already used for a different task (${holder.id}).`,
      );
    try {
      await updateTask(tx, task.id, { uniqueId });
    } catch (error) {
      // Another request took the id between our check and the write.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw conflict(`The unique_id ("${uniqueId}") is already used for a different task.`);
      }
      throw error;
    }
  });

/** Removes the unique_id, so the key disappears from the task object and the id can be reused. */
export const clearTaskUniqueId = (scope: Scope, taskId: string): Promise<Task> =>
  changeTask(scope, taskId, async (tx, task) => {
    await updateTask(tx, task.id, { uniqueId: null });
  });
