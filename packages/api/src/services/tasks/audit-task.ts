import { validateResponse } from "@taskforge/schema";
import type { AuditTaskInput, FixTaskInput, Task } from "@taskforge/schema";
import type { Prisma } from "@taskforge/db";

import { badRequest, invalidInput } from "../../errors";
import type { Scope } from "../../scope";
import { worldOf } from "../../scope";
import { enqueueTaskCallback } from "../callbacks";
import { recordTaskEvent } from "./history";
import { sendBackForRedo } from "./redo";
import { onTaskStatusChanged } from "./status-change";
import { changeTask, updateTask } from "./update-task";
import type { LockedTask } from "./update-task";

const requireCompleted = (task: LockedTask) => {
  if (task.status !== "completed") {
    throw badRequest(`Task ${task.id} is ${task.status}; only completed tasks can be audited.`);
  }
};

const commentsUpdate = (comments: string | null | undefined) =>
  comments ? { customerReviewComments: { push: comments } } : {};

/**
 * A customer's audit of a completed task. Accepting records it; rejecting sends the task back to
 * `pending` for redo (`times_redone` + 1), its response moved to `prior_responses`.
 */
export const auditTask = (scope: Scope, input: AuditTaskInput): Promise<Task> =>
  changeTask(scope, input.task_id, async (tx, task) => {
    requireCompleted(task);
    await tx.audit.create({
      data: {
        taskId: task.id,
        auditedBy: scope.actor,
        result: input.accepted ? "accepted" : "rejected",
        source: "customer",
        comments: input.comments ?? null,
      },
    });
    if (input.accepted) {
      await updateTask(tx, task.id, {
        customerReviewStatus: "accepted",
        ...commentsUpdate(input.comments),
      });
      await recordTaskEvent(tx, task.id, "audited", scope.actor, { result: "accepted" });
      await enqueueTaskCallback(tx, { ...worldOf(scope), taskId: task.id, reason: "audit" });
      return;
    }
    await sendBackForRedo(tx, task.id, {
      customerReviewStatus: "rejected",
      ...commentsUpdate(input.comments),
    });
    await recordTaskEvent(tx, task.id, "audited", scope.actor, { result: "rejected" });
    await onTaskStatusChanged(tx, {
      taskId: task.id,
      batchId: task.batch_id,
      event: "redo",
      actor: scope.actor,
      callback: { ...worldOf(scope), reason: "recalled" },
    });
  });

/**
 * A customer's fix: the corrected response (checked against the task's type and params) replaces
 * the current one, which is appended to `prior_responses`.
 */
export const fixTask = (scope: Scope, input: FixTaskInput): Promise<Task> =>
  changeTask(scope, input.task_id, async (tx, task) => {
    requireCompleted(task);
    const current = await tx.task.findUniqueOrThrow({
      where: { id: task.id },
      select: { params: true, response: true, priorResponses: true },
    });
    const checked = validateResponse(task.type, current.params, input.response);
    if (!checked.success) throw invalidInput(checked.issues);
    const prior = Array.isArray(current.priorResponses) ? current.priorResponses : [];
    await tx.audit.create({
      data: {
        taskId: task.id,
        auditedBy: scope.actor,
        result: "fixed",
        source: "customer",
        comments: input.comments ?? null,
      },
    });
    await updateTask(tx, task.id, {
      response: checked.data as Prisma.InputJsonObject,
      priorResponses: [...prior, current.response ?? {}] as Prisma.InputJsonArray,
      customerReviewStatus: "fixed",
      ...commentsUpdate(input.comments),
    });
    await recordTaskEvent(tx, task.id, "audited", scope.actor, { result: "fixed" });
    await enqueueTaskCallback(tx, { ...worldOf(scope), taskId: task.id, reason: "audit" });
  });
