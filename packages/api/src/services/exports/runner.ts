import { rename, rm, stat } from "node:fs/promises";
import { join, resolve } from "node:path";

import {
  EXPORT_FORMAT_TASK_TYPE,
  exportCarriesMedia,
  ExportFiltersSchema,
  ExportFormatSchema,
  ExportOptionsSchema,
} from "@taskforge/schema";
import type { TaskListQuery } from "@taskforge/schema";
import type { Database } from "@taskforge/db";

import { logger } from "../../logger";
import { SYSTEM_ROLES } from "../../scope";
import type { Scope } from "../../scope";
import { listTasks } from "../tasks/list-tasks";
import { exportFileType, exportFormats } from "./formats";
import type { SkipNote } from "./formats";
import { prepareImages } from "./media";
import { claimExportJob, completeExport, failExport, recordProgress, releaseExport } from "./store";
import type { ClaimedExport } from "./store";
import { onExportQueued } from "./wake";
import { createWakeablePause } from "../../wakeable-pause";

export type ExportRunnerOptions = {
  /** Files go to `<dir>/<organization id>/<job id>.<ext>`. */
  exportsDir: string;
  /** Tasks read per list page (default 500). */
  pageSize?: number;
  /** How long a claim lasts without progress before another runner takes the job (default 60 s). */
  leaseMs?: number;
  /** How often to look for queued jobs (default 1 s). */
  pollIntervalMs?: number;
  /** Called after every list page (tests count pages). */
  onPage?: (jobId: string, tasks: number) => void;
};

type Resolved = Required<Omit<ExportRunnerOptions, "onPage">> & Pick<ExportRunnerOptions, "onPage">;

const resolveOptions = (options: ExportRunnerOptions): Resolved => ({
  pageSize: 500,
  leaseMs: 60_000,
  pollIntervalMs: 1000,
  ...options,
  exportsDir: resolve(options.exportsDir),
});

/** The exports directory: TASKFORGE_EXPORTS_DIR, else `exports` in TASKFORGE_DATA_DIR. */
export const exportsDirOf = (settings: {
  TASKFORGE_EXPORTS_DIR?: string | undefined;
  TASKFORGE_DATA_DIR?: string | undefined;
}): string =>
  resolve(
    settings.TASKFORGE_EXPORTS_DIR || join(settings.TASKFORGE_DATA_DIR || "./.data", "exports"),
  );

/** Keeps the first notes for the archive's `skipped.txt`; the count is kept in full. */
const MAX_SKIP_NOTES = 1000;

const countOf = (reasons: Record<string, number>) =>
  Object.values(reasons).reduce((sum, count) => sum + count, 0);

class LeaseLost extends Error {}
class Stopping extends Error {}

/**
 * Runs one claimed job to the end: pages through the task list (the same query as
 * `GET /v1/tasks`, keyset paging), writes each task as it comes, records progress and extends the
 * lease after every page, and moves the finished file into place. A half-written file is only ever
 * `<name>.partial`.
 */
export const runExportJob = async (
  db: Database,
  job: ClaimedExport,
  options: ExportRunnerOptions,
  shouldStop: () => boolean = () => false,
): Promise<"completed" | "failed" | "lost" | "released"> => {
  const config = resolveOptions(options);
  const format = ExportFormatSchema.parse(job.format);
  const spec = exportFormats[format];
  const exportOptions = ExportOptionsSchema.parse(job.options);
  const { extension } = exportFileType(format, exportOptions);
  const path = join(config.exportsDir, job.organization_id, `${job.id}.${extension}`);
  // The claim token in the name: a runner that lost its lease never writes over the new one's file.
  const partial = `${path}.${job.lease_token.slice(0, 8)}.partial`;
  const scope: Scope = {
    db,
    organizationId: job.organization_id,
    isTest: job.is_test,
    actor: "export",
    roles: SYSTEM_ROLES,
  };
  let writer: Awaited<ReturnType<typeof spec.open>> | null = null;
  try {
    const filters = ExportFiltersSchema.parse(job.filters);
    const required = EXPORT_FORMAT_TASK_TYPE[format];
    const query: TaskListQuery = {
      ...filters,
      ...(required ? { type: required } : {}),
      // JSONL's `include_attachment_url` links point where the export was asked from.
      ...(exportOptions.base_url ? { base_url: exportOptions.base_url } : {}),
      limit: config.pageSize,
      offset: 0,
    };
    writer = await spec.open(partial, { media: exportOptions.media });
    const skipped: SkipNote[] = [];
    const skipReasons: Record<string, number> = {};
    const skip = (taskId: string, reason: string, detail = reason) => {
      skipReasons[reason] = (skipReasons[reason] ?? 0) + 1;
      if (skipped.length < MAX_SKIP_NOTES) skipped.push({ taskId, reason: detail });
    };
    let processed = 0;
    let total: number | null = null;
    // A page's image sizes are read (bounded concurrency) while the previous page is written.
    type ReadPage = {
      page: Awaited<ReturnType<typeof listTasks>>;
      images: Awaited<ReturnType<typeof prepareImages>> | null;
    };
    const readPage = async (nextToken: string | undefined): Promise<ReadPage> => {
      const page = await listTasks(scope, { ...query, next_token: nextToken });
      const images = exportCarriesMedia(format)
        ? await prepareImages(scope, page.docs, exportOptions)
        : null;
      return { page, images };
    };
    let ahead: Promise<ReadPage> | null = readPage(undefined);
    while (ahead) {
      if (shouldStop()) throw new Stopping();
      const { page, images }: ReadPage = await ahead;
      ahead = page.has_more && page.next_token ? readPage(page.next_token) : null;
      // Awaited on the next turn; if this turn fails first, its failure must not go unhandled.
      ahead?.catch(() => undefined);
      const pageTotal: number = (total ??= page.total);
      for (const task of page.docs) {
        processed += 1;
        const image = images?.get(task.task_id);
        if (image && "skip" in image) {
          skip(task.task_id, image.skip, `${image.skip}: ${image.detail}`);
          continue;
        }
        const reason = await writer.write(task, image);
        if (reason !== null) skip(task.task_id, reason);
      }
      config.onPage?.(job.id, page.docs.length);
      const counts = { processed, skipped: countOf(skipReasons), skipReasons };
      const progress = { ...counts, total: Math.max(pageTotal, processed) };
      if (!(await recordProgress(db.sql, job, progress, config.leaseMs))) throw new LeaseLost();
    }
    await writer.finish(skipped);
    writer = null;
    await rename(partial, path);
    const { size } = await stat(path);
    const done = await completeExport(db.sql, job, {
      processed,
      skipped: countOf(skipReasons),
      skipReasons,
      total: Math.max(total ?? 0, processed),
      sizeBytes: size,
      path,
    });
    return done ? "completed" : "lost";
  } catch (error) {
    writer?.destroy();
    await rm(partial, { force: true }).catch(() => undefined);
    if (error instanceof LeaseLost) {
      logger.warn({ exportId: job.id }, "export lease lost; another runner has taken it over");
      return "lost";
    }
    if (error instanceof Stopping) {
      await releaseExport(db.sql, job);
      return "released";
    }
    const message = error instanceof Error ? error.message : String(error);
    logger.error({ err: error, exportId: job.id }, "export failed");
    await failExport(db.sql, job, message);
    return "failed";
  }
};

export type ExportRunner = {
  /** Finishes or hands back the job in progress, then stops. */
  stop(): Promise<void>;
  wake(): void;
};

/**
 * One export at a time per runner, claimed from the database: runners in the web process and in
 * `pnpm worker` processes share the queue. A job whose runner died is taken over once its lease
 * (extended after every page) runs out.
 */
export const startExportRunner = (db: Database, options: ExportRunnerOptions): ExportRunner => {
  const config = resolveOptions(options);
  let stopping = false;
  const idle = createWakeablePause();
  const unsubscribe = onExportQueued(idle.wake);

  const loop = async () => {
    while (!stopping) {
      idle.clearWake();
      let job: ClaimedExport | null = null;
      try {
        job = await claimExportJob(db.sql, config.leaseMs);
      } catch (error) {
        if (stopping) break;
        logger.error({ err: error }, "claiming an export failed; retrying");
      }
      if (job) {
        await runExportJob(db, job, config, () => stopping);
        continue;
      }
      await idle.pause(config.pollIntervalMs);
    }
  };
  const running = loop();
  return {
    wake: idle.wake,
    stop: async () => {
      stopping = true;
      unsubscribe();
      idle.stop();
      await running;
    },
  };
};
