import type { Prisma } from "@taskforge/db";
import { isRecord } from "@taskforge/schema";
import type { Batch } from "@taskforge/schema";

export const batchSelect = {
  id: true,
  name: true,
  status: true,
  callbackUrl: true,
  metadata: true,
  calibrationBatch: true,
  selfLabelBatch: true,
  createdAt: true,
  project: { select: { name: true } },
} satisfies Prisma.BatchSelect;

export type BatchRow = Prisma.BatchGetPayload<{ select: typeof batchSelect }>;

export const toPublicBatch = (row: BatchRow): Batch => ({
  name: row.name,
  project: row.project.name,
  status: row.status,
  ...(row.callbackUrl ? { callback: row.callbackUrl } : {}),
  created_at: row.createdAt.toISOString(),
  metadata: isRecord(row.metadata) ? row.metadata : {},
  calibration_batch: row.calibrationBatch,
  self_label_batch: row.selfLabelBatch,
});
