import type { ApiIssue, ResponseIssue } from "@taskforge/schema";
import { relativeToResponse } from "@taskforge/editors";
import { TRPCClientError } from "@trpc/client";

/** `response.annotations[3].width` → `["response", "annotations", 3, "width"]`. */
export const parseIssuePath = (path: string): (string | number)[] =>
  [...path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map((match) =>
    match[1] !== undefined ? Number(match[1]) : (match[2] ?? ""),
  );

/**
 * The field problems of a failed call, relative to the response, so the editor can show each on
 * its shape or field exactly as it shows the browser's own checks.
 */
export const serverIssuesOf = (error: unknown): ResponseIssue[] => {
  if (!(error instanceof TRPCClientError)) return [];
  const data = error.data as { apiError?: { issues?: ApiIssue[] } } | undefined;
  return relativeToResponse(
    (data?.apiError?.issues ?? []).map((issue) => ({
      path: parseIssuePath(issue.path),
      message: issue.message,
    })),
  );
};
