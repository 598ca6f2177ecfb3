import { CommanderError, InvalidArgumentError, Option } from "commander";
import { Command } from "commander";
import {
  CUSTOMER_REVIEW_STATUSES,
  EXPORT_FORMATS,
  EXPORT_MEDIA,
  TASK_STATUSES,
} from "@taskforge/schema";
import type { ExportFormat, ExportJob, ExportMedia } from "@taskforge/schema";

import { apiErrorOf } from "../index";
import { verifyCallback } from "./callbacks";
import { clientFor, cliEnv, resolveConnection } from "./config";
import type { ConnectionOptions } from "./config";
import {
  createTasksFromFile,
  FatalCreateError,
  formatSummary,
  MAX_CHUNK_SIZE,
} from "./create-tasks";
import { EXIT, UsageError } from "./errors";
import { addImportCommand } from "./import-command";
import type { ExitCode } from "./errors";
import { describeSkipped, downloadExport, exportsApi, waitForExport } from "./exports";
import { filtersFromFlags, formatTable, listTasks, tableRow } from "./list-tasks";
import { ApiRequestError } from "./rest";
import type { TaskFilterFlags } from "./list-tasks";
import { retryVerdict, transientAwareFetch, withRetry } from "./retry";
import { countTaskLines } from "./task-lines";

export type Io = {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
};

const integer = (min: number, max: number) => (value: string) => {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) {
    throw new InvalidArgumentError(`must be an integer from ${min} to ${max}.`);
  }
  return number;
};

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The task list filters, shared by `tasks list` and `export`. */
const addFilterOptions = (command: Command) =>
  command
    .addOption(new Option("--status <status>", "task status").choices(TASK_STATUSES))
    .option("--type <type>", "task type, e.g. imageannotation")
    .option("--project <name>", "project name")
    .option("--batch <name>", "batch name")
    .option("--tag <tag>", "has this tag (repeatable: every tag must match)", collect)
    .option("--unique-id <id>", "unique_id (repeatable: any of them)", collect)
    .addOption(
      new Option(
        "--review-status <status>",
        "customer review status (repeatable: any of them)",
      ).argParser(collect),
    )
    .option("--created-after <date>", "created at or after (ISO-8601 date or date-time)")
    .option("--created-before <date>", "created before")
    .option("--completed-after <date>", "completed at or after")
    .option("--completed-before <date>", "completed before")
    .option("--updated-after <date>", "updated at or after")
    .option("--updated-before <date>", "updated before");

// Option values as commander hands them to each action (parsers above produce the numbers).
type CreateFlags = {
  file: string;
  type?: string;
  project?: string;
  batch?: string;
  concurrency: number;
  chunkSize: number;
  retries: number;
  failures?: string;
};
type ListFlags = TaskFilterFlags & {
  limit: number;
  pageSize: number;
  all?: boolean;
  json?: boolean;
};
type ExportFlags = TaskFilterFlags & {
  format: ExportFormat;
  media?: ExportMedia;
  out?: string;
  wait?: boolean;
  job?: string;
  pollInterval: number;
};
type VerifyFlags = { secret: string[]; body: string; header: string[]; tolerance: number };

const REVIEW_STATUSES = new Set<string>(CUSTOMER_REVIEW_STATUSES);

const filterFlags = (options: TaskFilterFlags) => {
  const unknown = options.reviewStatus?.find((status) => !REVIEW_STATUSES.has(status));
  if (unknown !== undefined) {
    throw new UsageError(
      `--review-status "${unknown}" is not one of ${CUSTOMER_REVIEW_STATUSES.join(", ")}.`,
    );
  }
  return filtersFromFlags(options);
};

const write = (stream: NodeJS.WritableStream, text: string) =>
  new Promise<void>((resolve, reject) =>
    stream.write(text, (error) => (error ? reject(error) : resolve())),
  );

/** An API error's message with its field paths, e.g. `start_time: must be an ISO-8601 date`. */
const describeFailure = (error: unknown): { message: string; exit: ExitCode } => {
  if (error instanceof UsageError) return { message: error.message, exit: EXIT.usage };
  const body = error instanceof ApiRequestError ? error.body : apiErrorOf(error);
  if (body) {
    const fields = (body.issues ?? []).map((i) => `\n  ${i.path || "(body)"}: ${i.message}`);
    // A rejected request or key is the caller's to fix, as is any other usage mistake.
    const usage = [400, 401, 403].includes(body.status_code);
    return {
      message: `${body.error}${fields.join("")}`,
      exit: usage ? EXIT.usage : EXIT.failed,
    };
  }
  if (error instanceof ApiRequestError) return { message: error.message, exit: EXIT.failed };
  if (retryVerdict(error).retry) {
    return {
      message: `the server could not be reached or kept failing: ${(error as Error).message}`,
      exit: EXIT.failed,
    };
  }
  return { message: (error as Error).message, exit: EXIT.failed };
};

const addConnectionHelp = (program: Command) =>
  program.addHelpText(
    "afterAll",
    `
Environment:
  TASKFORGE_URL      where taskforge is served, e.g. http://localhost:3000 (or --url)
  TASKFORGE_API_KEY  a live_… or test_… API key (or --api-key)

Exit codes: 0 success, 1 some work failed, 2 usage or configuration error, 130 stopped by Ctrl-C.`,
  );

export const buildProgram = (io: Io, setExit: (code: ExitCode) => void) => {
  const program = new Command("taskforge")
    .description(
      "Command line for taskforge: create, import and list tasks, export, verify callbacks.",
    )
    .option("--url <url>", "server URL (default: $TASKFORGE_URL)")
    .option("--api-key <key>", "API key (default: $TASKFORGE_API_KEY)")
    .showHelpAfterError("(add --help for usage)")
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  addConnectionHelp(program);

  const connect = (command: Command) => {
    const connection = resolveConnection(command.optsWithGlobals<ConnectionOptions>(), io.env);
    return { connection, client: clientFor(connection, transientAwareFetch()) };
  };

  addImportCommand(program, {
    connect,
    stdout: io.stdout,
    stderr: io.stderr,
    setExit,
    integer,
  });

  const tasks = program.command("tasks").description("create and list tasks");

  tasks
    .command("create")
    .description(
      "create tasks from a JSONL file (one task per line), in parallel chunks through tasks.createManyIds",
    )
    .requiredOption("--file <path>", "JSONL file: nested {type, params, …} or Scale's flat body")
    .option("--type <type>", "task type for lines that do not name one")
    .option("--project <name>", "project for lines that name neither project nor batch")
    .option("--batch <name>", "batch for lines that do not name one")
    .option("--concurrency <n>", "chunks sent at once", integer(1, 64), 4)
    .option("--chunk-size <n>", "tasks per createManyIds call", integer(1, MAX_CHUNK_SIZE), 500)
    .option(
      "--retries <n>",
      "retries of a chunk after a network error, 5xx or 429",
      integer(0, 20),
      5,
    )
    .option("--failures <path>", "write failed lines here as JSONL {line, error, issues}")
    .addHelpText(
      "after",
      `
Lines with a unique_id make re-runs safe: tasks created before count as duplicates, not failures.

Example:
  taskforge tasks create --type categorization --file tasks.jsonl --failures failed.jsonl`,
    )
    .action(async (options: CreateFlags, command: Command) => {
      const { client } = connect(command);
      const file = options.file;
      const total = await countTaskLines(file).catch((error: Error) => {
        throw new UsageError(`cannot read --file ${file}: ${error.message}`);
      });
      const summary = await createTasksFromFile({
        file,
        type: options.type,
        project: options.project,
        batch: options.batch,
        concurrency: options.concurrency,
        chunkSize: options.chunkSize,
        retries: options.retries,
        failuresFile: options.failures,
        total,
        stderr: io.stderr,
        createMany: (items) => client.tasks.createManyIds.mutate({ tasks: items }),
      });
      await write(io.stdout, `${formatSummary(summary)}\n`);
      if (summary.failed && options.failures) {
        await write(io.stderr, `failed lines written to ${options.failures}\n`);
      }
      setExit(summary.failed ? EXIT.failed : EXIT.ok);
    });

  addFilterOptions(
    tasks
      .command("list")
      .description("list tasks, newest first, as a table or JSON lines")
      .option("--limit <n>", "at most this many tasks", integer(1, Number.MAX_SAFE_INTEGER), 100)
      .option("--all", "every matching task (follows next_token)")
      .option("--page-size <n>", "tasks per request", integer(1, 100), 100)
      .option("--json", "one JSON task object per line"),
  )
    .addHelpText(
      "after",
      `
Example:
  taskforge tasks list --status completed --tag experiment_1 --created-after 2026-01-01 --json`,
    )
    .action(async (options: ListFlags, command: Command) => {
      const { client } = connect(command);
      const filters = filterFlags(options);
      const pages = listTasks(
        (query) => withRetry(() => client.tasks.list.query(query), { retries: 3 }),
        filters,
        { limit: options.limit, all: Boolean(options.all), pageSize: options.pageSize },
      );
      let rows: string[][] = [];
      let printed = 0;
      const flush = async () => {
        if (!rows.length) return;
        await write(io.stdout, `${formatTable(rows, printed === 0)}\n`);
        printed += rows.length;
        rows = [];
      };
      for await (const task of pages) {
        if (options.json) {
          await write(io.stdout, `${JSON.stringify(task)}\n`);
          printed++;
          continue;
        }
        rows.push(tableRow(task));
        if (rows.length === 100) await flush();
      }
      await flush();
      if (!printed && !options.json) await write(io.stderr, "no tasks match\n");
    });

  addFilterOptions(
    program
      .command("export")
      .description("export tasks as a background job, then download the file")
      .addOption(
        new Option("--format <format>", "export format")
          .choices(EXPORT_FORMATS)
          .makeOptionMandatory(),
      )
      .addOption(
        new Option(
          "--media <media>",
          "image formats: urls (absolute download URLs, default) or include (images in the zip)",
        ).choices(EXPORT_MEDIA),
      )
      .option("--out <path>", "wait for the job and stream the file here")
      .option("--wait", "wait for the job to finish, showing its progress")
      .option("--job <id>", "follow an existing export job instead of creating one")
      .option("--poll-interval <ms>", "time between status checks", integer(50, 60_000), 1000),
  )
    .addHelpText(
      "after",
      `
Without --out or --wait the job is created and printed (JSON); fetch it later with --job ID --out FILE.

Example:
  taskforge export --format coco --project street-scenes --status completed --out coco.json`,
    )
    .action(async (options: ExportFlags, command: Command) => {
      const { connection } = connect(command);
      const api = exportsApi(connection);
      let job: ExportJob = options.job
        ? await api.get(options.job)
        : await api.create({
            format: options.format,
            filters: filterFlags(options),
            ...(options.media ? { media: options.media } : {}),
          });
      if (!options.out && !options.wait) {
        await write(io.stdout, `${JSON.stringify(job)}\n`);
        return;
      }
      io.stderr.write(`export ${job.id} (${job.format}): ${job.status}\n`);
      job = await waitForExport(api, job, {
        pollIntervalMs: options.pollInterval,
        stderr: io.stderr,
      });
      if (job.status === "failed") {
        await write(io.stderr, `export ${job.id} failed: ${job.error ?? "no reason given"}\n`);
        setExit(EXIT.failed);
        return;
      }
      if (job.skipped > 0) await write(io.stderr, describeSkipped(job));
      // An export that left out every task it read is no training data: a script must notice.
      const empty = job.processed > 0 && job.skipped === job.processed;
      if (empty) setExit(EXIT.failed);
      if (!options.out) {
        await write(io.stdout, `${JSON.stringify(job)}\n`);
        return;
      }
      const bytes = await downloadExport(api, job, options.out);
      await write(io.stdout, `wrote ${bytes} bytes to ${options.out} (export ${job.id})\n`);
    });

  const callbacks = program.command("callbacks").description("work with received callbacks");
  callbacks
    .command("verify")
    .description("check a received callback's signature (Standard Webhooks headers)")
    .requiredOption(
      "--secret <secret>",
      "the organization's callback secret (repeatable during a rotation)",
      collect,
    )
    .requiredOption("--body <path>", "the raw request body as received (- for stdin)")
    .requiredOption(
      "--header <header>",
      '"name: value", repeatable: webhook-id, webhook-timestamp, webhook-signature',
      collect,
    )
    .option("--tolerance <seconds>", "allowed clock difference", integer(0, 10 ** 9), 300)
    .addHelpText(
      "after",
      `
Example:
  taskforge callbacks verify --secret whsec_… --body body.json \\
    --header 'webhook-id: msg_…' --header 'webhook-timestamp: 1767225600' \\
    --header 'webhook-signature: v1,…'`,
    )
    .action(async (options: VerifyFlags) => {
      const outcome = await verifyCallback({
        secrets: options.secret,
        bodyFile: options.body,
        headers: options.header,
        toleranceSeconds: options.tolerance,
      });
      if (outcome.valid) {
        await write(io.stdout, `valid: ${outcome.summary}\n`);
      } else {
        await write(io.stdout, `invalid: ${outcome.reason}\n`);
        setExit(EXIT.failed);
      }
    });

  return program;
};

/** Runs the CLI and returns its exit code (the bin sets it on the process). */
export const main = async (
  argv: readonly string[],
  io: Io = { stdout: process.stdout, stderr: process.stderr, env: cliEnv() },
): Promise<ExitCode> => {
  let exit: ExitCode = EXIT.ok;
  const program = buildProgram(io, (code) => (exit = code));
  try {
    await program.parseAsync([...argv]);
    return exit;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with 0; anything commander refused is a usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof FatalCreateError) {
      io.stderr.write(`error: ${error.message}\n`);
      return EXIT.usage;
    }
    const { message, exit: code } = describeFailure(error);
    io.stderr.write(`error: ${message}\n`);
    return code;
  }
};
