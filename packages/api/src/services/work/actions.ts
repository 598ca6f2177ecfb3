import type {
  SubmitInputSchema,
  DraftInputSchema,
  AssignmentInputSchema,
  SkipInputSchema,
  PROBLEM_REASONS,
  ReportInputSchema,
} from "@taskforge/schema";
import { validateResponse } from "@taskforge/schema";
import type { Database } from "@taskforge/db";
import type { Prisma } from "@taskforge/db";
import type { z } from "zod";

import { invalidInput } from "../../errors";
import { recordTaskEvent } from "../tasks/history";
import { onTaskStatusChanged } from "../tasks/status-change";
import { actorOf, freeSlot, lockAssignment, secondsSince } from "./assignment";
import { advanceAfterSubmission } from "./complete-task";
import { scoreGoldSubmission } from "./gold";
import type { Worker } from "./worker";

const json = (value: unknown) => value as Prisma.InputJsonValue;

/**
 * Records the worker's answer: checked against the task's type and params, timed from the claim,
 * then the task advances (consensus, review or completion). A gold task only scores the Tasker.
 */
export const submitAssignment = (
  db: Database,
  worker: Worker,
  input: z.infer<typeof SubmitInputSchema>,
) =>
  db.prisma.$transaction(async (tx) => {
    const work = await lockAssignment(tx, worker, input.assignment_id, "annotate");
    const actor = actorOf(work);
    const checked = validateResponse(work.task.type, work.task.params, input.response);
    if (!checked.success) throw invalidInput(checked.issues);
    await tx.taskAssignment.update({
      where: { id: work.id },
      data: {
        status: "submitted",
        response: json(checked.data),
        submittedAt: new Date(),
        workSeconds: secondsSince(work.claimedAt),
      },
    });
    if (work.task.projectId) {
      await tx.taskerProjectStats.upsert({
        where: { userId_projectId: { userId: worker.userId, projectId: work.task.projectId } },
        create: { userId: worker.userId, projectId: work.task.projectId, submissions: 1 },
        update: { submissions: { increment: 1 } },
      });
    }
    await recordTaskEvent(tx, work.taskId, "submitted", actor, { assignment_id: work.id });
    if (work.task.isGold) await scoreGoldSubmission(tx, work, checked.data);
    else await advanceAfterSubmission(tx, work.task, actor);
    return { submitted: true as const };
  });

/** Autosave: kept even if the lease has just run out, so nothing typed is lost. */
export const saveDraft = (db: Database, worker: Worker, input: z.infer<typeof DraftInputSchema>) =>
  db.prisma.$transaction(async (tx) => {
    const work = await lockAssignment(tx, worker, input.assignment_id, "annotate", {
      allowExpiredLease: true,
    });
    const saved = await tx.taskAssignment.update({
      where: { id: work.id },
      data: { draft: json(input.draft), draftSavedAt: new Date() },
      select: { draftSavedAt: true },
    });
    return { saved_at: saved.draftSavedAt?.toISOString() ?? new Date().toISOString() };
  });

/** Extends a live lease by the project's lease length. */
export const heartbeat = (
  db: Database,
  worker: Worker,
  input: z.infer<typeof AssignmentInputSchema>,
) =>
  db.prisma.$transaction(async (tx) => {
    const work = await lockAssignment(tx, worker, input.assignment_id, input.kind);
    const leaseSeconds = work.task.project?.leaseSeconds ?? 600;
    const renewed = await tx.taskAssignment.update({
      where: { id: work.id },
      data: { leaseExpiresAt: new Date(Date.now() + leaseSeconds * 1000) },
      select: { leaseExpiresAt: true },
    });
    return { lease_expires_at: renewed.leaseExpiresAt.toISOString() };
  });

/** Gives the task back to the queue; `skip` records why the worker passed on it. */
export const returnAssignment = (
  db: Database,
  worker: Worker,
  input: z.infer<typeof SkipInputSchema>,
  how: "skipped" | "released",
) =>
  db.prisma.$transaction(async (tx) => {
    const work = await lockAssignment(tx, worker, input.assignment_id, input.kind, {
      allowExpiredLease: true,
      allowOutOfReach: true,
    });
    const actor = actorOf(work);
    await tx.taskAssignment.update({
      where: { id: work.id },
      data: { status: how, reason: input.reason ?? null },
    });
    await freeSlot(tx, work);
    await recordTaskEvent(
      tx,
      work.taskId,
      how,
      actor,
      input.reason ? { reason: input.reason } : {},
    );
    return { returned: true as const };
  });

const PROBLEM_MESSAGES: Record<(typeof PROBLEM_REASONS)[number], string> = {
  attachment_unloadable: "The attachment cannot be loaded.",
  cannot_be_done_as_instructed: "The task cannot be done as instructed.",
  other: "The task has a problem.",
};

/**
 * Reports a problem with the task. Enough reports in a round (the project's threshold), or one
 * from a reviewer, end the task in `error` with an error response in Scale's shape.
 */
export const reportProblem = (
  db: Database,
  worker: Worker,
  input: z.infer<typeof ReportInputSchema>,
) =>
  db.prisma.$transaction(async (tx) => {
    const work = await lockAssignment(tx, worker, input.assignment_id, input.kind, {
      allowExpiredLease: true,
      allowOutOfReach: true,
    });
    const actor = actorOf(work);
    await tx.taskAssignment.update({
      where: { id: work.id },
      data: {
        status: "reported",
        reason: [input.reason, input.details].filter(Boolean).join(": "),
      },
    });
    await freeSlot(tx, work);
    await recordTaskEvent(tx, work.taskId, "reported", actor, { reason: input.reason });
    const reports = await tx.taskAssignment.findMany({
      where: { taskId: work.taskId, round: work.task.round, status: "reported" },
      select: { reason: true, kind: true },
    });
    const threshold = work.task.project?.problemReportThreshold ?? 2;
    if (input.kind !== "review" && reports.length < threshold)
      return { task_status: "pending" as const };
    await tx.task.update({
      where: { id: work.taskId },
      data: {
        status: "error",
        response: json({
          error: PROBLEM_MESSAGES[input.reason],
          reports: reports.map((r) => ({ reason: r.reason, by: r.kind })),
        }),
        ...(work.task.clearUniqueIdOnError ? { uniqueId: null } : {}),
      },
    });
    await onTaskStatusChanged(tx, {
      taskId: work.taskId,
      batchId: work.task.batchId,
      event: "error",
      actor,
      callback: {
        reason: "error",
        organizationId: work.task.organizationId,
        isTest: work.task.isTest,
      },
    });
    return { task_status: "error" as const };
  });
