import { canWork } from "@taskforge/schema";
import type { MemberRole, WorkKind } from "@taskforge/schema";

import { AppError } from "../../errors";

export type PlatformRole = "admin" | "tasker" | "reviewer";
export type { WorkKind };

/**
 * A signed-in person doing work: annotators and reviewers of their own organization, and the
 * installation's platform Taskers and reviewers (on projects that opted into them).
 */
export type Worker = {
  userId: string;
  email: string;
  /** Platform roles. */
  roles: readonly PlatformRole[];
  organization?: { id: string; roles: readonly MemberRole[] } | null;
};

export const requireRole = (worker: Worker, kind: WorkKind) => {
  if (!canWork(worker, kind)) {
    throw new AppError(
      "forbidden",
      kind === "annotate"
        ? "This account is not an annotator: an owner or admin of your organization can give you the role."
        : "This account is not a reviewer: an owner or admin of your organization can give you the role.",
    );
  }
};

export const leaseExpired = (assignmentId: string, at: Date) =>
  new AppError(
    "conflict",
    `Your lease on this task expired at ${at.toISOString()}, so it went back to the queue and this ` +
      `submission was not recorded. Your draft is kept; claim the next task to continue.`,
  );

export const assignmentClosed = (status: string) =>
  new AppError("conflict", `This assignment is ${status} and can no longer be changed.`);
