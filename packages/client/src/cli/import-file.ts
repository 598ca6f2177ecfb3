import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import { IMPORT_STALE_AFTER_SECONDS } from "@taskforge/schema";
import type { ImportFormat, ImportJob } from "@taskforge/schema";

import { apiErrorOf } from "../index";
import type { TaskforgeClient } from "../index";
import type { Connection } from "./config";
import { UsageError } from "./errors";
import {
  readImportState,
  removeImportState,
  stateMismatch,
  writeImportState,
} from "./import-state";
import type { ImportState } from "./import-state";
import { uploadImport } from "./import-upload";
import { formatBytes, formatDuration, Progress } from "./progress";
import type { ProgressStream } from "./progress";
import { ApiRequestError } from "./rest";
import { retryVerdict, withRetry } from "./retry";

export type ImportFileOptions = {
  file: string;
  format: ImportFormat;
  type?: string | undefined;
  /** Where the unfinished import is remembered, so that running the command again resumes it. */
  statePath: string;
  /** Forget a remembered import and start a new job. */
  restart: boolean;
  /** Resumes after interruptions (network, 5xx, a server restart) before giving up. */
  retries: number;
  connection: Connection;
  client: TaskforgeClient;
  stderr: ProgressStream;
  /** Aborted on Ctrl-C: the upload stops, and the state stays for the next run. */
  signal: AbortSignal;
  retryBaseDelayMs?: number;
  pollIntervalMs?: number;
};

export type ImportOutcome = {
  job: ImportJob;
  elapsedMs: number;
  interruptions: number;
  /** Lines this run's uploads handled (created, duplicate or failed), for its rate. */
  handled: number;
};

const handledLines = (job: ImportJob | null) =>
  job ? job.created_count + job.duplicate_count + job.failed_count : 0;

/** The import stopped before the end; running the same command again resumes it. */
export class ImportInterrupted extends Error {
  constructor(
    reason: string,
    readonly jobId: string,
    readonly job: ImportJob | null,
  ) {
    super(reason);
    this.name = "ImportInterrupted";
  }
}

const STALE_MS = IMPORT_STALE_AFTER_SECONDS * 1000;

/** The byte just after line `line` (1-based): where a file resumed after that line starts. */
export const offsetAfterLine = async (file: string, line: number): Promise<number> => {
  if (line <= 0) return 0;
  let seen = 0;
  let offset = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) {
      seen += 1;
      if (seen === line) return offset + at + 1;
    }
    offset += chunk.length;
  }
  return offset;
};

/**
 * Where an upload of an interrupted job starts: JSONL from the line after the stored ones (the
 * server numbers lines by `\n` as we count them here); CSV from the start, header included, since
 * its records may span lines (the server skips the rows it has).
 */
const resumePoint = async (file: string, format: ImportFormat, job: ImportJob) =>
  format === "csv"
    ? { line: 1, offset: 0 }
    : {
        line: job.stored_through_line + 1,
        offset: await offsetAfterLine(file, job.stored_through_line),
      };

const storedNote = (job: ImportJob) =>
  `${job.stored_through_line} lines stored, ${job.failed_count} failed`;

/**
 * Streams a JSONL or CSV file to `POST /v1/imports` with a progress bar. The job id is kept in a
 * state file from the start, so an interruption (network, server restart, Ctrl-C, a killed
 * process) is resumed, here or by running the command again: the rest of the file is sent and
 * the server skips the lines it has stored, so each line is stored once.
 */
export const importFile = async (options: ImportFileOptions): Promise<ImportOutcome> => {
  const { file, format, stderr, signal } = options;
  const info = await stat(file).catch((error: Error) => {
    throw new UsageError(`cannot read ${file}: ${error.message}`);
  });
  if (!info.isFile()) throw new UsageError(`${file} is not a file`);
  const identity = {
    server: options.connection.baseUrl,
    format,
    file: { size: info.size, mtime_ms: info.mtimeMs },
  };
  if (options.restart) await removeImportState(options.statePath);
  const saved = await readImportState(options.statePath);
  const mismatch = saved && stateMismatch(saved, identity);
  if (saved && mismatch) {
    throw new UsageError(
      `${options.statePath} holds the unfinished import ${saved.job_id} of this file, but ${mismatch}. ` +
        "Pass --restart to import the file as a new job (the tasks the old one stored stay), or --state to keep both.",
    );
  }
  const state: ImportState = saved ?? {
    version: 1,
    job_id: randomUUID(),
    ...identity,
    type: options.type ?? null,
    started_at: new Date().toISOString(),
  };
  if (!saved) await writeImportState(options.statePath, state);
  const jobId = state.job_id;
  const type = options.type ?? state.type ?? undefined;

  const getJob = async (): Promise<ImportJob | null> =>
    withRetry(() => options.client.imports.get.query({ id: jobId }), { retries: 5 }).catch(
      (error: unknown) => {
        if (apiErrorOf(error)?.status_code === 404) return null;
        throw error;
      },
    );
  const interrupted = async (reason: string) =>
    new ImportInterrupted(reason, jobId, await getJob().catch(() => null));

  /**
   * A cut upload is marked failed as soon as its server notices; one whose server died stays
   * `running` until it has stored nothing for IMPORT_STALE_AFTER_SECONDS, and may be resumed then.
   */
  const untilReleased = async (running: ImportJob): Promise<ImportJob | null> => {
    let job: ImportJob | null = running;
    let announced = false;
    while (job?.status === "running") {
      const quietMs = Date.now() - Date.parse(job.updated_at);
      if (quietMs > STALE_MS) return job;
      if (!announced) {
        stderr.write(
          `import ${jobId} is still running on the server (${storedNote(job)}); waiting until it stops (at most ${formatDuration(STALE_MS - quietMs)})\n`,
        );
        announced = true;
      }
      await sleep(Math.min(1000, STALE_MS - quietMs + 250), undefined, { signal });
      job = await getJob();
    }
    return job;
  };

  const started = Date.now();
  if (saved) stderr.write(`resuming import ${jobId} (started ${saved.started_at})\n`);
  let job: ImportJob | null = saved ? await getJob() : null;
  const handledBefore = handledLines(job);
  let interruptions = 0;
  try {
    for (;;) {
      if (job?.status === "running") job = await untilReleased(job);
      if (job?.status === "completed") break;
      const from = job ? await resumePoint(file, format, job) : { line: 1, offset: 0 };
      if (job) stderr.write(`sending ${file} from line ${from.line} (${storedNote(job)})\n`);
      const progress = new Progress({
        stream: stderr,
        total: info.size,
        unit: "B",
        amount: formatBytes,
        startAt: from.offset,
      });
      // One look at a time and no retries: a missed look only leaves the note as it was.
      let looking = false;
      const poller = setInterval(() => {
        if (looking) return;
        looking = true;
        options.client.imports.get
          .query({ id: jobId })
          .then((latest) => progress.setNote(storedNote(latest)))
          .catch(() => undefined)
          .finally(() => (looking = false));
      }, options.pollIntervalMs ?? 1000);
      try {
        job = await uploadImport({
          connection: options.connection,
          query: {
            format,
            filename: basename(file),
            job_id: jobId,
            ...(type ? { type } : {}),
            ...(job ? { resume: "true", first_line: String(from.line) } : {}),
          },
          format,
          file,
          offset: from.offset,
          size: info.size,
          onSent: (position) => progress.update(position),
          signal,
        });
        progress.setNote(storedNote(job));
        progress.finish();
        break;
      } catch (error) {
        if (stderr.isTTY) stderr.write("\n");
        if (signal.aborted) throw await interrupted("interrupted");
        // A 409 means the job is busy or was taken over: its state, read again, says what to do.
        const conflict = error instanceof ApiRequestError && error.status === 409;
        if (!conflict && !retryVerdict(error).retry) throw error;
        const latest = await getJob();
        if (conflict && latest === null) {
          throw new UsageError(
            `import ${jobId} exists, but not for this API key (another organization, or a live_/test_ key of the other kind); pass --restart to start a new one`,
          );
        }
        job = latest;
        if (job?.status === "completed") break;
        interruptions += 1;
        const reason = (error as Error).message;
        if (interruptions > options.retries) {
          throw new ImportInterrupted(
            `the upload was interrupted ${interruptions} times (last: ${reason})`,
            jobId,
            job,
          );
        }
        const base = options.retryBaseDelayMs ?? 500;
        const verdict = retryVerdict(error);
        const delay =
          (verdict.retry ? verdict.afterMs : null) ??
          Math.min(30_000, base * 2 ** (interruptions - 1));
        stderr.write(
          `upload interrupted (${reason}); ${job ? storedNote(job) : "nothing stored yet"}; resuming in ${formatDuration(delay)} (${interruptions}/${options.retries})\n`,
        );
        await sleep(delay, undefined, { signal });
      } finally {
        clearInterval(poller);
      }
    }
  } catch (error) {
    if (signal.aborted && !(error instanceof ImportInterrupted))
      throw await interrupted("interrupted");
    throw error;
  }
  await removeImportState(options.statePath);
  return {
    job,
    elapsedMs: Date.now() - started,
    interruptions,
    handled: handledLines(job) - handledBefore,
  };
};
