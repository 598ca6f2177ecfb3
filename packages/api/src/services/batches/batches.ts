import { Prisma } from "@taskforge/db";
import type {
  Batch,
  BatchListQuery,
  BatchListResponse,
  BatchStatusCounts,
  CreateBatchInput,
} from "@taskforge/schema";

import type { DbClient } from "../../db-client";
import { conflict, notFound } from "../../errors";
import { worldOf } from "../../scope";
import type { Scope } from "../../scope";
import { enqueueBatchCallback } from "../callbacks";
import { findProjectRow } from "../projects/projects";
import { countTasksByStatus } from "../tasks/status-counts";
import { batchSelect, toPublicBatch } from "./batch-mapper";

/**
 * Creates a batch in a project. Batches of Rapid and Studio projects start in `staging` and take
 * tasks until finalized; others start `in_progress`, as Scale's enterprise batches do.
 */
export const createBatch = async (scope: Scope, input: CreateBatchInput): Promise<Batch> => {
  const project = await findProjectRow(scope, input.project);
  try {
    const row = await scope.db.prisma.batch.create({
      data: {
        ...worldOf(scope),
        projectId: project.id,
        name: input.name,
        status: project.rapid || project.studio ? "staging" : "in_progress",
        callbackUrl: input.callback || null,
        metadata: (input.metadata ?? {}) as Prisma.InputJsonObject,
        calibrationBatch: input.calibration_batch ?? false,
        selfLabelBatch: input.self_label_batch ?? false,
      },
      select: batchSelect,
    });
    return toPublicBatch(row);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw conflict(`A batch named "${input.name}" already exists.`);
    }
    throw error;
  }
};

const findBatchRow = async (scope: Scope, name: string, client: DbClient = scope.db.prisma) => {
  const row = await client.batch.findFirst({
    where: { ...worldOf(scope), name },
    select: batchSelect,
  });
  if (!row) throw notFound(`Batch "${name}"`);
  return row;
};

export const getBatch = async (scope: Scope, name: string): Promise<Batch> =>
  toPublicBatch(await findBatchRow(scope, name));

/** An inclusive time range, open where a bound is absent; a time not yet set never matches. */
const between = (after: Date | undefined, before: Date | undefined) => ({
  ...(after ? { gte: after } : {}),
  ...(before ? { lte: before } : {}),
});

/** Newest first, offset paging as Scale's SDKs expect. */
export const listBatches = async (
  scope: Scope,
  query: BatchListQuery,
): Promise<BatchListResponse> => {
  const where: Prisma.BatchWhereInput = {
    ...worldOf(scope),
    ...(query.project ? { project: { name: query.project } } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.exclude_archived
      ? { project: { archived: false, ...(query.project ? { name: query.project } : {}) } }
      : {}),
    ...(query.start_time || query.end_time
      ? {
          createdAt: {
            ...(query.start_time ? { gte: query.start_time } : {}),
            ...(query.end_time ? { lte: query.end_time } : {}),
          },
        }
      : {}),
    ...(query.completed_after || query.completed_before
      ? { completedAt: between(query.completed_after, query.completed_before) }
      : {}),
    ...(query.audited_after || query.audited_before
      ? {
          tasks: {
            some: {
              audits: { some: { auditedAt: between(query.audited_after, query.audited_before) } },
            },
          },
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    scope.db.prisma.batch.findMany({
      where,
      select: batchSelect,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: query.offset,
      take: query.limit,
    }),
    scope.db.prisma.batch.count({ where }),
  ]);
  return {
    docs: rows.map(toPublicBatch),
    total,
    totalDocs: total,
    limit: query.limit,
    offset: query.offset,
    has_more: query.offset + rows.length < total,
  };
};

/** The batch status with its tasks counted per status (statuses with no task left out). */
export const getBatchStatus = async (scope: Scope, name: string): Promise<BatchStatusCounts> => {
  const batch = await findBatchRow(scope, name);
  const counts: BatchStatusCounts = { status: batch.status };
  for (const group of await countTasksByStatus(scope, "batch", [batch.id])) {
    counts[group.status] = group.count;
  }
  return counts;
};

/** Staging → in_progress (or completed, if every task has already ended); a no-op otherwise. */
export const finalizeBatch = (scope: Scope, name: string): Promise<Batch> =>
  scope.db.prisma.$transaction(async (tx) => {
    const batch = await findBatchRow(scope, name, tx);
    if (batch.status === "staging") {
      const pending = await tx.task.count({
        where: { batchId: batch.id, status: "pending", isGold: false },
      });
      const total = await tx.task.count({ where: { batchId: batch.id } });
      const done = total > 0 && pending === 0;
      await tx.batch.update({
        where: { id: batch.id },
        data: {
          status: done ? "completed" : "in_progress",
          ...(done ? { completedAt: new Date() } : {}),
        },
      });
      if (done) await enqueueBatchCallback(tx, { ...worldOf(scope), batchId: batch.id });
    }
    return toPublicBatch(await findBatchRow(scope, name, tx));
  });

/** Replaces the batch's metadata object. */
export const setBatchMetadata = async (
  scope: Scope,
  name: string,
  metadata: Record<string, unknown>,
): Promise<Batch> => {
  const batch = await findBatchRow(scope, name);
  const row = await scope.db.prisma.batch.update({
    where: { id: batch.id },
    data: { metadata: metadata as Prisma.InputJsonObject },
    select: batchSelect,
  });
  return toPublicBatch(row);
};
