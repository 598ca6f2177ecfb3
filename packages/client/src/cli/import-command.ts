import { extname } from "node:path";

import { IMPORT_FORMATS } from "@taskforge/schema";
import type { ImportFormat, ImportJob } from "@taskforge/schema";
import { Option } from "commander";
import type { Command } from "commander";

import type { TaskforgeClient } from "../index";
import type { Connection } from "./config";
import { EXIT, UsageError } from "./errors";
import type { ExitCode } from "./errors";
import { importFile, ImportInterrupted } from "./import-file";
import { defaultStatePath } from "./import-state";
import { formatDuration, formatRate } from "./progress";
import type { ProgressStream } from "./progress";
import { restRequester, saveResponseBody } from "./rest";
import { withRetry } from "./retry";

type ImportFlags = {
  format?: ImportFormat;
  type?: string;
  state?: string;
  restart?: boolean;
  retries: number;
  errors?: string;
};

export type ImportCommandDeps = {
  connect: (command: Command) => { connection: Connection; client: TaskforgeClient };
  stdout: NodeJS.WritableStream;
  stderr: ProgressStream;
  setExit: (code: ExitCode) => void;
  integer: (min: number, max: number) => (value: string) => number;
};

const FORMAT_OF_EXTENSION: Record<string, ImportFormat> = {
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  ".csv": "csv",
};

const formatOf = (file: string, flag: ImportFormat | undefined): ImportFormat => {
  const format = flag ?? FORMAT_OF_EXTENSION[extname(file).toLowerCase()];
  if (!format) {
    throw new UsageError(
      `cannot tell the format of ${file} from its name: pass --format ${IMPORT_FORMATS.join("|")}`,
    );
  }
  return format;
};

const PRINTED_PROBLEMS = 20;

/** The job's counters, and this run's time and rate (a resumed run handled only the rest). */
export const formatImportSummary = (
  job: ImportJob,
  run: { elapsedMs: number; handled: number },
): string =>
  [
    `job:        ${job.id}`,
    `lines:      ${job.lines_read}`,
    `created:    ${job.created_count}`,
    `duplicates: ${job.duplicate_count}`,
    `failed:     ${job.failed_count}`,
    `resumed:    ${job.resume_count}`,
    `elapsed:    ${formatDuration(run.elapsedMs)} (${(run.elapsedMs / 1000).toFixed(2)} s)`,
    `rate:       ${formatRate(run.handled, run.elapsedMs)} tasks/s`,
  ].join("\n");

/** Saves the job's problem report (CSV: line, path, message) to `out`. */
const saveProblems = async (connection: Connection, jobId: string, out: string) => {
  const request = restRequester(connection);
  const response = await withRetry(
    () => request("GET", `/v1/imports/${encodeURIComponent(jobId)}/errors?format=csv`),
    { retries: 5 },
  );
  await saveResponseBody(response, out);
};

const printProblems = async (client: TaskforgeClient, job: ImportJob, stderr: ProgressStream) => {
  const page = await client.imports.errors.query({ id: job.id, limit: PRINTED_PROBLEMS });
  for (const problem of page.docs) {
    stderr.write(
      `line ${problem.line}: ${problem.path ? `${problem.path}: ` : ""}${problem.message}\n`,
    );
  }
  if (page.total > page.docs.length) {
    stderr.write(
      `… ${page.total - page.docs.length} more problems; --errors FILE saves them all\n`,
    );
  }
};

/** `taskforge import FILE`: a bulk import through `POST /v1/imports` that survives interruptions. */
export const addImportCommand = (program: Command, deps: ImportCommandDeps) =>
  program
    .command("import")
    .description(
      "import a JSONL or CSV file through POST /v1/imports, with a progress bar; an interrupted import resumes where it stopped",
    )
    .argument("<file>", "JSONL (one task per line) or CSV (one task per row, with a header)")
    .addOption(
      new Option("--format <format>", "file format (default: from the file's extension)").choices(
        IMPORT_FORMATS,
      ),
    )
    .option("--type <type>", "task type for lines that do not name one")
    .option(
      "--retries <n>",
      "automatic resumes after network errors, 5xx or a server restart",
      deps.integer(0, 100),
      10,
    )
    .option(
      "--state <path>",
      "where the unfinished import is remembered (default: <file>.taskforge-import.json)",
    )
    .option("--restart", "forget an unfinished import of this file and start a new one")
    .option("--errors <path>", "save every line's problems here as CSV (line, path, message)")
    .addHelpText(
      "after",
      `
The job is remembered in the state file from the first byte sent. If the import is interrupted
(network, server restart, Ctrl-C), run the same command again: it sends the rest of the file and
the server skips the lines it has stored, so every line is stored once. The state file is removed
when the import completes.

Example:
  taskforge import tasks.jsonl --type categorization --errors problems.csv`,
    )
    .action(async (file: string, options: ImportFlags, command: Command) => {
      const { connection, client } = deps.connect(command);
      const format = formatOf(file, options.format);
      const controller = new AbortController();
      const onInterrupt = () => controller.abort();
      process.once("SIGINT", onInterrupt);
      try {
        const outcome = await importFile({
          file,
          format,
          type: options.type,
          statePath: options.state ?? defaultStatePath(file),
          restart: Boolean(options.restart),
          retries: options.retries,
          connection,
          client,
          stderr: deps.stderr,
          signal: controller.signal,
        });
        const { job } = outcome;
        deps.stdout.write(`${formatImportSummary(job, outcome)}\n`);
        if (job.failed_count > 0) {
          if (options.errors) {
            await saveProblems(connection, job.id, options.errors);
            deps.stderr.write(`problems written to ${options.errors}\n`);
          } else {
            await printProblems(client, job, deps.stderr);
          }
        }
        deps.setExit(job.failed_count > 0 ? EXIT.failed : EXIT.ok);
      } catch (error) {
        if (!(error instanceof ImportInterrupted)) throw error;
        const stored = error.job ? `${error.job.stored_through_line} lines are stored. ` : "";
        deps.stderr.write(
          `import ${error.jobId} stopped: ${error.message}. ${stored}Run the same command again to resume it.\n`,
        );
        deps.setExit(controller.signal.aborted ? EXIT.interrupted : EXIT.failed);
      } finally {
        process.off("SIGINT", onInterrupt);
      }
    });
