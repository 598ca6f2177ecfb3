import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";

import {
  EXPORT_FORMAT_TASK_TYPE,
  exportCarriesMedia,
  ExportFormatSchema,
  ExportOptionsSchema,
} from "@taskforge/schema";
import type { CreateExportInput, ExportJob, ExportListResponse } from "@taskforge/schema";
import type { ExportJob as ExportJobRow } from "@taskforge/db";

import { AppError, badRequest, conflict, notFound } from "../../errors";
import { worldOf } from "../../scope";
import type { Scope } from "../../scope";
import { exportFileType } from "./formats";
import { wakeExportRunners } from "./wake";

/** `{reason: count}` as a list, the most frequent reason first. */
const skipReasonsOf = (stored: unknown) =>
  Object.entries(stored && typeof stored === "object" ? stored : {})
    .flatMap(([reason, count]) =>
      typeof count === "number" && count > 0 ? [{ reason, count }] : [],
    )
    .sort((a, b) => b.count - a.count);

export const toPublicExportJob = (row: ExportJobRow): ExportJob => {
  const format = ExportFormatSchema.parse(row.format);
  return {
    id: row.id,
    format,
    status: row.status,
    processed: row.processed,
    total: row.total,
    skipped: row.skipped,
    skip_reasons: skipReasonsOf(row.skipReasons),
    media: exportCarriesMedia(format) ? ExportOptionsSchema.parse(row.options).media : null,
    size_bytes: row.sizeBytes === null ? null : Number(row.sizeBytes),
    error: row.error,
    created_at: row.createdAt.toISOString(),
    finished_at: row.finishedAt?.toISOString() ?? null,
    download_path: row.status === "completed" ? `/v1/exports/${row.id}/download` : null,
  };
};

/**
 * Queues an export of the tasks matching `filters`. A format that reads one task type exports
 * only tasks of that type: a `type` filter naming another type is refused, no `type` filter means
 * that type.
 */
export const createExportJob = async (
  scope: Scope,
  input: CreateExportInput,
): Promise<ExportJob> => {
  const required = EXPORT_FORMAT_TASK_TYPE[input.format];
  if (required && input.filters.type !== undefined && input.filters.type !== required) {
    throw badRequest(
      `The ${input.format} format exports ${required} tasks; the type filter is ${input.filters.type}.`,
      [
        {
          path: ["filters", "type"],
          message: `must be ${required} (or unset) for ${input.format}`,
        },
      ],
    );
  }
  const row = await scope.db.prisma.exportJob.create({
    data: {
      ...worldOf(scope),
      format: input.format,
      // Dates become ISO strings; ExportFiltersSchema reads them back when the job runs.
      filters: JSON.parse(JSON.stringify(input.filters)) as object,
      options: {
        media: input.media,
        ...(input.base_url ? { base_url: input.base_url } : {}),
      },
    },
  });
  wakeExportRunners();
  return toPublicExportJob(row);
};

const findJob = async (scope: Scope, id: string) => {
  const row = await scope.db.prisma.exportJob.findFirst({ where: { id, ...worldOf(scope) } });
  if (!row) throw notFound("Export");
  return row;
};

export const getExportJob = async (scope: Scope, id: string): Promise<ExportJob> =>
  toPublicExportJob(await findJob(scope, id));

export const listExportJobs = async (
  scope: Scope,
  input: { limit: number },
): Promise<ExportListResponse> => {
  const rows = await scope.db.prisma.exportJob.findMany({
    where: worldOf(scope),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit,
  });
  return { docs: rows.map(toPublicExportJob) };
};

/**
 * The finished file as a streamed download response (REST and the dashboard share it): 409 until
 * the export has completed.
 */
export const exportDownloadResponse = async (scope: Scope, id: string): Promise<Response> => {
  const row = await findJob(scope, id);
  if (row.status !== "completed" || !row.filePath) {
    throw conflict(
      row.status === "failed"
        ? `Export ${id} failed: ${row.error ?? "unknown error"}.`
        : `Export ${id} is ${row.status}; download it once its status is completed.`,
    );
  }
  const spec = exportFileType(
    ExportFormatSchema.parse(row.format),
    ExportOptionsSchema.parse(row.options),
  );
  const size = await stat(row.filePath).then(
    (info) => info.size,
    () => {
      throw new AppError("not_found", `The file of export ${id} is no longer on the server.`);
    },
  );
  const day = row.createdAt.toISOString().slice(0, 10);
  const filename = `taskforge-${row.format}-${day}-${row.id.slice(-8)}.${spec.extension}`;
  const body = Readable.toWeb(createReadStream(row.filePath)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "content-type": spec.contentType,
      "content-length": String(size),
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "private, no-store",
    },
  });
};
