import { createWriteStream } from "node:fs";
import type { WriteStream } from "node:fs";
import { once } from "node:events";

import type { ApiErrorBody, CreateTaskIdsResult } from "@taskforge/schema";
import pLimit from "p-limit";

import { apiErrorOf } from "../index";
import { formatDuration, formatRate, Progress } from "./progress";
import type { ProgressStream } from "./progress";
import { withRetry } from "./retry";
import { isLineFailure, parseTaskLine, readLines } from "./task-lines";
import type { LineDefaults, LineFailure, TaskLine } from "./task-lines";

export const MAX_CHUNK_SIZE = 1000;

export type CreateFromFileOptions = LineDefaults & {
  file: string;
  concurrency: number;
  chunkSize: number;
  retries: number;
  /** Where failed lines go as JSONL; without it the first few are printed to stderr. */
  failuresFile?: string | undefined;
  /** `tasks.createManyIds`, retried here on transient failures. */
  createMany: (tasks: unknown[]) => Promise<CreateTaskIdsResult>;
  /** Lines to expect, for the percentage and ETA (null: unknown). */
  total: number | null;
  stderr: ProgressStream;
  retryBaseDelayMs?: number;
};

export type CreateSummary = {
  created: number;
  duplicates: number;
  failed: number;
  elapsedMs: number;
};

/** An error that stops the whole run (a bad key answers every chunk the same way). */
export class FatalCreateError extends Error {}

// A retry of a chunk whose first attempt reached the database meets its own tasks again: the
// unique_id conflict then means "already created", not a failure.
const isDuplicate = (error: ApiErrorBody) =>
  error.status_code === 409 && /unique_id/.test(error.error);

const PRINTED_FAILURES = 20;

class FailureSink {
  private readonly stream: WriteStream | null;
  private printed = 0;

  constructor(
    file: string | undefined,
    private readonly stderr: ProgressStream,
  ) {
    this.stream = file ? createWriteStream(file) : null;
  }

  async write(failure: LineFailure) {
    if (this.stream) {
      if (!this.stream.write(`${JSON.stringify(failure)}\n`)) await once(this.stream, "drain");
      return;
    }
    if (this.printed++ < PRINTED_FAILURES) {
      const fields = failure.issues.map((i) => `${i.path || "(body)"}: ${i.message}`).join("; ");
      this.stderr.write(`line ${failure.line}: ${failure.error}${fields ? ` (${fields})` : ""}\n`);
    }
  }

  async close() {
    if (!this.stream) return;
    this.stream.end();
    await once(this.stream, "close");
  }
}

/**
 * Streams a JSONL file into `tasks.createManyIds`: lines are read one at a time and at most
 * `concurrency` chunks of `chunkSize` lines are in flight, so memory stays flat whatever the size.
 */
export const createTasksFromFile = async (
  options: CreateFromFileOptions,
): Promise<CreateSummary> => {
  const counts = { created: 0, duplicates: 0, failed: 0 };
  const progress = new Progress({ stream: options.stderr, total: options.total, unit: "tasks" });
  const failures = new FailureSink(options.failuresFile, options.stderr);
  const report = () => progress.update(counts.created + counts.duplicates + counts.failed);
  const fail = async (failure: LineFailure) => {
    counts.failed++;
    await failures.write(failure);
  };

  // Set from inside the chunk senders; an object so the checks below are not narrowed away.
  const stop: { fatal: FatalCreateError | null } = { fatal: null };
  const send = async (chunk: TaskLine[]) => {
    try {
      const result = await withRetry(() => options.createMany(chunk.map((l) => l.task)), {
        retries: options.retries,
        ...(options.retryBaseDelayMs !== undefined
          ? { baseDelayMs: options.retryBaseDelayMs }
          : {}),
        onRetry: (error, attempt, delayMs) =>
          options.stderr.write(
            `\nchunk of lines ${chunk[0]?.line}-${chunk.at(-1)?.line} failed (${(error as Error).message}); retry ${attempt}/${options.retries} in ${formatDuration(delayMs)}\n`,
          ),
      });
      for (const item of result.results) {
        const line = chunk[item.index]?.line ?? 0;
        if (item.ok) counts.created++;
        else if (isDuplicate(item.error)) counts.duplicates++;
        else await fail({ line, error: item.error.error, issues: item.error.issues ?? [] });
      }
    } catch (error) {
      const body = apiErrorOf(error);
      if (body && (body.status_code === 401 || body.status_code === 403)) {
        stop.fatal ??= new FatalCreateError(body.error);
        return;
      }
      const message = body?.error ?? (error as Error).message;
      for (const { line } of chunk)
        await fail({ line, error: message, issues: body?.issues ?? [] });
    }
    report();
  };

  const limit = pLimit(options.concurrency);
  const inFlight = new Set<Promise<void>>();
  const submit = async (chunk: TaskLine[]) => {
    // Backpressure: reading pauses until a slot frees, so at most `concurrency` chunks are held.
    while (inFlight.size >= options.concurrency) await Promise.race(inFlight);
    const sent: Promise<void> = limit(() => send(chunk)).finally(() => inFlight.delete(sent));
    inFlight.add(sent);
  };

  let chunk: TaskLine[] = [];
  for await (const { line, text } of readLines(options.file)) {
    if (stop.fatal) break;
    if (!text.trim()) continue;
    const parsed = parseTaskLine(line, text, options);
    if (isLineFailure(parsed)) {
      await fail(parsed);
      report();
      continue;
    }
    chunk.push(parsed);
    if (chunk.length >= options.chunkSize) {
      await submit(chunk);
      chunk = [];
    }
  }
  if (chunk.length && !stop.fatal) await submit(chunk);
  await Promise.all(inFlight);
  await failures.close();
  if (stop.fatal) throw stop.fatal;
  progress.finish();
  return { ...counts, elapsedMs: progress.elapsed() };
};

export const formatSummary = (summary: CreateSummary): string => {
  const done = summary.created + summary.duplicates + summary.failed;
  return [
    `created:    ${summary.created}`,
    `duplicates: ${summary.duplicates}`,
    `failed:     ${summary.failed}`,
    `elapsed:    ${formatDuration(summary.elapsedMs)} (${(summary.elapsedMs / 1000).toFixed(2)} s)`,
    `rate:       ${formatRate(done, summary.elapsedMs)} tasks/s`,
  ].join("\n");
};
