import type { Task } from "@taskforge/schema";

import type { DbClient } from "../../db-client";
import { taskNotFound } from "../../errors";
import type { Scope } from "../../scope";
import { publicTaskSelect, toPublicTask } from "./task-mapper";
import type { PublicTaskRow } from "./task-mapper";

// `publicTaskSelect` in one statement through the raw SQL session: the hottest read of the API
// (GET /v1/task/{id}) skips Prisma's per-query work. Columns come back under the row's field names,
// so the one mapper (`toPublicTask`) makes the wire object.
const GET_TASK_SQL = `
SELECT t."id", t."type", t."status", t."instruction", t."params", t."response",
  t."callback_url" AS "callbackUrl", t."callback_succeeded" AS "callbackSucceeded",
  t."customer_review_status" AS "customerReviewStatus",
  t."customer_review_comments" AS "customerReviewComments", t."prior_responses" AS "priorResponses",
  t."times_redone" AS "timesRedone", t."metadata", t."project_param_version" AS "projectParamVersion",
  t."priority", t."unique_id" AS "uniqueId", t."tags", t."is_test" AS "isTest",
  t."created_at" AS "createdAt", t."updated_at" AS "updatedAt", t."completed_at" AS "completedAt",
  t."claims_open" AS "claimsOpen", t."round", t."stage", t."response_uuid" AS "responseUuid",
  p."name" AS "projectName", b."name" AS "batchName",
  COALESCE((SELECT json_agg(json_build_object('auditedBy', a."audited_by", 'auditedAt', a."audited_at",
      'auditTimeSecs', a."audit_time_secs", 'result', a."result", 'source', a."source",
      'comments', a."comments") ORDER BY a."audited_at" DESC)
    FROM "audits" a WHERE a."task_id" = t."id"), '[]'::json) AS "audits"
FROM "tasks" t
LEFT JOIN "projects" p ON p."id" = t."project_id"
LEFT JOIN "batches" b ON b."id" = t."batch_id"
WHERE t."id" = $1 AND t."organization_id" = $2::uuid AND t."is_test" = $3`;

type RawAudit = Omit<PublicTaskRow["audits"][number], "auditedAt"> & { auditedAt: string };

type RawTaskRow = Omit<PublicTaskRow, "project" | "batch" | "audits"> & {
  projectName: string | null;
  batchName: string | null;
  audits: RawAudit[];
};

const fromRaw = ({ projectName, batchName, audits, ...row }: RawTaskRow): PublicTaskRow => ({
  ...row,
  // A text[] column PGlite may hand back as null when empty; Prisma reads it as [].
  customerReviewComments: row.customerReviewComments ?? [],
  tags: row.tags ?? [],
  project: projectName === null ? null : { name: projectName },
  batch: batchName === null ? null : { name: batchName },
  audits: audits.map((audit) => ({ ...audit, auditedAt: new Date(audit.auditedAt) })),
});

export const getTask = async (
  scope: Scope,
  taskId: string,
  client: DbClient = scope.db.prisma,
): Promise<Task> => {
  if (client !== scope.db.prisma) return getTaskThrough(client, scope, taskId);
  const [row] = await scope.db.sql.query<RawTaskRow>(
    GET_TASK_SQL,
    [taskId, scope.organizationId, scope.isTest],
    { preparedAs: "taskforge_get_task" },
  );
  if (!row) throw taskNotFound();
  return toPublicTask(fromRaw(row));
};

/** Inside a transaction (`client` is one): Prisma, on the transaction's connection. */
const getTaskThrough = async (client: DbClient, scope: Scope, taskId: string): Promise<Task> => {
  const row = await client.task.findFirst({
    where: { id: taskId, organizationId: scope.organizationId, isTest: scope.isTest },
    select: publicTaskSelect,
    relationLoadStrategy: "join",
  });
  if (!row) throw taskNotFound();
  return toPublicTask(row);
};
