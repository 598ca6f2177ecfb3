import type { Prisma } from "@taskforge/db";
import { isRecord } from "@taskforge/schema";
import type { Task } from "@taskforge/schema";

/** The columns a public task is made of; nothing else is read, so nothing else can leak. */
export const publicTaskSelect = {
  id: true,
  type: true,
  status: true,
  instruction: true,
  params: true,
  response: true,
  callbackUrl: true,
  callbackSucceeded: true,
  customerReviewStatus: true,
  customerReviewComments: true,
  priorResponses: true,
  timesRedone: true,
  metadata: true,
  projectParamVersion: true,
  priority: true,
  uniqueId: true,
  tags: true,
  isTest: true,
  createdAt: true,
  updatedAt: true,
  completedAt: true,
  project: { select: { name: true } },
  batch: { select: { name: true } },
  audits: {
    select: {
      auditedBy: true,
      auditedAt: true,
      auditTimeSecs: true,
      result: true,
      source: true,
      comments: true,
    },
    orderBy: { auditedAt: "desc" },
  },
} satisfies Prisma.TaskSelect;

export type PublicTaskRow = Prisma.TaskGetPayload<{ select: typeof publicTaskSelect }>;

const asObject = (value: Prisma.JsonValue): Record<string, unknown> =>
  isRecord(value) ? value : {};

/**
 * The one place a row becomes the wire object. Optional keys (`tags`, `unique_id`, `response`,
 * `completed_at`, `times_redone`, ...) are left out rather than null, as Scale's SDKs expect.
 */
export const toPublicTask = (row: PublicTaskRow): Task => {
  const task: Task = {
    task_id: row.id,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    type: row.type,
    status: row.status,
    instruction: row.instruction,
    params: asObject(row.params),
    callback_completed: row.callbackSucceeded,
    callback_succeeded: row.callbackSucceeded,
    customer_review_status: row.customerReviewStatus,
    metadata: asObject(row.metadata),
    project_param_version: row.projectParamVersion,
    audits: row.audits.map((audit) => ({
      audited_by: audit.auditedBy,
      audited_at: audit.auditedAt.toISOString(),
      audit_time_secs: audit.auditTimeSecs,
      audit_result: audit.result,
      audit_source: audit.source,
      ...(audit.comments !== null ? { comments: audit.comments } : {}),
    })),
    priority: row.priority,
    is_test: row.isTest,
  };
  if (row.completedAt) task.completed_at = row.completedAt.toISOString();
  if (row.response !== null) task.response = asObject(row.response);
  if (row.callbackUrl !== null) task.callback_url = row.callbackUrl;
  if (row.customerReviewComments?.length)
    task.customer_review_comments = row.customerReviewComments;
  const priorResponses: Prisma.JsonValue[] = Array.isArray(row.priorResponses)
    ? row.priorResponses
    : [];
  if (priorResponses.length) task.prior_responses = priorResponses.map(asObject);
  if (row.timesRedone > 0) task.times_redone = row.timesRedone;
  if (row.uniqueId !== null) task.unique_id = row.uniqueId;
  if (row.tags?.length) task.tags = row.tags;
  if (row.project) task.project = row.project.name;
  if (row.batch) task.batch = row.batch.name;
  return task;
};
