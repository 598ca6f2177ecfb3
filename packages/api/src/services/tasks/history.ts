import type { Prisma } from "@taskforge/db";
import { z } from "zod";

import type { DbClient } from "../../db-client";
import { taskNotFound } from "../../errors";
import type { Scope } from "../../scope";
import { worldOf } from "../../scope";

export const TASK_EVENT_TYPES = [
  "created",
  "claimed",
  "lease_expired",
  "skipped",
  "released",
  "reported",
  "submitted",
  "reviewed",
  "audited",
  "completed",
  "canceled",
  "error",
  "redo",
  "callback_delivered",
] as const;
export type TaskEventType = (typeof TASK_EVENT_TYPES)[number];

export const TaskEventSchema = z.object({
  type: z.enum(TASK_EVENT_TYPES),
  actor: z.string(),
  at: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type TaskEventRecord = z.infer<typeof TaskEventSchema>;

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

/** A task's history, oldest first; another tenant's task is not found. */
export const getTaskHistory = async (scope: Scope, taskId: string): Promise<TaskEventRecord[]> => {
  const task = await scope.db.prisma.task.findFirst({
    where: { id: taskId, ...worldOf(scope) },
    select: { id: true },
  });
  if (!task) throw taskNotFound();
  const events = await scope.db.prisma.taskEvent.findMany({
    where: { taskId },
    orderBy: { id: "asc" },
  });
  return events.map((e) => ({
    type: e.type as TaskEventType,
    actor: e.actor,
    at: e.createdAt.toISOString(),
    data: e.data !== null && typeof e.data === "object" && !Array.isArray(e.data) ? e.data : {},
  }));
};
