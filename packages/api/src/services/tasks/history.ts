import { isRecord } from "@taskforge/schema";
import type { Prisma } from "@taskforge/db";
import type { TaskEventRecord, TaskEventType } from "@taskforge/schema";

import type { DbClient } from "../../db-client";
import { taskNotFound } from "../../errors";
import type { Scope } from "../../scope";
import { worldOf } from "../../scope";

export type { TaskEventRecord, TaskEventType } from "@taskforge/schema";

/** Appends one event to a task's history, in the caller's transaction. */
export const recordTaskEvent = (
  tx: DbClient,
  taskId: string,
  type: TaskEventType,
  actor: string,
  data: Record<string, unknown> = {},
) =>
  tx.taskEvent.create({
    data: { taskId, type, actor, data: data as Prisma.InputJsonObject },
    select: { id: true },
  });

/**
 * A task's history, oldest first; another tenant's task is not found. Its "created" event comes
 * from the task row (`created_by`, `created_at`): bulk creation writes no event row per task. Tasks
 * created before that column existed have it as a stored event instead.
 */
export const getTaskHistory = async (scope: Scope, taskId: string): Promise<TaskEventRecord[]> => {
  const task = await scope.db.prisma.task.findFirst({
    where: { id: taskId, ...worldOf(scope) },
    select: { id: true, createdBy: true, createdAt: true },
  });
  if (!task) throw taskNotFound();
  const events = await scope.db.prisma.taskEvent.findMany({
    where: { taskId },
    orderBy: { id: "asc" },
  });
  const created: TaskEventRecord[] =
    task.createdBy === null
      ? []
      : [{ type: "created", actor: task.createdBy, at: task.createdAt.toISOString(), data: {} }];
  return [
    ...created,
    ...events.map((e) => ({
      type: e.type as TaskEventType,
      actor: e.actor,
      at: e.createdAt.toISOString(),
      data: isRecord(e.data) ? e.data : {},
    })),
  ];
};
