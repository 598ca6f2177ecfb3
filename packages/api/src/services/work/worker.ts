import { AppError } from "../../errors";

export type PlatformRole = "admin" | "tasker" | "reviewer";
export type WorkKind = "annotate" | "review";

/** A signed-in person doing work: Taskers annotate, reviewers review. */
export type Worker = { userId: string; email: string; roles: readonly PlatformRole[] };

export const requireRole = (worker: Worker, kind: WorkKind) => {
  const role = kind === "annotate" ? "tasker" : "reviewer";
  if (!worker.roles.includes(role) && !worker.roles.includes("admin")) {
    throw new AppError("forbidden", `This account is not a ${role}.`);
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
