"use client";

import { EXPORT_FORMAT_LABELS } from "@taskforge/schema";
import type { ExportJob, ExportListResponse } from "@taskforge/schema";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";

import {
  Alert,
  EmptyState,
  ProgressBar,
  StatusBadge,
  Table,
  Td,
  Th,
  buttonClass,
} from "~/components/ui";
import { describeError, useTRPC } from "~/trpc/client";

const POLL_MS = 2000;

const sizeOf = (bytes: number | null) => {
  if (bytes === null) return "";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
};

const Progress = ({ job }: { job: ExportJob }) => {
  const counts = `${job.processed.toLocaleString("en-US")}${job.total === null ? "" : ` of ${job.total.toLocaleString("en-US")}`} tasks`;
  if (job.status === "completed") {
    return (
      <div className="text-sm text-slate-700">
        {counts}
        {job.skipped ? ` · ${job.skipped.toLocaleString("en-US")} left out` : ""}
        {job.skip_reasons.length ? (
          <ul className="text-xs text-slate-600" aria-label="Why tasks were left out">
            {job.skip_reasons.map(({ reason, count }) => (
              <li key={reason}>
                {count.toLocaleString("en-US")} × {reason}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  }
  if (job.status === "failed") return <span className="text-sm text-red-700">{job.error}</span>;
  const fraction = job.total ? job.processed / job.total : 0;
  return (
    <div className="min-w-40">
      <ProgressBar value={fraction} label={`Export ${job.id} progress`} />
      <span className="text-xs text-slate-600">
        {job.status === "queued" ? "Waiting to start" : counts}
      </span>
    </div>
  );
};

/** The export jobs, polled while any is still queued or running. */
export const ExportsList = ({ initial }: { initial: ExportListResponse }) => {
  const list = useQuery(
    useTRPC().exports.list.queryOptions(
      { limit: 50 },
      {
        initialData: initial,
        refetchInterval: (query) =>
          query.state.data?.docs.some((job) => job.status === "queued" || job.status === "running")
            ? POLL_MS
            : false,
      },
    ),
  );
  const jobs = list.data.docs;
  if (!jobs.length) {
    return (
      <EmptyState title="No exports yet">
        Filter the <Link href="/tasks">tasks</Link> and choose “Export all matching…”.
      </EmptyState>
    );
  }
  return (
    <section aria-label="Exports">
      {list.error ? (
        <Alert tone="error">
          The list could not be refreshed: {describeError(list.error).message}
        </Alert>
      ) : null}
      <Table>
        <thead>
          <tr>
            <Th>Created</Th>
            <Th>Format</Th>
            <Th>Status</Th>
            <Th>Progress</Th>
            <Th>File</Th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.id} data-testid="export-row">
              <Td>
                <time dateTime={job.created_at} className="whitespace-nowrap">
                  {new Date(job.created_at).toLocaleString("en-US")}
                </time>
              </Td>
              <Td>{EXPORT_FORMAT_LABELS[job.format]}</Td>
              <Td>
                <StatusBadge status={job.status} />
              </Td>
              <Td>
                <Progress job={job} />
              </Td>
              <Td>
                {job.status === "completed" ? (
                  <a
                    href={`/api/exports/${job.id}/download`}
                    className={buttonClass("secondary", "sm")}
                    download
                  >
                    Download{" "}
                    <span className="sr-only">{EXPORT_FORMAT_LABELS[job.format]} export</span>
                    <span className="ml-1 text-xs text-slate-500">{sizeOf(job.size_bytes)}</span>
                  </a>
                ) : null}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
};
