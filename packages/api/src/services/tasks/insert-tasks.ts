import { randomUUID } from "node:crypto";

import {
  CreateTaskInputSchema,
  getTaskType,
  isRecord,
  validateResponse,
  zodIssuesToResponseIssues,
} from "@taskforge/schema";
import type { Prisma, SqlSession } from "@taskforge/db";
import type { CreateTaskInput, Task } from "@taskforge/schema";

import type { DbClient } from "../../db-client";
import {
  isForeignKeyViolation,
  LONG_TRANSACTION,
  retryingTransaction,
  retryingWrite,
} from "../../db-client";
import { conflict, invalidInput } from "../../errors";
import type { AppError } from "../../errors";
import { newTaskId } from "../../object-id";
import type { Scope } from "../../scope";
import { worldOf } from "../../scope";
import { refreshBatchStatus } from "../batches/batch-completion";
import { lockBatchPriorities } from "../batches/priority-lock";
import { enqueueTaskCallbacks } from "../callbacks";
import { foreignFileIssues } from "../files/references";
import { ATTACHMENT_URL_PREFIX } from "@taskforge/schema";
import { fillImageSizes } from "./fill-image-sizes";
import { fillFramePointCounts } from "../pointcloud/frame-point-counts";
import type { ImageSizeProbes } from "./fill-image-sizes";
import type { TaskEventType } from "./history";
import { applyInheritance, loadReferences } from "./resolve-references";
import type { ResolvedReferences } from "./resolve-references";
import { toPublicTask } from "./task-mapper";
import type { PublicTaskRow } from "./task-mapper";

type ValidTask = {
  index: number;
  id: string;
  /** The task's secured response file address, chosen here so the created task can show it. */
  responseUuid: string;
  input: CreateTaskInput;
  /** Test-mode tasks are born completed with their type's placeholder answer. */
  response: Record<string, unknown> | null;
} & ResolvedReferences;

export type ItemResult =
  { index: number; ok: true; task: Task } | { index: number; ok: false; error: AppError };

const failure = (index: number, error: AppError): ItemResult => ({ index, ok: false, error });

const duplicateUniqueId = (uniqueId: string, existingTaskId: string) =>
  conflict(
    `The unique_id ("${uniqueId}") is already used for a different task (${existingTaskId}).`,
  );

// All columns go in as one JSON document: one bind parameter whatever the batch size, and the same
// statement works on PostgreSQL and PGlite. A row carries only the keys it sets (see `taskRow`);
// the others take their defaults here. A task's "created" event is its created_by and created_at
// (see history.ts); a test-mode task answered at creation gets its "completed" event in the same
// statement, so a chunk costs one round trip.
// Every row shares the transaction's timestamp, so one value comes back rather than one per row.
const INSERT_TASKS_SQL = `
WITH inserted AS (
  INSERT INTO "tasks" ("id", "organization_id", "is_test", "type", "status", "instruction", "params",
    "response", "callback_url", "metadata", "project_id", "project_param_version", "batch_id",
    "priority", "unique_id", "clear_unique_id_on_error", "tags", "created_at", "created_by",
    "updated_at", "completed_at", "annotations_required", "batch_priority", "expected_response",
    "is_gold", "response_uuid")
  SELECT x.id, $2::uuid, $3::boolean, x.type,
    CASE WHEN x.response IS NULL THEN 'pending' ELSE 'completed' END::task_status,
    COALESCE(x.instruction, ''), x.params, x.response, x.callback_url, COALESCE(x.metadata, '{}'),
    x.project_id, x.project_param_version, x.batch_id, COALESCE(x.priority, 0), x.unique_id,
    COALESCE(x.clear_unique_id_on_error, false), COALESCE(x.tags, '{}'), CURRENT_TIMESTAMP, $4::text,
    CURRENT_TIMESTAMP, CASE WHEN x.response IS NOT NULL THEN CURRENT_TIMESTAMP END,
    COALESCE(x.annotations_required, 1), COALESCE(x.batch_priority, 0), x.expected_response,
    x.expected_response IS NOT NULL, x.response_uuid
  FROM jsonb_to_recordset($1::jsonb) AS x(id text, type text, instruction text, params jsonb,
    response jsonb, callback_url text, metadata jsonb, project_id uuid, project_param_version integer,
    batch_id uuid, priority integer, unique_id text, clear_unique_id_on_error boolean, tags text[],
    annotations_required integer, batch_priority integer, expected_response jsonb,
    response_uuid uuid)
  ON CONFLICT ("organization_id", "is_test", "unique_id") DO NOTHING
  RETURNING "id", "status"
), events AS (
  INSERT INTO "task_events" ("task_id", "type", "actor")
  SELECT "id", $5::text, $6::text FROM inserted WHERE "status" = 'completed'
)
SELECT array_agg("id")::text[] AS "ids", CURRENT_TIMESTAMP(3) AS "at" FROM inserted`;

/** The ids that were inserted (null when none) and the timestamp they were all created at. */
type InsertedTasks = { ids: string[] | null; at: Date };

const COMPLETED: TaskEventType = "completed";
const TEST_MODE_ACTOR = "test_mode";

/**
 * The insert's JSON document: one row per task. Keys left undefined are left out of the JSON and
 * take the statement's defaults; a task without a project or batch keeps their defaults too.
 */
const documentOf = (tasks: readonly ValidTask[]): string =>
  JSON.stringify(
    tasks.map((t) => ({
      id: t.id,
      type: t.input.type,
      instruction: t.input.instruction,
      params: t.input.params,
      response: t.response ?? undefined,
      callback_url: t.input.callback_url,
      metadata: t.input.metadata,
      project_id: t.projectId ?? undefined,
      project_param_version: t.projectParamVersion ?? undefined,
      batch_id: t.batchId ?? undefined,
      priority: t.input.priority,
      unique_id: t.input.unique_id,
      clear_unique_id_on_error: t.input.clear_unique_id_on_error,
      tags: t.input.tags,
      annotations_required: t.projectId === null ? undefined : t.annotationsRequired,
      batch_priority: t.batchId === null ? undefined : t.batchPriority,
      expected_response: t.input.expected_response,
      response_uuid: t.responseUuid,
    })),
  );

export type InsertItem = { index: number; input: unknown; id?: string };

/** A set of create inputs validated and ready to insert: see `prepareTasks`. */
export type PreparedTasks = {
  items: readonly InsertItem[];
  /** The inputs that failed validation. */
  failures: ItemResult[];
  valid: ValidTask[];
  /** The insert statement's document of `valid`. */
  document: string;
  /** What `valid` was resolved against (see `loadReferences`). */
  referencesFingerprint: string;
  /** The image sizes read for `valid`, so validating the items again reads none. */
  imageSizes: ImageSizeProbes;
};

/**
 * Validates each input on its own (a bad item fails alone), merging in its project's params first
 * and reading the image sizes its type reads itself (`fillImageSizes`; `imageSizes` holds those
 * read earlier). It only reads, so it may run outside the transaction that stores the result
 * (`writePreparedTasks`), which is where downloads belong: the import validates its next chunk
 * while the previous one is being written.
 * `unique_id` collisions within the set fail the later item with a 409 naming the holder.
 */
export const prepareTasks = async (
  db: DbClient,
  scope: Scope,
  items: readonly InsertItem[],
  imageSizes: ImageSizeProbes = new Map(),
): Promise<PreparedTasks> => {
  const failures: ItemResult[] = [];
  const objects = items.filter((item): item is typeof item & { input: Record<string, unknown> } => {
    if (isRecord(item.input)) return true;
    failures.push(
      failure(item.index, invalidInput([{ path: [], message: "must be a JSON object" }])),
    );
    return false;
  });
  const references = await loadReferences(
    db,
    scope,
    objects.map((item) => item.input),
  );

  const merged: {
    item: InsertItem;
    resolved: ResolvedReferences;
    input: Record<string, unknown>;
  }[] = [];
  for (const item of objects) {
    const resolved = references.resolve(item.input);
    if (Array.isArray(resolved)) failures.push(failure(item.index, invalidInput(resolved)));
    else merged.push({ item, resolved, input: applyInheritance(item.input, resolved) });
  }
  // Params the server reads itself (an image's size, an uploaded frame's points) are filled in before the type's schema
  // checks the params as they will be stored.
  const filled = await fillFramePointCounts(
    db,
    scope,
    await fillImageSizes(
      db,
      scope,
      merged.map((m) => m.input),
      imageSizes,
    ),
  );

  const valid: ValidTask[] = [];
  const holderOfUniqueId = new Map<string, string>();
  for (const [position, { item, resolved, input: mergedInput }] of merged.entries()) {
    // One outcome per input, in order; the stored form's check below stands in any case.
    const withSizes = filled[position] ?? mergedInput;
    if (Array.isArray(withSizes)) {
      failures.push(failure(item.index, invalidInput(withSizes)));
      continue;
    }
    const parsed = CreateTaskInputSchema.safeParse(withSizes);
    if (!parsed.success) {
      failures.push(failure(item.index, invalidInput(zodIssuesToResponseIssues(parsed.error))));
      continue;
    }
    const input = parsed.data;
    const id = item.id ?? newTaskId();
    if (input.unique_id !== undefined) {
      const earlier = holderOfUniqueId.get(input.unique_id);
      if (earlier) {
        failures.push(failure(item.index, duplicateUniqueId(input.unique_id, earlier)));
        continue;
      }
      holderOfUniqueId.set(input.unique_id, id);
    }
    if (input.expected_response !== undefined) {
      const gold = validateResponse(input.type, input.params, input.expected_response);
      if (!gold.success) {
        const issues = gold.issues.map((i) => ({
          ...i,
          path: ["expected_response", ...i.path.slice(1)],
        }));
        failures.push(failure(item.index, invalidInput(issues)));
        continue;
      }
    }
    // Test-mode tasks complete at once (gold tasks stay pending: they exist to score Taskers).
    const response =
      scope.isTest && !input.expected_response ? placeholderResponseFor(input) : null;
    valid.push({ index: item.index, id, responseUuid: randomUUID(), input, response, ...resolved });
  }
  let document = documentOf(valid);
  // `taskforge://files/<id>` attachments must be the caller's own files (one query for all). A
  // document that never mentions the prefix holds none, so most calls skip the check entirely.
  if (document.includes(ATTACHMENT_URL_PREFIX)) {
    const fileIssues = await foreignFileIssues(
      db,
      scope,
      valid.map((t) => t.input.params),
    );
    for (let i = valid.length - 1; i >= 0; i--) {
      const [issues, task] = [fileIssues[i], valid[i]];
      if (!issues || !task) continue;
      valid.splice(i, 1);
      failures.push(failure(task.index, invalidInput(issues)));
    }
    document = documentOf(valid);
  }
  return {
    items,
    failures,
    valid,
    document,
    referencesFingerprint: references.fingerprint,
    imageSizes,
  };
};

/**
 * Inserts tasks prepared earlier, outside this transaction. The projects and batches they name are
 * read again first: if any changed meanwhile (renamed, deleted, a new param version), the inputs are
 * validated again here, so what is stored is what validation inside the transaction would store.
 */
export const writePreparedTasks = async (
  tx: DbClient,
  scope: Scope,
  prepared: PreparedTasks,
): Promise<ItemResult[]> => {
  const inputs = prepared.items.flatMap((item) => (isRecord(item.input) ? [item.input] : []));
  // Before the batches are read: a priority change waits for these tasks, or they see its result.
  await lockBatchPriorities(
    tx,
    worldOf(scope),
    inputs.flatMap((input) => (typeof input.batch === "string" ? [input.batch] : [])),
    "shared",
  );
  const references = prepared.referencesFingerprint
    ? await loadReferences(tx, scope, inputs)
    : null;
  const current =
    references && references.fingerprint !== prepared.referencesFingerprint
      ? await prepareTasks(tx, scope, prepared.items, prepared.imageSizes)
      : prepared;
  return writeTasks(tx, scope, current);
};

type InsertStatement = (params: unknown[]) => Promise<InsertedTasks | undefined>;

const insertThroughPrisma =
  (tx: DbClient): InsertStatement =>
  async (params) =>
    (await tx.$queryRawUnsafe<InsertedTasks[]>(INSERT_TASKS_SQL, ...params))[0];

const insertThroughSql =
  (sql: SqlSession): InsertStatement =>
  async (params) =>
    (await sql.query<InsertedTasks>(INSERT_TASKS_SQL, params))[0];

const insertValid = (insert: InsertStatement, scope: Scope, document: string) =>
  insert([document, scope.organizationId, scope.isTest, scope.actor, COMPLETED, TEST_MODE_ACTOR]);

/**
 * Inserts the valid tasks with one statement, then does what their creation owes inside the same
 * transaction: callbacks of tasks completed at creation, and their batches' status.
 */
const writeTasks = async (
  tx: DbClient,
  scope: Scope,
  prepared: PreparedTasks,
): Promise<ItemResult[]> => {
  if (!prepared.valid.length) return resultsOf(tx, scope, prepared, undefined);
  const inserted = await insertValid(insertThroughPrisma(tx), scope, prepared.document);
  const insertedIds = new Set(inserted?.ids ?? []);
  const created = prepared.valid.filter((t) => insertedIds.has(t.id));
  const completed = created.filter((t) => t.response).map((t) => t.id);
  await enqueueTaskCallbacks(
    tx,
    completed.map((taskId) => ({ ...worldOf(scope), taskId, reason: "completed" as const })),
  );
  await refreshBatchStatus(
    tx,
    created.map((t) => t.batchId),
  );
  return resultsOf(tx, scope, prepared, inserted);
};

/**
 * One result per item, in input order. `unique_id` collisions with earlier tasks (rows the insert
 * skipped) fail that item with a 409 naming the holder.
 */
const resultsOf = async (
  db: DbClient,
  scope: Scope,
  { failures, valid }: PreparedTasks,
  inserted: InsertedTasks | undefined,
): Promise<ItemResult[]> => {
  const results = [...failures];
  const insertedIds = new Set(inserted?.ids ?? []);
  const rejected = valid.filter((t) => !insertedIds.has(t.id));
  const holders = rejected.length
    ? await db.task.findMany({
        where: {
          organizationId: scope.organizationId,
          isTest: scope.isTest,
          uniqueId: { in: rejected.map((t) => t.input.unique_id ?? "") },
        },
        select: { id: true, uniqueId: true },
      })
    : [];
  const holderIds = new Map(holders.map((h) => [h.uniqueId, h.id]));

  for (const t of valid) {
    if (!inserted || !insertedIds.has(t.id)) {
      const uniqueId = t.input.unique_id ?? "";
      results.push(
        failure(t.index, duplicateUniqueId(uniqueId, holderIds.get(uniqueId) ?? "unknown")),
      );
      continue;
    }
    results.push({
      index: t.index,
      ok: true,
      task: toPublicTask(insertedRow(t, inserted.at, scope)),
    });
  }
  return results.sort((a, b) => a.index - b.index);
};

/**
 * Validates and stores the inputs, each in its own right (a bad item fails alone), outside any
 * caller's transaction.
 *
 * When the insert is the whole write (no batch whose status it may change, no task completed at
 * creation to call back), it runs as one statement through the raw SQL session: atomic on its own,
 * and without an interactive transaction's round trips or Prisma's re-encoding of a bulk create's
 * 200 KB document. Its projects were read when preparing; a project version published or renamed
 * meanwhile leaves the tasks as if created just before. A project deleted meanwhile fails the
 * statement on its foreign key, and the inputs then go the transactional way, which validates them
 * again against what is there.
 */
export const storeTasks = async (
  scope: Scope,
  items: readonly InsertItem[],
): Promise<ItemResult[]> =>
  storePreparedTasks(scope, await prepareTasks(scope.db.prisma, scope, items));

/** Stores tasks prepared outside any transaction: see `storeTasks`. */
export const storePreparedTasks = async (
  scope: Scope,
  prepared: PreparedTasks,
): Promise<ItemResult[]> => {
  const insertOnly = prepared.valid.every((t) => t.batchId === null && t.response === null);
  if (insertOnly) {
    try {
      const inserted = prepared.valid.length
        ? await retryingWrite(() =>
            insertValid(insertThroughSql(scope.db.sql), scope, prepared.document),
          )
        : undefined;
      return await resultsOf(scope.db.prisma, scope, prepared, inserted);
    } catch (error) {
      if (!isForeignKeyViolation(error)) throw error;
    }
  }
  return retryingTransaction(
    scope.db.prisma,
    (tx) => writePreparedTasks(tx, scope, prepared),
    LONG_TRANSACTION,
  );
};

const placeholderResponseFor = (input: CreateTaskInput): Record<string, unknown> => {
  const definition = getTaskType(input.type);
  return (definition?.placeholderResponse(input.params) ?? {}) as Record<string, unknown>;
};

// The row as inserted, built from what was written rather than read back: a bulk create costs one
// round trip, not two. The columns the statement fills with defaults take the same values here.
const insertedRow = (t: ValidTask, at: Date, scope: Scope): PublicTaskRow => ({
  id: t.id,
  type: t.input.type,
  status: t.response ? "completed" : "pending",
  instruction: t.input.instruction ?? "",
  params: t.input.params as Prisma.JsonObject,
  response: (t.response as Prisma.JsonObject | null) ?? null,
  callbackUrl: t.input.callback_url ?? null,
  callbackSucceeded: false,
  customerReviewStatus: "pending",
  customerReviewComments: [],
  priorResponses: [],
  timesRedone: 0,
  metadata: (t.input.metadata ?? {}) as Prisma.JsonObject,
  projectParamVersion: t.projectParamVersion,
  priority: t.input.priority ?? 0,
  uniqueId: t.input.unique_id ?? null,
  tags: t.input.tags ?? [],
  isTest: scope.isTest,
  createdAt: at,
  updatedAt: at,
  completedAt: t.response ? at : null,
  claimsOpen: 0,
  round: 0,
  stage: "annotate",
  responseUuid: t.responseUuid,
  project: t.projectName !== null ? { name: t.projectName } : null,
  batch: t.input.batch !== undefined ? { name: t.input.batch } : null,
  audits: [],
});
