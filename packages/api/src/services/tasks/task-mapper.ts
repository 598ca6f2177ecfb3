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
  claimsOpen: true,
  round: true,
  stage: true,
  responseUuid: true,
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

/** The path of a task's secured response file (see `getTaskResponseFile`). */
export const responseFilePath = (taskId: string, responseUuid: string) =>
  `/v1/task/${taskId}/response_url/${responseUuid}`;

/**
 * Whether a worker has started the task, from the row alone: a claim is open on it now, it went
 * past annotation (review), it was redone, or it is completed (a test-mode task too, as on Scale).
 * A claim given back or expired leaves the task as unstarted as before it.
 */
const workStarted = (row: PublicTaskRow): boolean =>
  row.status === "completed" || row.claimsOpen > 0 || row.round > 0 || row.stage !== "annotate";

/**
 * The one place a row becomes the wire object, for tasks read back and tasks just created alike
 * (see `insert-tasks.ts`). Keys come in the order of `TaskSchema` (Scale's task object page), which
 * the tRPC output has too. Optional keys (`tags`, `unique_id`, `response`, `completed_at`,
 * `times_redone`, ...) are left out rather than null, as Scale's SDKs expect.
 */
export const toPublicTask = (row: PublicTaskRow): Task => {
  const priorResponses: Prisma.JsonValue[] = Array.isArray(row.priorResponses)
    ? row.priorResponses
    : [];
  return {
    task_id: row.id,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    ...(row.completedAt ? { completed_at: row.completedAt.toISOString() } : {}),
    type: row.type,
    status: row.status,
    instruction: row.instruction,
    params: asObject(row.params),
    ...(row.response !== null ? { response: asObject(row.response) } : {}),
    ...(row.status === "completed" && row.response !== null
      ? { response_url: responseFilePath(row.id, row.responseUuid) }
      : {}),
    ...(row.callbackUrl !== null ? { callback_url: row.callbackUrl } : {}),
    callback_completed: row.callbackSucceeded,
    callback_succeeded: row.callbackSucceeded,
    customer_review_status: row.customerReviewStatus,
    ...(row.customerReviewComments?.length
      ? { customer_review_comments: row.customerReviewComments }
      : {}),
    ...(priorResponses.length ? { prior_responses: priorResponses.map(asObject) } : {}),
    ...(row.timesRedone > 0 ? { times_redone: row.timesRedone } : {}),
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
    ...(row.uniqueId !== null ? { unique_id: row.uniqueId } : {}),
    ...(row.tags?.length ? { tags: row.tags } : {}),
    ...(row.project ? { project: row.project.name } : {}),
    ...(row.batch ? { batch: row.batch.name } : {}),
    priority: row.priority,
    is_test: row.isTest,
    processed_attachments: [],
    work_started: workStarted(row),
  };
};
