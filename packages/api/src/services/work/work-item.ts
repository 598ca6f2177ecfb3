import type { Database } from "@taskforge/db";
import { z } from "zod";

import type { DbClient } from "../../db-client";
import { resolveAttachments } from "../files";

/** One annotator's submitted response, as a reviewer of a consensus task sees it (no identity). */
const AnnotationSchema = z.object({
  annotator: z.string(),
  response: z.record(z.string(), z.unknown()),
});

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
  /** Attachments are signed `/files/<id>` URLs the worker's browser can fetch. */
  params: z.record(z.string(), z.unknown()),
  lease_expires_at: z.string(),
  /** How long each heartbeat extends the lease, so the page can renew it in time. */
  lease_seconds: z.int(),
  draft: z.record(z.string(), z.unknown()).nullable(),
  draft_saved_at: z.string().nullable(),
  /** For review: the response to accept, fix or reject. */
  response: z.record(z.string(), z.unknown()).nullable(),
  /** For review of a consensus task: every annotator's response, "Annotator 1" first to submit. */
  annotations: z.array(AnnotationSchema),
  /** For review of a consensus task: how far the annotators agreed (0 to 1), null otherwise. */
  agreement: z.number().nullable(),
});
export type WorkItem = z.infer<typeof WorkItemSchema>;

const asObject = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;

const DEFAULT_LEASE_SECONDS = 600;

export const loadWorkItem = async (tx: DbClient, assignmentId: string): Promise<WorkItem> => {
  const a = await tx.taskAssignment.findUniqueOrThrow({
    where: { id: assignmentId },
    select: {
      id: true,
      kind: true,
      leaseExpiresAt: true,
      draft: true,
      draftSavedAt: true,
      task: {
        select: {
          id: true,
          type: true,
          instruction: true,
          params: true,
          response: true,
          round: true,
          annotationsRequired: true,
          agreement: true,
          project: { select: { leaseSeconds: true } },
        },
      },
    },
  });
  const consensus = a.kind === "review" && a.task.annotationsRequired > 1;
  const submitted = consensus
    ? await tx.taskAssignment.findMany({
        where: { taskId: a.task.id, kind: "annotate", round: a.task.round, status: "submitted" },
        select: { response: true },
        orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
      })
    : [];
  return {
    assignment_id: a.id,
    kind: a.kind,
    task_id: a.task.id,
    type: a.task.type,
    instruction: a.task.instruction,
    params: asObject(a.task.params) ?? {},
    lease_expires_at: a.leaseExpiresAt.toISOString(),
    lease_seconds: a.task.project?.leaseSeconds ?? DEFAULT_LEASE_SECONDS,
    draft: asObject(a.draft),
    draft_saved_at: a.draftSavedAt?.toISOString() ?? null,
    response: a.kind === "review" ? asObject(a.task.response) : null,
    annotations: submitted.map((s, index) => ({
      annotator: `Annotator ${index + 1}`,
      response: asObject(s.response) ?? {},
    })),
    agreement: consensus ? a.task.agreement : null,
  };
};

/**
 * The item with its attachments made fetchable. A worker is no member of the customer's
 * organization, so the files are signed in the name of the task's own organization (the worker
 * holds the task, which is what entitles them to its attachments).
 */
export const withFetchableAttachments = async (
  db: Database,
  item: WorkItem | null,
  { baseUrl }: { baseUrl?: string | undefined } = {},
): Promise<WorkItem | null> => {
  if (!item) return null;
  const task = await db.prisma.task.findUniqueOrThrow({
    where: { id: item.task_id },
    select: { organizationId: true, isTest: true },
  });
  const scope = { db, organizationId: task.organizationId, isTest: task.isTest, actor: "worker" };
  return { ...item, params: await resolveAttachments(scope, item.params, { baseUrl }) };
};
