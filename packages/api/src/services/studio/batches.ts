import type { Prisma } from "@taskforge/db";
import type {
  AssignStudioBatchInput,
  PrioritizeBatchInput,
  SetStudioPrioritiesInput,
  StudioBatch,
} from "@taskforge/schema";

import type { DbClient } from "../../db-client";
import { notFound } from "../../errors";
import { worldOf } from "../../scope";
import type { Scope } from "../../scope";
import { lockBatchPriorities } from "../batches/priority-lock";
import { countTasksByStatus } from "../tasks/status-counts";
import { badEntriesAt, notFoundAt } from "./members";

// Batch priority and Scale Studio's batch queue. A batch's priority (higher is served first) is
// copied onto its tasks (`batch_priority`, the first key of the claim index) in the transaction
// that changes it, so a claim orders by it without reading batches. A batch given project groups
// is served only to their members (`group_restricted`, checked by the claim).

/** Batches still being worked on: the ones the Studio queue shows and orders. */
const PENDING: Prisma.BatchWhereInput = { status: { in: ["staging", "in_progress"] } };

const QUEUE_ORDER: Prisma.BatchOrderByWithRelationInput[] = [
  { priority: "desc" },
  { createdAt: "asc" },
  { id: "asc" },
];

const studioBatchSelect = {
  id: true,
  name: true,
  priority: true,
  calibrationBatch: true,
  project: { select: { id: true, name: true } },
  groups: { select: { group: { select: { name: true } } } },
} satisfies Prisma.BatchSelect;

type StudioBatchRow = Prisma.BatchGetPayload<{ select: typeof studioBatchSelect }>;

/** Scale's StudioBatch of each row, with its tasks counted (all, and completed). */
const toStudioBatches = async (scope: Scope, rows: StudioBatchRow[]): Promise<StudioBatch[]> => {
  const counts = new Map(rows.map((row) => [row.id, { total: 0, completed: 0 }]));
  const groups = await countTasksByStatus(
    scope,
    "batch",
    rows.map((row) => row.id),
  );
  for (const group of groups) {
    const count = counts.get(group.ownerId);
    if (!count) continue;
    count.total += group.count;
    if (group.status === "completed") count.completed += group.count;
  }
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    projectId: row.project.id,
    projectName: row.project.name,
    batchType: row.calibrationBatch ? "Calibration" : "Production",
    ...(row.priority ? { studioPriority: row.priority } : {}),
    total: counts.get(row.id)?.total ?? 0,
    completed: counts.get(row.id)?.completed ?? 0,
    groups: row.groups.map(({ group }) => group.name).sort(),
  }));
};

/** The pending batches of the caller's world in the order their tasks are served. */
export const listStudioBatches = async (scope: Scope): Promise<StudioBatch[]> =>
  toStudioBatches(
    scope,
    await scope.db.prisma.batch.findMany({
      where: { ...worldOf(scope), ...PENDING },
      select: studioBatchSelect,
      orderBy: QUEUE_ORDER,
    }),
  );

const studioBatchNamed = async (scope: Scope, name: string) => {
  const row = await scope.db.prisma.batch.findFirst({
    where: { ...worldOf(scope), name },
    select: studioBatchSelect,
  });
  if (!row) throw notFound(`Batch "${name}"`);
  const [batch] = await toStudioBatches(scope, [row]);
  return batch as StudioBatch;
};

type PriorityChange = { id: string; name: string; priority: number };

/**
 * Gives batches new priorities and copies each onto the batch's tasks, in the caller's
 * transaction, holding the batches' priority locks (see `lockBatchPriorities`) so no task created
 * meanwhile keeps an old one. Only tasks whose copy differs are written: repeating costs a lookup.
 */
const setPriorities = async (tx: DbClient, scope: Scope, changes: readonly PriorityChange[]) => {
  if (!changes.length) return;
  await lockBatchPriorities(
    tx,
    worldOf(scope),
    changes.map((change) => change.name),
    "exclusive",
  );
  // Concurrent changes of the same batches wait on their locks above, so one statement each will do.
  await tx.$executeRaw`
    UPDATE "batches" b SET "priority" = c."priority", "updated_at" = now()
    FROM unnest(${changes.map((c) => c.id)}::uuid[], ${changes.map((c) => c.priority)}::int[]) AS c("id", "priority")
    WHERE b."id" = c."id" AND b."priority" <> c."priority"`;
  await tx.$executeRaw`
    UPDATE "tasks" t SET "batch_priority" = b."priority"
    FROM "batches" b
    WHERE b."id" = ANY(${changes.map((change) => change.id)}::uuid[]) AND t."batch_id" = b."id"
      AND t."batch_priority" <> b."priority"`;
};

/**
 * `POST /v1/batches/{name}/prioritize`: the batch's tasks are served before those of batches with
 * a lower priority (10 to 30; batches never prioritized have none, below all).
 */
export const prioritizeBatch = async (scope: Scope, input: PrioritizeBatchInput) => {
  await scope.db.prisma.$transaction(async (tx) => {
    const batch = await tx.batch.findFirst({
      where: { ...worldOf(scope), name: input.name },
      select: { id: true, name: true },
    });
    if (!batch) throw notFound(`Batch "${input.name}"`);
    await setPriorities(tx, scope, [{ ...batch, priority: input.priority }]);
  });
  return { result: "success", name: input.name, priority: input.priority };
};

/**
 * `POST /v1/studio/batches/set_priorities`: pending batches in the order they are to be served. The
 * first listed gets the highest priority; pending batches left out lose theirs and come after, in
 * creation order. An unknown name is a 404, a repeated or finished batch a 400 (each naming its
 * field path), and nothing changes then.
 */
export const setStudioPriorities = async (scope: Scope, input: SetStudioPrioritiesInput) => {
  await scope.db.prisma.$transaction(async (tx) => {
    const names = input.batches.map((batch) => batch.name);
    const rows = await tx.batch.findMany({
      where: { ...worldOf(scope), name: { in: names } },
      select: { id: true, name: true, status: true },
    });
    const byName = new Map(rows.map((row) => [row.name, row]));
    const unknown = names.flatMap((value, index) => (byName.has(value) ? [] : [{ index, value }]));
    if (unknown.length) throw notFoundAt("batches", "no batch has the name", unknown, "name");
    const repeated = names.flatMap((value, index) =>
      names.indexOf(value) < index ? [{ index, value }] : [],
    );
    if (repeated.length) throw badEntriesAt("batches", "listed twice", repeated, "name");
    const done = names.flatMap((value, index) =>
      byName.get(value)?.status === "completed" ? [{ index, value }] : [],
    );
    if (done.length) throw badEntriesAt("batches", "already completed", done, "name");
    const pending = await tx.batch.findMany({
      where: { ...worldOf(scope), ...PENDING },
      select: { id: true, name: true },
    });
    const rank = new Map(names.map((name, index) => [name, names.length - index]));
    await setPriorities(
      tx,
      scope,
      pending.map((batch) => ({ ...batch, priority: rank.get(batch.name) ?? 0 })),
    );
  });
  return listStudioBatches(scope);
};

/** `POST /v1/studio/batches/reset_priorities`: every pending batch loses its priority (creation order). */
export const resetStudioPriorities = async (scope: Scope) => {
  await scope.db.prisma.$transaction(async (tx) => {
    const pending = await tx.batch.findMany({
      where: { ...worldOf(scope), ...PENDING, priority: { not: 0 } },
      select: { id: true, name: true },
    });
    await setPriorities(
      tx,
      scope,
      pending.map((batch) => ({ ...batch, priority: 0 })),
    );
  });
  return listStudioBatches(scope);
};

/**
 * `PUT /v1/studio/batches/{batch}`: the batch is served only to the members of these groups of its
 * project (none: to every eligible worker again). An unknown group is a 404 naming its field path.
 */
export const assignStudioBatch = async (scope: Scope, input: AssignStudioBatchInput) => {
  await scope.db.prisma.$transaction(async (tx) => {
    const batch = await tx.batch.findFirst({
      where: { ...worldOf(scope), name: input.batch },
      select: { id: true, projectId: true },
    });
    if (!batch) throw notFound(`Batch "${input.batch}"`);
    const groups = await tx.projectGroup.findMany({
      where: { projectId: batch.projectId, name: { in: input.groups } },
      select: { id: true, name: true },
    });
    const byName = new Map(groups.map((group) => [group.name, group]));
    const unknown = input.groups.flatMap((value, index) =>
      byName.has(value) ? [] : [{ index, value }],
    );
    if (unknown.length)
      throw notFoundAt("groups", "the batch's project has no group named", unknown);
    await tx.batchGroup.deleteMany({ where: { batchId: batch.id } });
    if (groups.length)
      await tx.batchGroup.createMany({
        data: groups.map((group) => ({ batchId: batch.id, groupId: group.id })),
      });
    await tx.batch.update({
      where: { id: batch.id },
      data: { groupRestricted: groups.length > 0 },
    });
  });
  return studioBatchNamed(scope, input.batch);
};
