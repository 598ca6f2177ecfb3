"use client";

import type { ImportError, ImportJob } from "@taskforge/schema";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";

import {
  Alert,
  Button,
  buttonClass,
  Card,
  ProgressBar,
  SelectField,
  Table,
  Td,
  Th,
} from "~/components/ui";
import { describeError, useTRPC } from "~/trpc/client";

import { ImportTemplates } from "../../projects/[name]/import-templates";

type FileFormat = "jsonl" | "csv";

const formatOf = (fileName: string): FileFormat => (/\.csv$/i.test(fileName) ? "csv" : "jsonl");

/** Problems shown in the table; the downloadable report has them all. */
const SHOWN_ERRORS = 200;
const POLL_MS = 500;

const processedOf = (job: ImportJob) => job.created_count + job.duplicate_count + job.failed_count;
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
const size = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Streams the file to the import route; the job id is ours, so progress can be polled meanwhile. */
const startUpload = async (file: File, format: FileFormat, type: string, jobId: string) => {
  const query = new URLSearchParams({ format, type, filename: file.name, job_id: jobId });
  const response = await fetch(`/api/imports?${query.toString()}`, {
    method: "POST",
    headers: { "content-type": format === "csv" ? "text/csv" : "application/x-ndjson" },
    body: file,
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    throw new Error(body.error ?? `The upload failed (${response.status}).`);
  }
  return (await response.json()) as ImportJob;
};

/**
 * Creates many tasks from a JSONL or CSV file: the browser streams the file to the server's bulk
 * import (the same service as `POST /v1/imports`), which stores it in chunks of 1,000 lines while
 * this page polls the job for progress, then shows the summary and the per-line error report.
 */
export const BulkUpload = ({ defaultType }: { defaultType: string }) => {
  const input = useRef<HTMLInputElement>(null);
  const [format, setFormat] = useState<"auto" | FileFormat>("auto");
  // The job as last read, with when it was read (its rate is measured up to then).
  const [read, setRead] = useState<{ job: ImportJob; at: number } | null>(null);
  const job = read?.job ?? null;
  const setJob = (next: ImportJob) => setRead({ job: next, at: Date.now() });
  const [fileSize, setFileSize] = useState(0);
  const [done, setDone] = useState(false);
  const [errors, setErrors] = useState<{ docs: ImportError[]; total: number } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Read fresh each time (the job moves on between two reads), through the shared query cache.
  const fresh = { staleTime: 0, retry: false } as const;
  const readJob = (id: string) =>
    queryClient.fetchQuery(trpc.imports.get.queryOptions({ id }, fresh));

  const upload = async (file: File) => {
    const jobId = crypto.randomUUID();
    setFileSize(file.size);
    const fetchErrors = async () => {
      setErrors(
        await queryClient.fetchQuery(
          trpc.imports.errors.queryOptions({ id: jobId, limit: SHOWN_ERRORS, offset: 0 }, fresh),
        ),
      );
    };
    let finished = false;
    const poll = async () => {
      while (!finished) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        if (finished) return;
        // Not found until the server has opened the job: keep polling.
        const current = await readJob(jobId).catch(() => null);
        if (current && !finished) setJob(current);
      }
    };
    const polling = poll();
    try {
      const final = await startUpload(
        file,
        format === "auto" ? formatOf(file.name) : format,
        defaultType,
        jobId,
      );
      finished = true;
      setJob(final);
      setDone(true);
      if (final.failed_count > 0) await fetchErrors();
    } catch (error) {
      finished = true;
      // The job records what was stored before the failure; show it with the message.
      const current = await readJob(jobId).catch(() => null);
      if (current) {
        setJob(current);
        if (current.failed_count > 0) await fetchErrors();
      }
      throw error;
    } finally {
      await polling;
    }
  };

  const processed = job ? processedOf(job) : 0;
  const seconds = read
    ? Math.max(
        0.001,
        ((read.job.finished_at ? Date.parse(read.job.finished_at) : read.at) -
          Date.parse(read.job.created_at)) /
          1000,
      )
    : 1;
  const rate = Math.round(processed / seconds);
  const fraction = done ? 1 : job && fileSize > 0 ? Math.min(1, job.bytes_read / fileSize) : 0;

  return (
    <Card title="Many tasks from a file">
      <div className="space-y-4">
        <p className="text-sm text-slate-700">
          <strong>JSONL</strong>: one task per line, as <code>tasks.create</code> takes it (
          <code>{'{"type", "params", "instruction", ...}'}</code>) or as Scale&apos;s flat{" "}
          <code>POST /v1/task/&#123;type&#125;</code> body. <strong>CSV</strong>: one task per row;
          columns are top-level fields, <code>params</code> and <code>metadata</code> cells hold
          JSON, and <code>params.&lt;key&gt;</code> columns set single params. Rows without a{" "}
          <code>type</code> use the type chosen above. Lines whose <code>unique_id</code> already
          exists are skipped, so uploading a file again completes it without duplicates. CSV columns
          may also be the params&apos; own names (<code>attachment</code>, <code>categories</code>
          ...), lists written <code>a|b</code>, <code>a,b</code> or as JSON.
        </p>
        <ImportTemplates type={defaultType} />
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            const file = input.current?.files?.[0];
            if (!file) {
              setFailure("Choose a file first.");
              return;
            }
            setRunning(true);
            setFailure(null);
            setErrors(null);
            setRead(null);
            setDone(false);
            void upload(file)
              .catch((caught: unknown) => setFailure(describeError(caught).message))
              .finally(() => setRunning(false));
          }}
        >
          <div className="space-y-1">
            <label htmlFor="bulk-file" className="block text-sm font-medium text-slate-800">
              Task file (JSONL or CSV)
            </label>
            <input
              id="bulk-file"
              ref={input}
              type="file"
              accept=".jsonl,.ndjson,.json,.csv,application/x-ndjson,text/csv"
              className="block text-sm text-slate-800 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm focus:outline-2 focus:outline-brand-600/40"
            />
          </div>
          <div className="w-40">
            <SelectField
              label="Format"
              value={format}
              onChange={(event) => setFormat(event.target.value as "auto" | FileFormat)}
            >
              <option value="auto">From the file name</option>
              <option value="jsonl">JSONL</option>
              <option value="csv">CSV</option>
            </SelectField>
          </div>
          <Button type="submit" disabled={running}>
            {running ? "Uploading…" : "Upload and create"}
          </Button>
        </form>
        {failure ? <Alert tone="error">{failure}</Alert> : null}
        {job || running ? (
          <div className="space-y-2" aria-live="polite">
            <ProgressBar value={fraction} label="Import progress" />
            <p className="text-sm text-slate-700">
              {plural(processed, "row")} processed · {rate} rows/s
              {job ? ` · ${size(job.bytes_read)} of ${size(fileSize)} read` : ""}
            </p>
            {done && job ? (
              <Alert tone={job.failed_count > 0 ? "warning" : "success"}>
                Created {plural(job.created_count, "task")}, skipped {job.duplicate_count} duplicate
                {job.duplicate_count === 1 ? "" : "s"}, failed {job.failed_count}.
              </Alert>
            ) : null}
          </div>
        ) : null}
        {job && errors && errors.total > 0 ? (
          <div className="space-y-2">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="text-sm font-semibold text-slate-900">
                Error report ({plural(errors.total, "problem")})
              </h3>
              <a
                className={buttonClass("secondary", "sm")}
                href={`/api/imports/${job.id}/errors`}
                download
              >
                Download the error report (CSV)
              </a>
            </div>
            <Table caption="Rows that were not created">
              <thead>
                <tr>
                  <Th>Line</Th>
                  <Th>Field</Th>
                  <Th>Problem</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {errors.docs.map((error, index) => (
                  <tr key={index}>
                    <Td className="tabular-nums">{error.line}</Td>
                    <Td className="font-mono text-xs">{error.path || "(row)"}</Td>
                    <Td>{error.message}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            {errors.total > errors.docs.length ? (
              <p className="text-xs text-slate-600">
                Showing the first {errors.docs.length}; the download has them all.
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
    </Card>
  );
};
