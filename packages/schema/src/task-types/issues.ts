import type { z } from "zod";

import type { ApiIssue } from "../errors";

export type IssuePath = (string | number)[];
export type ResponseIssue = { path: IssuePath; message: string };

export type ValidationResult<T> =
  { success: true; data: T } | { success: false; issues: ResponseIssue[] };

/** `["params", "fields", 1, "field_id"]` → `params.fields[1].field_id`. */
export const formatIssuePath = (path: readonly (string | number)[]): string =>
  path.reduce<string>((text, segment) => {
    if (typeof segment === "number") return `${text}[${segment}]`;
    return text === "" ? segment : `${text}.${segment}`;
  }, "");

/** One line for an error body: `params.categories: must have at least 2 categories; …`. */
export const formatIssues = (issues: readonly ResponseIssue[]): string =>
  issues
    .map((issue) => {
      const path = formatIssuePath(issue.path);
      return path === "" ? issue.message : `${path}: ${issue.message}`;
    })
    .join("; ");

export const toApiIssues = (issues: readonly ResponseIssue[]): ApiIssue[] =>
  issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));

export const prefixIssues = (
  prefix: readonly (string | number)[],
  issues: readonly ResponseIssue[],
): ResponseIssue[] =>
  issues.map((issue) => ({ path: [...prefix, ...issue.path], message: issue.message }));

export const zodIssuesToResponseIssues = (
  error: z.ZodError,
  prefix: readonly (string | number)[] = [],
): ResponseIssue[] =>
  error.issues.map((issue) => ({
    // zod paths may hold symbols in theory; JSON input never produces them.
    path: [
      ...prefix,
      ...issue.path.map((segment) => (typeof segment === "symbol" ? String(segment) : segment)),
    ],
    message: issue.message,
  }));
