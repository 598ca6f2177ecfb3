import { isRecord } from "@taskforge/schema";
import type { WorkItem } from "@taskforge/schema";
import { SYSTEM_ROLES } from "../../scope";
import type { Database } from "@taskforge/db";

import type { DbClient } from "../../db-client";
import { resolveAttachments } from "../files";

const asObject = (value: unknown): Record<string, unknown> | null =>
  isRecord(value) ? value : null;

const DEFAULT_LEASE_SECONDS = 600;

/**
 * The columns a work item is made of, selected from an assignment `a`, its task `t` and the task's
 * project `p` (left-joined). A consensus review also gets the round's submitted annotations, first
 * submitted first; `annotations` is null for every other item. Shared by the claim statement, which
 * selects them from the rows it has just written, so a claim is one round trip.
 */
export const WORK_ITEM_COLUMNS = `
  a."id" AS "assignment_id", a."kind"::text AS "kind", a."lease_expires_at", a."draft",
  a."draft_saved_at", t."id" AS "task_id", t."type", t."instruction", t."params", t."response",
  t."agreement", p."lease_seconds",
  CASE WHEN a."kind" = 'review' AND t."annotations_required" > 1 THEN COALESCE((
    SELECT jsonb_agg(s."response" ORDER BY s."submitted_at", s."id")
    FROM "task_assignments" s
    WHERE s."task_id" = t."id" AND s."kind" = 'annotate' AND s."round" = t."round"
      AND s."status" = 'submitted'
  ), '[]'::jsonb) END AS "annotations"`;

export type WorkItemRow = {
  assignment_id: string;
  kind: WorkItem["kind"];
  lease_expires_at: Date;
  draft: unknown;
  draft_saved_at: Date | null;
  task_id: string;
  type: string;
  instruction: string;
  params: unknown;
  response: unknown;
  agreement: number | null;
  lease_seconds: number | null;
  annotations: unknown[] | null;
};

export const toWorkItem = (row: WorkItemRow): WorkItem => ({
  assignment_id: row.assignment_id,
  kind: row.kind,
  task_id: row.task_id,
  type: row.type,
  instruction: row.instruction,
  params: asObject(row.params) ?? {},
  lease_expires_at: row.lease_expires_at.toISOString(),
  lease_seconds: row.lease_seconds ?? DEFAULT_LEASE_SECONDS,
  draft: asObject(row.draft),
  draft_saved_at: row.draft_saved_at?.toISOString() ?? null,
  response: row.kind === "review" ? asObject(row.response) : null,
  annotations: (row.annotations ?? []).map((response, index) => ({
    annotator: `Annotator ${index + 1}`,
    response: asObject(response) ?? {},
  })),
  agreement: row.annotations ? row.agreement : null,
});

const WORK_ITEM_SQL = `
SELECT ${WORK_ITEM_COLUMNS}
FROM "task_assignments" a
JOIN "tasks" t ON t."id" = a."task_id"
LEFT JOIN "projects" p ON p."id" = t."project_id"
WHERE a."id" = $1::uuid`;

export const loadWorkItem = async (tx: DbClient, assignmentId: string): Promise<WorkItem> => {
  const [row] = await tx.$queryRawUnsafe<WorkItemRow[]>(WORK_ITEM_SQL, assignmentId);
  if (!row) throw new Error(`assignment ${assignmentId} not found`);
  return toWorkItem(row);
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
  const scope = {
    db,
    organizationId: task.organizationId,
    isTest: task.isTest,
    actor: "worker",
    roles: SYSTEM_ROLES,
  };
  return { ...item, params: await resolveAttachments(scope, item.params, { baseUrl }) };
};
