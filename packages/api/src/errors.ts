import { ERROR_HTTP_STATUS, toApiIssues, zodIssuesToResponseIssues } from "@taskforge/schema";
import type { ApiErrorBody, ApiIssue, ErrorCode, ResponseIssue } from "@taskforge/schema";
import type { z } from "zod";

/**
 * An expected failure of a domain operation. Services throw these and nothing else on purpose; the
 * tRPC error formatter and the REST facade each map them once (code -> status) and never log them.
 */
export class AppError extends Error {
  readonly issues: ApiIssue[] | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    issues?: readonly ResponseIssue[],
  ) {
    super(message);
    this.name = "AppError";
    this.issues = issues?.length ? toApiIssues(issues) : undefined;
  }

  get statusCode(): number {
    return ERROR_HTTP_STATUS[this.code];
  }

  toBody(): ApiErrorBody {
    return {
      status_code: this.statusCode,
      error: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
    };
  }
}

export const badRequest = (message: string, issues?: readonly ResponseIssue[]) =>
  new AppError("bad_request", message, issues);

export const invalidInput = (issues: readonly ResponseIssue[]) =>
  badRequest(issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join("; "), issues);

export const fromZodError = (error: z.ZodError, prefix: (string | number)[] = []) =>
  invalidInput(zodIssuesToResponseIssues(error, prefix));

export const taskNotFound = () => new AppError("not_found", "Task with that ID not found.");

export const conflict = (message: string) => new AppError("conflict", message);

const formatPath = (path: readonly (string | number)[]) =>
  path.length === 0
    ? "(body)"
    : path.reduce<string>(
        (out, part) =>
          typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${part}` : part,
        "",
      );

/**
 * The REST body of any thrown value: AppErrors as they are, an unreachable database as 503, anything
 * else as an opaque 500.
 */
export const toErrorBody = (error: unknown): ApiErrorBody =>
  error instanceof AppError
    ? error.toBody()
    : isDatabaseUnavailable(error)
      ? DATABASE_UNAVAILABLE_BODY
      : { status_code: 500, error: "Internal server error." };

export const notFound = (what: string) => new AppError("not_found", `${what} not found.`);

// PostgreSQL is unreachable, restarting or shedding connections: SQLSTATE classes 08 (connection
// exception) and 57P01-57P03 (shutdown, crash, cannot connect now), 53300 (too many connections).
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-3]$|53300$)/;
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const UNAVAILABLE_ERRNO = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
]);
const UNAVAILABLE_ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection error and is not queryable|Client was closed|timeout exceeded when trying to connect|Query read timeout/i;

/**
 * Whether `error` means the database cannot be reached right now (rather than that the request or
 * the code is wrong). Such failures are answered 503 with Retry-After instead of 500: the pool
 * reconnects by itself once PostgreSQL is back, so a client's retry will succeed.
 */
export const isDatabaseUnavailable = (error: unknown): boolean => {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length) {
    const current = pending.pop();
    if (current === null || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    const e = current as {
      code?: unknown;
      originalCode?: unknown;
      kind?: unknown;
      message?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    if (typeof e.code === "string") {
      if (UNAVAILABLE_PRISMA_CODES.has(e.code) || UNAVAILABLE_ERRNO.has(e.code)) return true;
      if (UNAVAILABLE_SQLSTATE.test(e.code)) return true;
    }
    if (typeof e.originalCode === "string" && UNAVAILABLE_SQLSTATE.test(e.originalCode))
      return true;
    if (typeof e.kind === "string" && UNAVAILABLE_ADAPTER_KINDS.has(e.kind)) return true;
    if (typeof e.message === "string" && UNAVAILABLE_MESSAGE.test(e.message)) return true;
    pending.push(e.cause, e.meta?.driverAdapterError);
  }
  return false;
};

export const DATABASE_UNAVAILABLE_BODY: ApiErrorBody = {
  status_code: 503,
  error: "The database is unavailable right now; retry shortly.",
};
