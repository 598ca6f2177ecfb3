import type { ReviewInput } from "@taskforge/schema";
import { validateResponse } from "@taskforge/schema";
import type { Database, Prisma } from "@taskforge/db";

import { invalidInput } from "../../errors";
import { recordTaskEvent } from "../tasks/history";
import { sendBackForRedo } from "../tasks/redo";
import { onTaskStatusChanged } from "../tasks/status-change";
import { actorOf, lockAssignment, secondsSince } from "./assignment";
import type { LockedWork } from "./assignment";
import { completeTask } from "./complete-task";
import type { Worker } from "./worker";

const audit = (
  tx: Prisma.TransactionClient,
  work: LockedWork,
  actor: string,
  result: "accepted" | "fixed" | "rejected",
  comments?: string,
) =>
  tx.audit.create({
    data: {
      taskId: work.taskId,
      auditedBy: actor,
      result,
      source: "scale",
      auditTimeSecs: secondsSince(work.claimedAt),
      comments: comments ?? null,
    },
  });

/**
 * A reviewer's decision on a task in the review queue: accept completes it as it stands, fix
 * completes it with the corrected response (the previous one kept), reject sends it back for redo.
 * Each appends an audit with `audit_source: "scale"` and the time the review took.
 */
export const reviewTask = (db: Database, worker: Worker, input: ReviewInput) =>
  db.prisma.$transaction(async (tx) => {
    const work = await lockAssignment(tx, worker, input.assignment_id, "review");
    const actor = actorOf(work);
    await tx.taskAssignment.update({
      where: { id: work.id },
      data: { status: "submitted", submittedAt: new Date() },
    });
    const task = work.task;
    if (input.action === "reject") {
      await audit(tx, work, actor, "rejected", input.comments);
      await recordTaskEvent(tx, task.id, "reviewed", actor, { result: "rejected" });
      await sendBackForRedo(tx, task.id);
      await onTaskStatusChanged(tx, {
        taskId: task.id,
        batchId: task.batchId,
        event: "redo",
        actor,
      });
      return { task_status: "pending" as const };
    }
    let response = task.response as Prisma.InputJsonValue;
    if (input.action === "fix") {
      const checked = validateResponse(task.type, task.params, input.response);
      if (!checked.success) throw invalidInput(checked.issues);
      const prior = Array.isArray(task.priorResponses) ? task.priorResponses : [];
      await tx.task.update({
        where: { id: task.id },
        data: { priorResponses: [...prior, task.response ?? {}] as Prisma.InputJsonArray },
      });
      response = checked.data as Prisma.InputJsonValue;
    }
    await audit(tx, work, actor, input.action === "fix" ? "fixed" : "accepted", input.comments);
    await recordTaskEvent(tx, task.id, "reviewed", actor, {
      result: input.action === "fix" ? "fixed" : "accepted",
    });
    await completeTask(tx, task, response, task.agreement, actor);
    return { task_status: "completed" as const };
  });
