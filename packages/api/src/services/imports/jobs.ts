import { csvField } from "@taskforge/schema";
import type { ImportErrorsPage, ImportFormat, ImportJob, ImportStatus } from "@taskforge/schema";

import { notFound } from "../../errors";
import type { Scope } from "../../scope";
import { worldOf } from "../../scope";

type ImportJobRow = {
  id: string;
  isTest: boolean;
  format: string;
  filename: string | null;
  defaultType: string | null;
  status: string;
  linesRead: number;
  createdCount: number;
  duplicateCount: number;
  failedCount: number;
  bytesRead: bigint;
  storedThroughLine: number;
  resumeCount: number;
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
};

/** The one mapper from a stored job to its public object. */
export const toPublicImportJob = (row: ImportJobRow): ImportJob => ({
  id: row.id,
  format: row.format as ImportFormat,
  filename: row.filename,
  default_type: row.defaultType,
  status: row.status as ImportStatus,
  lines_read: row.linesRead,
  created_count: row.createdCount,
  duplicate_count: row.duplicateCount,
  failed_count: row.failedCount,
  bytes_read: Number(row.bytesRead),
  stored_through_line: row.storedThroughLine,
  resume_count: row.resumeCount,
  error: row.error,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
  finished_at: row.finishedAt?.toISOString() ?? null,
  is_test: row.isTest,
});

const importNotFound = () => notFound("Import job");

/** The caller's job; another organization's (or world's) is not found. */
export const getImportJob = async (scope: Scope, id: string): Promise<ImportJob> => {
  const row = await scope.db.prisma.importJob.findFirst({ where: { id, ...worldOf(scope) } });
  if (!row) throw importNotFound();
  return toPublicImportJob(row);
};

/** The caller's most recent jobs, newest first. */
export const listImportJobs = async (scope: Scope, limit: number): Promise<ImportJob[]> => {
  const rows = await scope.db.prisma.importJob.findMany({
    where: worldOf(scope),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.map(toPublicImportJob);
};

/** A page of a job's per-line problems, in line order. */
export const listImportErrors = async (
  scope: Scope,
  input: { id: string; limit: number; offset: number },
): Promise<ImportErrorsPage> => {
  await getImportJob(scope, input.id);
  const where = { jobId: input.id };
  const [rows, total] = await Promise.all([
    scope.db.prisma.importJobError.findMany({
      where,
      orderBy: [{ line: "asc" }, { id: "asc" }],
      skip: input.offset,
      take: input.limit,
      select: { line: true, path: true, message: true },
    }),
    scope.db.prisma.importJobError.count({ where }),
  ]);
  return { docs: rows, total };
};

const REPORT_PAGE = 1000;

/**
 * Every problem of a job as a CSV file (line, path, message), read a page at a time (keyset on
 * line and id) so a report of any size streams out in constant memory.
 */
export const importErrorReport = async (scope: Scope, id: string): Promise<Response> => {
  await getImportJob(scope, id);
  const encoder = new TextEncoder();
  let after: { line: number; id: bigint } | null = null;
  let headerSent = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode("line,path,message\r\n"));
        return;
      }
      const rows: { id: bigint; line: number; path: string; message: string }[] =
        await scope.db.prisma.importJobError.findMany({
          where: {
            jobId: id,
            ...(after
              ? {
                  OR: [{ line: { gt: after.line } }, { line: after.line, id: { gt: after.id } }],
                }
              : {}),
          },
          orderBy: [{ line: "asc" }, { id: "asc" }],
          take: REPORT_PAGE,
        });
      const last = rows.at(-1);
      if (!last) {
        controller.close();
        return;
      }
      after = { line: last.line, id: last.id };
      const csv = rows
        .map((row) => `${row.line},${csvField(row.path)},${csvField(row.message)}\r\n`)
        .join("");
      controller.enqueue(encoder.encode(csv));
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="import-${id}-errors.csv"`,
    },
  });
};
