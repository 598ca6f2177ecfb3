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

/** The REST body of any thrown value: AppErrors as they are, anything else as an opaque 500. */
export const toErrorBody = (error: unknown): ApiErrorBody =>
  error instanceof AppError
    ? error.toBody()
    : { status_code: 500, error: "Internal server error." };

export const notFound = (what: string) => new AppError("not_found", `${what} not found.`);
