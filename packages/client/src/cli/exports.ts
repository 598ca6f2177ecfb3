import { ExportJobSchema } from "@taskforge/schema";
import type { ExportFormat, ExportJob, ExportMedia } from "@taskforge/schema";

import type { Connection } from "./config";
import type { TaskFilters } from "./list-tasks";
import { Progress } from "./progress";
import type { ProgressStream } from "./progress";
import { restRequester, saveResponseBody } from "./rest";
import { withRetry } from "./retry";

// The `exports` procedures are not in this package's router type yet, so the CLI speaks the REST
// endpoints (`/v1/exports`); their body is the export job of the shared schema.

export type ExportsApi = ReturnType<typeof exportsApi>;

/** `exports.create` / `exports.get` and the download, over REST. GETs are retried; the POST is not. */
export const exportsApi = (connection: Connection, options: { retries?: number } = {}) => {
  const retries = options.retries ?? 5;
  const request = restRequester(connection);
  const job = async (response: Response) => ExportJobSchema.parse(await response.json());
  return {
    create: async (input: { format: ExportFormat; media?: ExportMedia; filters: TaskFilters }) =>
      job(
        await request("POST", "/v1/exports", {
          format: input.format,
          ...(input.media ? { media: input.media } : {}),
          ...input.filters,
        }),
      ),
    get: async (id: string) =>
      withRetry(async () => job(await request("GET", `/v1/exports/${encodeURIComponent(id)}`)), {
        retries,
      }),
    download: async (job: ExportJob) =>
      withRetry(
        () =>
          request("GET", job.download_path ?? `/v1/exports/${encodeURIComponent(job.id)}/download`),
        { retries },
      ),
  };
};

export type WaitOptions = {
  pollIntervalMs: number;
  stderr: ProgressStream;
  sleep?: (ms: number) => Promise<void>;
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls the job until it completes or fails, drawing its progress on stderr. */
export const waitForExport = async (
  api: Pick<ExportsApi, "get">,
  first: ExportJob,
  options: WaitOptions,
): Promise<ExportJob> => {
  const sleep = options.sleep ?? defaultSleep;
  const progress = new Progress({ stream: options.stderr, total: first.total, unit: "tasks" });
  let job = first;
  while (job.status === "queued" || job.status === "running") {
    progress.setTotal(job.total);
    progress.update(job.processed);
    await sleep(options.pollIntervalMs);
    job = await api.get(job.id);
  }
  progress.setTotal(job.total);
  progress.update(job.processed);
  progress.finish();
  return job;
};

/** How many tasks the export left out, and why, for stderr. */
export const describeSkipped = (job: ExportJob): string =>
  [
    `export ${job.id}: ${job.skipped} of ${job.processed} tasks left out${job.skipped === job.processed ? " (all of them)" : ""}`,
    ...job.skip_reasons.map(({ reason, count }) => `  ${count} × ${reason}`),
    "",
  ].join("\n");

/** Streams the finished export to `out` (never a truncated file under that name). */
export const downloadExport = async (
  api: Pick<ExportsApi, "download">,
  job: ExportJob,
  out: string,
): Promise<number> => saveResponseBody(await api.download(job), out);
