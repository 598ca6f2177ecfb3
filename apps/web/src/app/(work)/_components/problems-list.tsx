import { formatIssuePath } from "@taskforge/schema";
import type { ResponseIssue } from "@taskforge/schema";

/** Why a response was refused: every problem with its field path, next to the Submit button. */
export const ProblemsList = ({
  message,
  issues,
}: {
  message: string | null;
  issues: readonly ResponseIssue[];
}) =>
  message || issues.length > 0 ? (
    <div
      role="alert"
      className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800"
    >
      <p className="font-medium">{message ?? "The response has problems:"}</p>
      {issues.length > 0 ? (
        <ul aria-label="Response problems" className="mt-1 list-disc pl-5">
          {issues.map((issue, index) => (
            <li key={index}>
              <code>{formatIssuePath(issue.path) || "response"}</code>: {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  ) : null;
