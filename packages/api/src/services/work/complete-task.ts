import { getTaskType } from "@taskforge/schema";
import type { Prisma } from "@taskforge/db";

import { onTaskStatusChanged } from "../tasks/status-change";
import type { LockedWork } from "./assignment";

type Task = LockedWork["task"];

/** Marks the task completed with its final response, in the caller's transaction. */
export const completeTask = async (
  tx: Prisma.TransactionClient,
  task: Task,
  response: Prisma.InputJsonValue,
  agreement: number | null,
  actor: string,
) => {
  await tx.task.update({
    where: { id: task.id },
    data: { status: "completed", stage: "annotate", response, agreement, completedAt: new Date() },
  });
  await onTaskStatusChanged(tx, {
    taskId: task.id,
    batchId: task.batchId,
    event: "completed",
    actor,
    callback: { reason: "completed", organizationId: task.organizationId, isTest: task.isTest },
  });
};

/**
 * After a submission: once the round has the responses it needs, consolidate them. Low agreement
 * asks for one more annotation (up to the project's cap) or a reviewer, as the project says; a
 * project that requires review sends every task to reviewers; otherwise the task completes.
 */
export const advanceAfterSubmission = async (
  tx: Prisma.TransactionClient,
  task: Task,
  actor: string,
) => {
  const submitted = await tx.taskAssignment.findMany({
    where: { taskId: task.id, kind: "annotate", round: task.round, status: "submitted" },
    select: { response: true },
    orderBy: { submittedAt: "asc" },
  });
  if (submitted.length < task.annotationsRequired) return;
  const definition = getTaskType(task.type);
  if (!definition) throw new Error(`No definition for task type ${task.type}`);
  const responses = submitted.map((s) => s.response);
  const result =
    responses.length === 1
      ? { response: responses[0], agreement: 1, tied: false }
      : definition.consolidate(task.params, responses);
  const response = result.response as Prisma.InputJsonValue;
  const project = task.project;
  const lowAgreement =
    responses.length > 1 && (result.tied || result.agreement < (project?.agreementThreshold ?? 0));
  if (
    lowAgreement &&
    project?.lowAgreementAction === "extra_annotation" &&
    task.annotationsRequired < project.maxAnnotationsPerTask
  ) {
    await tx.task.update({
      where: { id: task.id },
      data: { annotationsRequired: { increment: 1 }, agreement: result.agreement },
    });
    return;
  }
  if (lowAgreement || project?.requiresReview) {
    await tx.task.update({
      where: { id: task.id },
      data: { stage: "review", claimsOpen: 0, response, agreement: result.agreement },
    });
    return;
  }
  await completeTask(tx, task, response, result.agreement, actor);
};
