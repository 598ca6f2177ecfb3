"use client";

import { useRef, useState } from "react";

import { Alert, Button, Card, ProgressBar, SelectField, Table, Td, Th } from "~/components/ui";
import { describeError, trpc } from "~/trpc/client";

import { errorReportCsv, serverErrorRows } from "./bulk-rows";
import type { RowError } from "./bulk-rows";
import { countRows, formatOf, readRows } from "./bulk-source";
import type { FileFormat } from "./bulk-source";

/** Rows per `tasks.createMany` call (its limit is 1,000; smaller calls show progress sooner). */
const CHUNK = 500;
/** Errors kept for the table and the download; past this only the count grows. */
const MAX_KEPT_ERRORS = 10_000;
const SHOWN_ERRORS = 200;

type Progress = {
  total: number;
  processed: number;
  created: number;
  failed: number;
  startedAt: number;
  done: boolean;
};

/**
 * Creates many tasks from a JSONL or CSV file: streamed and checked in the browser, sent in chunks
 * through `tasks.createMany`, with progress, a per-row error report and a summary.
 */
export const BulkUpload = ({ defaultType }: { defaultType: string }) => {
  const input = useRef<HTMLInputElement>(null);
  const [format, setFormat] = useState<"auto" | FileFormat>("auto");
  const [progress, setProgress] = useState<Progress | null>(null);
  const [errors, setErrors] = useState<RowError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  const upload = async (file: File) => {
    const fileFormat = format === "auto" ? formatOf(file.name) : format;
    const kept: RowError[] = [];
    const keep = (rows: RowError[]) => {
      for (const row of rows) if (kept.length < MAX_KEPT_ERRORS) kept.push(row);
    };
    const state: Progress = {
      total: await countRows(file, fileFormat),
      processed: 0,
      created: 0,
      failed: 0,
      startedAt: Date.now(),
      done: false,
    };
    setProgress({ ...state });
    let chunk: { line: number; task: Record<string, unknown> }[] = [];
    const send = async () => {
      if (chunk.length === 0) return;
      const sending = chunk;
      chunk = [];
      const result = await trpc.tasks.createMany.mutate({ tasks: sending.map((r) => r.task) });
      for (const item of result.results) {
        if (!item.ok) keep(serverErrorRows(sending[item.index]?.line ?? 0, item.error));
      }
      state.created += result.created;
      state.failed += result.failed;
      state.processed += sending.length;
      setProgress({ ...state });
      setErrors([...kept]);
    };
    for await (const row of readRows(file, fileFormat, defaultType)) {
      if (row.ok) {
        chunk.push({ line: row.line, task: row.task });
        if (chunk.length >= CHUNK) await send();
      } else {
        // Rows the browser already knows are wrong are reported without being sent.
        keep(row.errors);
        state.failed += 1;
        state.processed += 1;
      }
    }
    await send();
    state.done = true;
    setProgress({ ...state });
    setErrors([...kept]);
  };

  const seconds = progress ? Math.max(0.001, (Date.now() - progress.startedAt) / 1000) : 1;
  const rate = progress ? Math.round(progress.processed / seconds) : 0;
  // Built on demand: the report can hold thousands of rows.
  const download = () => {
    const url = URL.createObjectURL(new Blob([errorReportCsv(errors)], { type: "text/csv" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "task-upload-errors.csv";
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <Card title="Many tasks from a file">
      <div className="space-y-4">
        <p className="text-sm text-slate-700">
          <strong>JSONL</strong>: one task per line, as <code>tasks.create</code> takes it (
          <code>{'{"type", "params", "instruction", ...}'}</code>). <strong>CSV</strong>: one task
          per row; columns are top-level fields, <code>params</code> and <code>metadata</code> cells
          hold JSON, and <code>params.&lt;key&gt;</code> columns set single params. Rows without a{" "}
          <code>type</code> use the type chosen above.
        </p>
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
            setErrors([]);
            setProgress(null);
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
        {progress ? (
          <div className="space-y-2" aria-live="polite">
            <ProgressBar
              value={
                progress.total > 0 ? progress.processed / progress.total : progress.done ? 1 : 0
              }
              label="Rows processed"
            />
            <p className="text-sm text-slate-700">
              {progress.processed} of {progress.total} rows processed · {rate} rows/s
            </p>
            {progress.done ? (
              <Alert tone={progress.failed > 0 ? "warning" : "success"}>
                Created {progress.created} task{progress.created === 1 ? "" : "s"}, failed{" "}
                {progress.failed}.
              </Alert>
            ) : null}
          </div>
        ) : null}
        {errors.length > 0 ? (
          <div className="space-y-2">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="text-sm font-semibold text-slate-900">
                Error report ({errors.length} problem{errors.length === 1 ? "" : "s"})
              </h3>
              <Button variant="secondary" size="sm" onClick={download}>
                Download the error report (CSV)
              </Button>
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
                {errors.slice(0, SHOWN_ERRORS).map((error, index) => (
                  <tr key={index}>
                    <Td className="tabular-nums">{error.line}</Td>
                    <Td className="font-mono text-xs">{error.path || "(row)"}</Td>
                    <Td>{error.message}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            {errors.length > SHOWN_ERRORS ? (
              <p className="text-xs text-slate-600">
                Showing the first {SHOWN_ERRORS}; the download has them all.
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
    </Card>
  );
};
