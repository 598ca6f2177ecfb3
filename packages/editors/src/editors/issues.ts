import type { ResponseIssue } from "@taskforge/schema";

/** Issues of the response whose path starts with `prefix`, with that prefix removed. */
export const issuesUnder = (
  issues: readonly ResponseIssue[],
  prefix: readonly (string | number)[],
): ResponseIssue[] =>
  issues
    .filter((issue) => prefix.every((segment, index) => issue.path[index] === segment))
    .map((issue) => ({ path: issue.path.slice(prefix.length), message: issue.message }));

/** Issues as the editor receives them: the `response` prefix of server and registry paths dropped. */
export const relativeToResponse = (issues: readonly ResponseIssue[]): ResponseIssue[] =>
  issues.map((issue) =>
    issue.path[0] === "response" ? { ...issue, path: issue.path.slice(1) } : issue,
  );
