import { IMPORT_HEARTBEAT_SECONDS } from "@taskforge/schema";
import type { ImportJob, RowProblem, StartImportInput } from "@taskforge/schema";

import { config } from "../../config";
import { LONG_TRANSACTION, retryingTransaction } from "../../db-client";
import { AppError, badRequest, conflict } from "../../errors";
import type { Scope } from "../../scope";
import { prepareTasks, writePreparedTasks } from "../tasks/insert-tasks";
import type { ItemResult, PreparedTasks } from "../tasks/insert-tasks";
import { claimUpload } from "./claim-upload";
import type { ClaimedUpload } from "./claim-upload";
import { getImportJob } from "./jobs";
import { countingBytes, readImportRows } from "./read-rows";
import type { ImportRow } from "./read-rows";
import { countStoredLines, isLineStored, storedLinesOf, withStoredSpan } from "./stored-lines";
import type { LineSpan } from "./stored-lines";

/** Lines per transaction through the bulk create path (its per-call limit). */
export const IMPORT_CHUNK_LINES = 1000;
/** Problems stored per job; past this only `failed_count` grows (the report says so). */
export const MAX_STORED_IMPORT_ERRORS = 100_000;
/** `TASKFORGE_MAX_IMPORT_BYTES` (default 2 GB): uploads are streamed, so this bounds time, not memory. */
export const maxImportBytes = (): number => config().TASKFORGE_MAX_IMPORT_BYTES;

export type RunImportOptions = Omit<StartImportInput, "resume" | "first_line"> &
  Partial<Pick<StartImportInput, "resume" | "first_line">> & {
    maxBytes?: number;
    chunkLines?: number;
    maxStoredProblems?: number;
    heartbeatMs?: number;
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
  /** The lines this chunk covers (blank and already stored ones between its rows included). */
  span: LineSpan;
  /** The bytes this chunk adds to the job's progress once stored. */
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
  progress: { span: LineSpan; bytes: number },
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

const supersededUpload = (jobId: string) =>
  conflict(`The import ${jobId} was resumed by another upload; this upload stopped.`);

/**
 * Stores one chunk: its valid rows go through the bulk create path (`writePreparedTasks`, as
 * `tasks.createMany` does) and the job's counters, stored lines and up to `room` problems are
 * written in the same transaction, so an interrupted import leaves whole chunks and a record of
 * exactly which lines they hold. The job row is locked last (as the counters' update always did):
 * an upload that a resume took over finds itself replaced there and stores nothing more.
 */
const storeChunk = async (
  scope: Scope,
  upload: ClaimedUpload,
  chunk: PreparedChunk,
  room: number,
): Promise<ChunkCounts> =>
  retryingTransaction(
    scope.db.prisma,
    async (tx) => {
      const { jobId } = upload;
      const counts = tally(
        chunk,
        chunk.tasks ? await writePreparedTasks(tx, scope, chunk.tasks) : [],
      );
      if (room > 0 && counts.errors.length > 0) {
        await tx.importJobError.createMany({
          data: counts.errors.slice(0, room).map((e) => ({ jobId, ...e })),
        });
      }
      const [job] = await tx.$queryRaw<
        { upload_id: string | null; stored_through_line: number; stored_spans: unknown }[]
      >`SELECT upload_id, stored_through_line, stored_spans FROM import_jobs WHERE id = ${jobId}::uuid FOR UPDATE`;
      if (job?.upload_id !== upload.uploadId) throw supersededUpload(jobId);
      const stored = withStoredSpan(
        storedLinesOf({
          storedThroughLine: job.stored_through_line,
          storedSpans: job.stored_spans,
        }),
        chunk.span,
      );
      await tx.importJob.update({
        where: { id: jobId },
        data: {
          linesRead: countStoredLines(stored),
          storedThroughLine: stored.throughLine,
          storedSpans: stored.spans.map(([first, last]) => [first, last]),
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

/**
 * Refreshes the job's `updated_at` every `intervalMs` while the upload makes progress: bytes
 * arrived since the last beat, or chunks are being stored. A
 * server that dies stops beating, so a resume may take the job over within
 * IMPORT_STALE_AFTER_SECONDS instead of waiting out a long silence; a client that stops sending
 * stops it too.
 */
const startHeartbeat = (
  scope: Scope,
  upload: ClaimedUpload,
  intervalMs = IMPORT_HEARTBEAT_SECONDS * 1000,
  progress: () => { bytesRead: number; storing: boolean },
) => {
  let lastBytes = progress().bytesRead;
  const timer = setInterval(() => {
    const { bytesRead, storing } = progress();
    const active = bytesRead !== lastBytes || storing;
    lastBytes = bytesRead;
    if (!active) return;
    scope.db.prisma.importJob
      .updateMany({
        where: { id: upload.jobId, uploadId: upload.uploadId, status: "running" },
        data: { updatedAt: new Date() },
      })
      // A missed beat only brings a takeover closer; the upload itself goes on.
      .catch(() => undefined);
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
};

/**
 * Imports tasks from an upload (JSONL: one task per line; CSV: one per row), streamed: rows are
 * read only as fast as chunks are stored, so memory stays at a few chunks (those being stored and
 * the next) whatever the size.
 * Each line may be the nested create input or Scale's flat REST body; `type` fills in a missing
 * type. Returns the finished job; a failure (too large, upload cut off) marks the job failed and
 * is thrown, leaving the chunks stored so far. `resume` continues such a job: the body holds the
 * file from `first_line` on, and lines the job has stored already are skipped, so every line is
 * stored once however often an upload is cut.
 */
export const runImport = async (
  scope: Scope,
  options: RunImportOptions,
  body: ReadableStream<Uint8Array> | null,
): Promise<ImportJob> => {
  const maxBytes = options.maxBytes ?? maxImportBytes();
  const chunkLines = options.chunkLines ?? IMPORT_CHUNK_LINES;
  const maxStoredProblems = options.maxStoredProblems ?? MAX_STORED_IMPORT_ERRORS;
  const firstLine = options.first_line ?? 1;
  const upload = await claimUpload(scope, {
    ...options,
    resume: options.resume ?? false,
    first_line: firstLine,
  });
  const { jobId } = upload;
  let bytesRead = 0;
  // Whether a failure came from storing (the database: unexpected, a 500) or from the upload.
  let storing = false;
  // Only while this upload owns the job: one that a resume replaced leaves the job to it.
  const finish = (data: { status: "completed" | "failed"; error?: string }) =>
    scope.db.prisma.importJob.updateMany({
      where: { id: jobId, uploadId: upload.uploadId },
      data: {
        ...data,
        bytesRead: upload.bytesBefore + BigInt(bytesRead),
        finishedAt: new Date(),
        updatedAt: new Date(),
      },
    });
  // Chunks being stored, oldest first; a new one starts when fewer than IMPORT_CHUNKS_IN_FLIGHT are.
  const inFlight: Promise<unknown>[] = [];
  let progress = { lines: firstLine - 1, bytes: 0 };
  // Problems stored, or planned by the chunks in flight: the cap is checked against both.
  let problemsCounted = 0;
  const awaitOldestChunk = async () => {
    storing = true;
    await inFlight.shift();
    storing = false;
  };
  const store = async (rows: readonly ImportRow[]) => {
    const lastLine = rows.at(-1)?.line ?? progress.lines;
    const span = {
      span: [progress.lines + 1, lastLine] as const,
      bytes: bytesRead - progress.bytes,
    };
    progress = { lines: lastLine, bytes: bytesRead };
    storing = true;
    const chunk = await prepareChunk(scope, rows, span);
    while (inFlight.length >= IMPORT_CHUNKS_IN_FLIGHT) await awaitOldestChunk();
    const room = Math.max(0, maxStoredProblems - problemsCounted);
    const planned = Math.min(room, tally(chunk, chunk.tasks?.failures ?? []).errors.length);
    problemsCounted += planned;
    const stored = storeChunk(scope, upload, chunk, room).then(
      (counts) => (problemsCounted += Math.min(room, counts.errors.length) - planned),
    );
    // Awaited in turn, or at the end; until then its failure must not count as unhandled.
    stored.catch(() => undefined);
    inFlight.push(stored);
    storing = false;
  };
  const heartbeat = startHeartbeat(scope, upload, options.heartbeatMs, () => ({
    bytesRead,
    storing: storing || inFlight.length > 0,
  }));
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
      const rows = readImportRows(counted, options.format, {
        defaultType: upload.defaultType,
        firstLine,
        skipLine: (line) => isLineStored(upload.stored, line),
      });
      for await (const row of rows) {
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
  } finally {
    heartbeat.stop();
  }
  return getImportJob(scope, jobId);
};
