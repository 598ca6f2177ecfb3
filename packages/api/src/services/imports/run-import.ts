import { randomUUID } from "node:crypto";

import type { ImportJob, RowProblem, StartImportInput } from "@taskforge/schema";

import { LONG_TRANSACTION, retryingTransaction } from "../../db-client";
import { AppError, badRequest, conflict } from "../../errors";
import type { Scope } from "../../scope";
import { prepareTasks, writePreparedTasks } from "../tasks/insert-tasks";
import type { ItemResult, PreparedTasks } from "../tasks/insert-tasks";
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
  maxStoredProblems?: number;
};

const importTooLarge = (limit: number) =>
  new AppError(
    "payload_too_large",
    `The upload is larger than the import limit of ${limit} bytes (TASKFORGE_MAX_IMPORT_BYTES).`,
  );

/**
 * Chunks stored at once, each in its own transaction: while one waits on the database the next is
 * written, as a client sending two bulk creates at a time would. They may commit in either order;
 * each chunk's counters are increments, so the job's counters always match the chunks stored.
 */
export const IMPORT_CHUNKS_IN_FLIGHT = 2;

type RowProblemAt = RowProblem & { line: number };
type ChunkCounts = { created: number; duplicates: number; failed: number; errors: RowProblemAt[] };

const problemsOf = (line: number, error: { error: string; issues?: RowProblem[] | undefined }) =>
  error.issues?.length
    ? error.issues.map((issue) => ({ line, path: issue.path, message: issue.message }))
    : [{ line, path: "", message: error.error }];

/** A chunk read and validated (outside any transaction), waiting for its turn to be stored. */
type PreparedChunk = {
  /** Rows that are not task inputs at all (bad JSON, no type), with their problems. */
  unreadable: { line: number; problems: RowProblem[] }[];
  /** The valid rows' inputs, prepared; `lineOf[index]` is the line of input `index`. */
  tasks: PreparedTasks | null;
  lineOf: number[];
  /** The lines and bytes this chunk adds to the job's progress once stored. */
  lines: number;
  bytes: number;
};

/** A chunk's outcome from its rows' results. A `unique_id` another task holds (409) is a duplicate. */
const tally = (chunk: PreparedChunk, results: readonly ItemResult[]): ChunkCounts => {
  const counts: ChunkCounts = {
    created: 0,
    duplicates: 0,
    failed: chunk.unreadable.length,
    errors: chunk.unreadable.flatMap((row) => row.problems.map((p) => ({ line: row.line, ...p }))),
  };
  for (const result of results) {
    if (result.ok) counts.created += 1;
    else if (result.error.code === "conflict") counts.duplicates += 1;
    else {
      counts.failed += 1;
      counts.errors.push(...problemsOf(chunk.lineOf[result.index] ?? 0, result.error.toBody()));
    }
  }
  counts.errors.sort((a, b) => a.line - b.line);
  return counts;
};

const prepareChunk = async (
  scope: Scope,
  rows: readonly ImportRow[],
  progress: { lines: number; bytes: number },
): Promise<PreparedChunk> => {
  const unreadable: PreparedChunk["unreadable"] = [];
  const valid: { line: number; input: Record<string, unknown> }[] = [];
  for (const row of rows) {
    if (row.ok) valid.push({ line: row.line, input: row.input });
    else unreadable.push({ line: row.line, problems: row.problems });
  }
  const tasks = valid.length
    ? await prepareTasks(
        scope.db.prisma,
        scope,
        valid.map((row, index) => ({ index, input: row.input })),
      )
    : null;
  return { unreadable, tasks, lineOf: valid.map((row) => row.line), ...progress };
};

/**
 * Stores one chunk: its valid rows go through the bulk create path (`writePreparedTasks`, as
 * `tasks.createMany` does) and the job's counters and up to `room` problems are written in the
 * same transaction, so an interrupted import leaves whole chunks and counters that match them.
 * Duplicates are skipped, not errors, which makes re-running an interrupted file safe.
 */
const storeChunk = async (
  scope: Scope,
  jobId: string,
  chunk: PreparedChunk,
  room: number,
): Promise<ChunkCounts> =>
  retryingTransaction(
    scope.db.prisma,
    async (tx) => {
      const counts = tally(
        chunk,
        chunk.tasks ? await writePreparedTasks(tx, scope, chunk.tasks) : [],
      );
      if (room > 0 && counts.errors.length > 0) {
        await tx.importJobError.createMany({
          data: counts.errors.slice(0, room).map((e) => ({ jobId, ...e })),
        });
      }
      await tx.importJob.update({
        where: { id: jobId },
        data: {
          linesRead: { increment: chunk.lines },
          bytesRead: { increment: chunk.bytes },
          createdCount: { increment: counts.created },
          duplicateCount: { increment: counts.duplicates },
          failedCount: { increment: counts.failed },
          updatedAt: new Date(),
        },
      });
      return counts;
    },
    LONG_TRANSACTION,
  );

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
 * read only as fast as chunks are stored, so memory stays at a few chunks (those being stored and
 * the next) whatever the size.
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
  const maxStoredProblems = options.maxStoredProblems ?? MAX_STORED_IMPORT_ERRORS;
  const jobId = await createJob(scope, options);
  let bytesRead = 0;
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
  // Chunks being stored, oldest first; a new one starts when fewer than IMPORT_CHUNKS_IN_FLIGHT are.
  const inFlight: Promise<unknown>[] = [];
  let progress = { lines: 0, bytes: 0 };
  // Problems stored, or planned by the chunks in flight: the cap is checked against both.
  let problemsCounted = 0;
  const awaitOldestChunk = async () => {
    storing = true;
    await inFlight.shift();
    storing = false;
  };
  const store = async (rows: readonly ImportRow[]) => {
    const lastLine = rows.at(-1)?.line ?? progress.lines;
    const span = { lines: lastLine - progress.lines, bytes: bytesRead - progress.bytes };
    progress = { lines: lastLine, bytes: bytesRead };
    storing = true;
    const chunk = await prepareChunk(scope, rows, span);
    while (inFlight.length >= IMPORT_CHUNKS_IN_FLIGHT) await awaitOldestChunk();
    const room = Math.max(0, maxStoredProblems - problemsCounted);
    const planned = Math.min(room, tally(chunk, chunk.tasks?.failures ?? []).errors.length);
    problemsCounted += planned;
    const stored = storeChunk(scope, jobId, chunk, room).then(
      (counts) => (problemsCounted += Math.min(room, counts.errors.length) - planned),
    );
    // Awaited in turn, or at the end; until then its failure must not count as unhandled.
    stored.catch(() => undefined);
    inFlight.push(stored);
    storing = false;
  };
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
          await store(chunk);
          chunk = [];
        }
      }
      if (chunk.length) await store(chunk);
      while (inFlight.length) await awaitOldestChunk();
    }
    await finish({ status: "completed" });
  } catch (caught) {
    // Chunks still being stored finish first, so the job's counters are final when it is marked.
    await Promise.allSettled(inFlight);
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
