import { z } from "zod";

import type { DbClient } from "../../db-client";

/**
 * What a worker sees of a claimed task: enough to do the work, nothing of the customer's
 * bookkeeping (metadata, callback, unique id) and never whether it is a gold task.
 */
export const WorkItemSchema = z.object({
  assignment_id: z.string(),
  kind: z.enum(["annotate", "review"]),
  task_id: z.string(),
  type: z.string(),
  instruction: z.string(),
  params: z.record(z.string(), z.unknown()),
  lease_expires_at: z.string(),
  draft: z.record(z.string(), z.unknown()).nullable(),
  /** For review: the response to accept, fix or reject. */
  response: z.record(z.string(), z.unknown()).nullable(),
});
export type WorkItem = z.infer<typeof WorkItemSchema>;

const asObject = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;

export const loadWorkItem = async (tx: DbClient, assignmentId: string): Promise<WorkItem> => {
  const a = await tx.taskAssignment.findUniqueOrThrow({
    where: { id: assignmentId },
    select: {
      id: true,
      kind: true,
      leaseExpiresAt: true,
      draft: true,
      task: { select: { id: true, type: true, instruction: true, params: true, response: true } },
    },
  });
  return {
    assignment_id: a.id,
    kind: a.kind,
    task_id: a.task.id,
    type: a.task.type,
    instruction: a.task.instruction,
    params: asObject(a.task.params) ?? {},
    lease_expires_at: a.leaseExpiresAt.toISOString(),
    draft: asObject(a.draft),
    response: a.kind === "review" ? asObject(a.task.response) : null,
  };
};
