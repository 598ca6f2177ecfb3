import { randomUUID } from "node:crypto";

import { IMPORT_STALE_AFTER_SECONDS } from "@taskforge/schema";
import type { StartImportInput } from "@taskforge/schema";

import { AppError, badRequest, conflict, notFound } from "../../errors";
import type { Scope } from "../../scope";
import { worldOf } from "../../scope";
import { storedLinesOf } from "./stored-lines";
import type { StoredLines } from "./stored-lines";

/** The job an upload writes to, and what it holds already. */
export type ClaimedUpload = {
  jobId: string;
  /** Names this upload on the job: chunks are stored only while the job still names it. */
  uploadId: string;
  stored: StoredLines;
  /** Bytes earlier uploads of the job delivered. */
  bytesBefore: bigint;
  defaultType: string | undefined;
};

const startJob = async (scope: Scope, input: StartImportInput): Promise<ClaimedUpload> => {
  const jobId = input.job_id ?? randomUUID();
  // A client-chosen id must be new. Ids are global, but a job of another organization (or of the
  // other world) is answered as not found, as every foreign object is: a conflict would confirm it.
  const existing = await scope.db.prisma.importJob.findUnique({
    where: { id: jobId },
    select: { organizationId: true, isTest: true },
  });
  if (existing) {
    const ours =
      existing.organizationId === scope.organizationId && existing.isTest === scope.isTest;
    if (!ours) {
      throw new AppError(
        "not_found",
        `job_id ${jobId}: no such import here, and the id cannot start a new one; choose a new UUID.`,
      );
    }
    throw conflict(
      `An import with job_id ${jobId} already exists; choose a new UUID, or add resume=true to continue it.`,
    );
  }
  const uploadId = randomUUID();
  await scope.db.prisma.importJob.create({
    data: {
      id: jobId,
      organizationId: scope.organizationId,
      isTest: scope.isTest,
      format: input.format,
      filename: input.filename ?? null,
      defaultType: input.type ?? null,
      uploadId,
    },
  });
  return {
    jobId,
    uploadId,
    stored: { throughLine: 0, spans: [] },
    bytesBefore: 0n,
    defaultType: input.type,
  };
};

/** Why a job could not be resumed, said as the client can act on it. */
const refusal = async (scope: Scope, jobId: string, input: StartImportInput) => {
  const job = await scope.db.prisma.importJob.findFirst({
    where: { id: jobId, ...worldOf(scope) },
    select: { status: true, format: true, storedThroughLine: true, updatedAt: true },
  });
  if (!job) return notFound("Import job");
  if (job.status === "completed") return conflict(`The import ${jobId} is completed already.`);
  if (job.format !== input.format) {
    return badRequest(`format: the import ${jobId} reads ${job.format}, not ${input.format}.`);
  }
  if (job.storedThroughLine < input.first_line - 1) {
    return badRequest(
      `first_line: the import ${jobId} has stored lines 1-${job.storedThroughLine} only; send the file from line ${job.storedThroughLine + 1} (or earlier: stored lines are skipped).`,
    );
  }
  return conflict(
    `The import ${jobId} is still running (last heard from at ${job.updatedAt.toISOString()}); an upload not heard from for ${IMPORT_STALE_AFTER_SECONDS} s may be resumed.`,
  );
};

/**
 * Takes over an interrupted job: one conditional update, so of two uploads resuming the same job
 * only one wins, and the upload it replaces can store no chunk after it (see `storeChunk`).
 */
const resumeJob = async (
  scope: Scope,
  jobId: string,
  input: StartImportInput,
): Promise<ClaimedUpload> => {
  const uploadId = randomUUID();
  const staleBefore = new Date(Date.now() - IMPORT_STALE_AFTER_SECONDS * 1000);
  const taken = await scope.db.prisma.importJob.updateMany({
    where: {
      id: jobId,
      ...worldOf(scope),
      format: input.format,
      storedThroughLine: { gte: input.first_line - 1 },
      OR: [{ status: "failed" }, { status: "running", updatedAt: { lt: staleBefore } }],
    },
    data: {
      uploadId,
      status: "running",
      error: null,
      finishedAt: null,
      resumeCount: { increment: 1 },
      updatedAt: new Date(),
    },
  });
  if (taken.count === 0) throw await refusal(scope, jobId, input);
  const job = await scope.db.prisma.importJob.findUniqueOrThrow({
    where: { id: jobId },
    select: { storedThroughLine: true, storedSpans: true, bytesRead: true, defaultType: true },
  });
  return {
    jobId,
    uploadId,
    stored: storedLinesOf(job),
    bytesBefore: job.bytesRead,
    defaultType: input.type ?? job.defaultType ?? undefined,
  };
};

/** The job a new upload writes to: a new one, or with `resume`, the interrupted `job_id`. */
export const claimUpload = (scope: Scope, input: StartImportInput): Promise<ClaimedUpload> =>
  input.resume && input.job_id !== undefined
    ? resumeJob(scope, input.job_id, input)
    : startJob(scope, input);
