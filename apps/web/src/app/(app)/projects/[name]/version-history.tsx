import type { ProjectParamVersion } from "@taskforge/schema";

import { diffSummary, versionDiffLines } from "./version-diff";
import type { DiffLine } from "./version-diff";

const LINE_STYLES: Record<DiffLine["kind"], string> = {
  added: "bg-emerald-50 text-emerald-900",
  removed: "bg-red-50 text-red-900",
  same: "text-slate-700",
};

const SIGN: Record<DiffLine["kind"], string> = { added: "+", removed: "-", same: " " };

/** One line of a diff: <ins>/<del> say "added"/"removed" to assistive technology, colour to the eye. */
const Line = ({ line }: { line: DiffLine }) => {
  const content = (
    <>
      <span aria-hidden="true" className="select-none pr-2">
        {SIGN[line.kind]}
      </span>
      <span className="sr-only">{line.kind === "same" ? "" : `${line.kind}: `}</span>
      {line.text}
    </>
  );
  const className = `block whitespace-pre-wrap px-2 no-underline ${LINE_STYLES[line.kind]}`;
  if (line.kind === "added") return <ins className={className}>{content}</ins>;
  if (line.kind === "removed") return <del className={className}>{content}</del>;
  return <span className={className}>{content}</span>;
};

/** Every params version, newest first, each with its diff against the version before it. */
export const VersionHistory = ({ history }: { history: ProjectParamVersion[] }) => {
  if (history.length === 0) {
    return (
      <p className="text-sm text-slate-600">No params yet: the first save creates version 0.</p>
    );
  }
  const entries = history.map((entry, index) => ({
    entry,
    lines: versionDiffLines(index > 0 ? history[index - 1] : undefined, entry),
    first: index === 0,
  }));
  return (
    <ol className="space-y-4" aria-label="Params versions, newest first">
      {entries.reverse().map(({ entry, lines, first }) => {
        const summary = diffSummary(lines);
        return (
          <li key={entry.version} aria-label={`Version ${entry.version}`}>
            <div className="mb-1 flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="text-sm font-semibold text-slate-900">Version {entry.version}</h3>
              <p className="text-xs text-slate-600">
                {new Date(entry.created_at).toISOString().replace("T", " ").slice(0, 19)} UTC ·{" "}
                {first
                  ? "first version"
                  : `${summary.added} line${summary.added === 1 ? "" : "s"} added, ${summary.removed} removed`}
              </p>
            </div>
            <pre className="overflow-x-auto rounded-md border border-slate-200 bg-slate-50 py-2 font-mono text-xs">
              {lines.map((line, index) => (
                <Line key={index} line={line} />
              ))}
            </pre>
          </li>
        );
      })}
    </ol>
  );
};
