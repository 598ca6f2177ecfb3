import type { Database } from "@taskforge/db";

import { loadWorkItem } from "./work-item";
import type { WorkItem } from "@taskforge/schema";
import { requireRole } from "./worker";
import type { Worker, WorkKind } from "./worker";

/**
 * The task the worker holds right now (live lease), without claiming anything: a reloaded or
 * reopened workspace resumes it, draft and all; null when they hold none.
 */
export const currentWork = async (
  db: Database,
  worker: Worker,
  kind: WorkKind,
): Promise<WorkItem | null> => {
  requireRole(worker, kind);
  const held = await db.prisma.taskAssignment.findFirst({
    where: { userId: worker.userId, kind, status: "active", leaseExpiresAt: { gt: new Date() } },
    select: { id: true },
    orderBy: { claimedAt: "asc" },
  });
  return held ? loadWorkItem(db.prisma, held.id) : null;
};
