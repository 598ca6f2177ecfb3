import { randomUUID } from "node:crypto";

import type { ImportJob, RowProblem, StartImportInput } from "@taskforge/schema";

import { LONG_TRANSACTION } from "../../db-client";
import { AppError, badRequest, conflict } from "../../errors";
import type { Scope } from "../../scope";
import { insertTasks } from "../tasks/insert-tasks";
import { getImportJob } from "./jobs";
import { countingBytes, readImportRows } from "./read-rows";
import type { ImportRow } from "./read-rows";

/** Lines per transaction through the bulk create path (its per-call limit). */
export const IMPORT_CHUNK_LINES = 1000;
/** Problems stored per job; past this only `failed_count` grows (the report says so). */
export const MAX_STORED_IMPORT_ERRORS = 100_000;
const DEFAULT_MAX_IMPORT_BYTES = 2 * 1024 ** 3;

/** `TASKFORGE_MAX_IMPORT_BYTES` (default 2 GB): uploads are streamed, so this bounds time, not memory. */
export const maxImportBytes = (env: NodeJS.ProcessEnv = process.env): number => {
  const raw = env.TASKFORGE_MAX_IMPORT_BYTES;
  if (raw === undefined || raw === "") return DEFAULT_MAX_IMPORT_BYTES;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`TASKFORGE_MAX_IMPORT_BYTES must be a positive whole number of bytes: ${raw}`);
  }
  return value;
};

export type RunImportOptions = StartImportInput & {
  maxBytes?: number;
  chunkLines?: number;
};

const importTooLarge = (limit: number) =>
  new AppError(
    "payload_too_large",
    `The upload is larger than the import limit of ${limit} bytes (TASKFORGE_MAX_IMPORT_BYTES).`,
  );

type ChunkCounts = { created: number; duplicates: number; failed: number; errors: RowProblemAt[] };
type RowProblemAt = RowProblem & { line: number };

const problemsOf = (line: number, error: { error: string; issues?: RowProblem[] | undefined }) =>
  error.issues?.length
    ? error.issues.map((issue) => ({ line, path: issue.path, message: issue.message }))
    : [{ line, path: "", message: error.error }];

/**
 * Stores one chunk: its valid rows go through the bulk create path (`insertTasks`, the service
 * `tasks.createMany` uses) and the job's counters and problems are written in the same
 * transaction, so an interrupted import leaves whole chunks and counters that match them. A
 * `unique_id` another task holds (409) is a duplicate: skipped, not an error, which makes re-running
 * an interrupted file safe.
 */
const storeChunk = async (
  scope: Scope,
  jobId: string,
  rows: readonly ImportRow[],
  storedErrors: number,
  bytesRead: number,
): Promise<ChunkCounts> => {
  const counts: ChunkCounts = { created: 0, duplicates: 0, failed: 0, errors: [] };
  const valid: { line: number; input: Record<string, unknown> }[] = [];
  for (const row of rows) {
    if (row.ok) valid.push({ line: row.line, input: row.input });
    else {
      counts.failed += 1;
      counts.errors.push(...row.problems.map((p) => ({ line: row.line, ...p })));
    }
  }
  const lastLine = rows.at(-1)?.line ?? 0;
  await scope.db.prisma.$transaction(async (tx) => {
    const results = valid.length
      ? await insertTasks(
          tx,
          scope,
          valid.map((row, index) => ({ index, input: row.input })),
        )
      : [];
    for (const result of results) {
      if (result.ok) counts.created += 1;
      else if (result.error.code === "conflict") counts.duplicates += 1;
      else {
        counts.failed += 1;
        counts.errors.push(...problemsOf(valid[result.index]?.line ?? 0, result.error.toBody()));
      }
    }
    counts.errors.sort((a, b) => a.line - b.line);
    const room = Math.max(0, MAX_STORED_IMPORT_ERRORS - storedErrors);
    if (room > 0 && counts.errors.length > 0) {
      await tx.importJobError.createMany({
        data: counts.errors.slice(0, room).map((e) => ({ jobId, ...e })),
      });
    }
    await tx.importJob.update({
      where: { id: jobId },
      data: {
        linesRead: lastLine,
        bytesRead: BigInt(bytesRead),
        createdCount: { increment: counts.created },
        duplicateCount: { increment: counts.duplicates },
        failedCount: { increment: counts.failed },
        updatedAt: new Date(),
      },
    });
  }, LONG_TRANSACTION);
  return counts;
};

const createJob = async (scope: Scope, options: RunImportOptions): Promise<string> => {
  const id = options.job_id ?? randomUUID();
  // A client-chosen id must be new (in any organization: ids are global).
  const existing = await scope.db.prisma.importJob.findUnique({
    where: { id },
    select: { id: true },
  });
  if (existing) throw conflict(`An import with job_id ${id} already exists; choose a new UUID.`);
  await scope.db.prisma.importJob.create({
    data: {
      id,
      organizationId: scope.organizationId,
      isTest: scope.isTest,
      format: options.format,
      filename: options.filename ?? null,
      defaultType: options.type ?? null,
    },
  });
  return id;
};

/**
 * Imports tasks from an upload (JSONL: one task per line; CSV: one per row), streamed: rows are
 * read only as fast as chunks are stored, so memory stays at about a chunk whatever the size.
 * Each line may be the nested create input or Scale's flat REST body; `type` fills in a missing
 * type. Returns the finished job; a failure (too large, upload cut off) marks the job failed and
 * is thrown, leaving the chunks stored so far (re-run the file to complete it).
 */
export const runImport = async (
  scope: Scope,
  options: RunImportOptions,
  body: ReadableStream<Uint8Array> | null,
): Promise<ImportJob> => {
  const maxBytes = options.maxBytes ?? maxImportBytes();
  const chunkLines = options.chunkLines ?? IMPORT_CHUNK_LINES;
  const jobId = await createJob(scope, options);
  let bytesRead = 0;
  let storedErrors = 0;
  // Whether a failure came from storing (the database: unexpected, a 500) or from the upload.
  let storing = false;
  const finish = (data: { status: "completed" | "failed"; error?: string }) =>
    scope.db.prisma.importJob.update({
      where: { id: jobId },
      data: {
        ...data,
        bytesRead: BigInt(bytesRead),
        finishedAt: new Date(),
        updatedAt: new Date(),
      },
    });
  try {
    if (body) {
      const limited = body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            if (bytesRead + chunk.byteLength > maxBytes) throw importTooLarge(maxBytes);
            controller.enqueue(chunk);
          },
        }),
      );
      const counted = limited.pipeThrough(countingBytes((total) => (bytesRead = total)));
      let chunk: ImportRow[] = [];
      for await (const row of readImportRows(counted, options.format, options.type)) {
        chunk.push(row);
        if (chunk.length >= chunkLines) {
          storing = true;
          const stored = await storeChunk(scope, jobId, chunk, storedErrors, bytesRead);
          storing = false;
          storedErrors += stored.errors.length;
          chunk = [];
        }
      }
      storing = true;
      if (chunk.length) await storeChunk(scope, jobId, chunk, storedErrors, bytesRead);
    }
    await finish({ status: "completed" });
  } catch (caught) {
    const error =
      caught instanceof AppError
        ? caught
        : badRequest(`The import stopped: ${(caught as Error).message || String(caught)}`);
    await finish({ status: "failed", error: error.message });
    // Database failures are not the uploader's fault: they stay unexpected (500, logged).
    throw storing && !(caught instanceof AppError) ? caught : error;
  }
  return getImportJob(scope, jobId);
};
