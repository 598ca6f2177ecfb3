import { formatIssuePath } from "@taskforge/schema";
import type { ResponseIssue } from "@taskforge/schema";

/**
 * The problems of one field or shape, shown where they occur. `id` lets the field point at them
 * with aria-describedby; a remaining path (an array element) is named before its message.
 */
export const FieldProblems = ({
  issues,
  id,
}: {
  issues: readonly ResponseIssue[];
  id?: string | undefined;
}) =>
  issues.length === 0 ? null : (
    <ul id={id} role="alert" className="space-y-0.5 text-sm text-red-700" data-problems="true">
      {issues.map((issue, index) => {
        const where = formatIssuePath(issue.path);
        return (
          <li key={index}>
            {where === "" ? "" : `${where}: `}
            {issue.message}
          </li>
        );
      })}
    </ul>
  );
