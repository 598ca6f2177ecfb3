import type { Prisma } from "@taskforge/db";

import { AppError } from "../../errors";
import { isTaskInReach, outOfReach } from "./reach";
import { workerLabel } from "./worker-label";
import { assignmentClosed, leaseExpired } from "./worker";
import type { Worker, WorkKind } from "./worker";

export type LockedWork = Awaited<ReturnType<typeof lockAssignment>>;

/**
 * Locks the worker's assignment and its task (task first, as claims do, so the two never deadlock).
 * Someone else's assignment is not found; a closed one, or one whose lease ran out, is refused
 * with a message that says what happened to the work; so is one whose task left the worker's reach
 * (removed, demoted, unpicked), except to give it back.
 */
export const lockAssignment = async (
  tx: Prisma.TransactionClient,
  worker: Worker,
  assignmentId: string,
  kind: WorkKind,
  options: { allowExpiredLease?: boolean; allowOutOfReach?: boolean } = {},
) => {
  // Finding the worker's assignment and locking its task is one statement: no row, no such assignment.
  const locked = await tx.$queryRaw<unknown[]>`
    SELECT 1 AS "locked" FROM "tasks" WHERE "id" = (
      SELECT "task_id" FROM "task_assignments"
      WHERE "id" = ${assignmentId}::uuid AND "user_id" = ${worker.userId}::uuid
        AND "kind" = ${kind}::text::assignment_kind)
    FOR UPDATE`;
  if (!locked.length) throw new AppError("not_found", "Assignment not found.");
  await tx.$executeRaw`SELECT 1 FROM "task_assignments" WHERE "id" = ${assignmentId}::uuid FOR UPDATE`;
  const assignment = await tx.taskAssignment.findUniqueOrThrow({
    where: { id: assignmentId },
    include: {
      user: { select: { email: true, name: true, organizationId: true, workerNumber: true } },
      task: {
        include: {
          project: {
            select: {
              id: true,
              leaseSeconds: true,
              requiresReview: true,
              agreementThreshold: true,
              lowAgreementAction: true,
              maxAnnotationsPerTask: true,
              goldMinCount: true,
              goldMinAccuracy: true,
              problemReportThreshold: true,
            },
          },
        },
      },
    },
  });
  if (assignment.status !== "active") throw assignmentClosed(assignment.status);
  if (!options.allowExpiredLease && assignment.leaseExpiresAt <= new Date()) {
    throw leaseExpired(assignmentId, assignment.leaseExpiresAt);
  }
  if (
    !options.allowOutOfReach &&
    !(await isTaskInReach(tx, worker.userId, kind, assignment.taskId))
  ) {
    throw outOfReach();
  }
  return assignment;
};

/** Who the customer sees doing this work (see `workerLabel`): the actor of its events and audits. */
export const actorOf = (work: LockedWork) =>
  workerLabel(work.user, work.task.organizationId, work.kind);

export const secondsSince = (start: Date) =>
  Math.max(0, Math.round((Date.now() - start.getTime()) / 1000));

/** Gives an assignment's slot back to its task (skip, release, report), when it is still the task's round. */
export const freeSlot = (tx: Prisma.TransactionClient, work: LockedWork) =>
  tx.task.updateMany({
    where: { id: work.taskId, round: work.round, stage: work.kind, claimsOpen: { gt: 0 } },
    data: { claimsOpen: { decrement: 1 } },
  });
