import { diffJson } from "diff";
import { isRecord } from "@taskforge/schema";
import type { ProjectParamVersion } from "@taskforge/schema";

export type DiffLine = { kind: "added" | "removed" | "same"; text: string };

/** What a version sets: its instruction and params, without the version's own bookkeeping. */
export const versionContent = (entry: ProjectParamVersion): Record<string, unknown> => {
  const { version: _version, created_at: _createdAt, ...content } = entry;
  return content;
};

// jsdiff sorts keys before comparing; the first version is shown the same way so versions read alike.
const sortKeys = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(sortKeys)
    : isRecord(value)
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((key) => [key, sortKeys(value[key])]),
        )
      : value;

/**
 * The line diff of a version against the one before it (JSON, keys sorted by jsdiff), or every
 * line as unchanged for the first version.
 */
export const versionDiffLines = (
  previous: ProjectParamVersion | undefined,
  current: ProjectParamVersion,
): DiffLine[] => {
  const parts = previous
    ? diffJson(versionContent(previous), versionContent(current))
    : [
        {
          value: `${JSON.stringify(sortKeys(versionContent(current)), null, 2)}\n`,
          added: false,
          removed: false,
        },
      ];
  return parts.flatMap((part) =>
    part.value
      .replace(/\n$/, "")
      .split("\n")
      .map((text) => ({
        kind: part.added ? "added" : part.removed ? "removed" : "same",
        text,
      })),
  );
};

export const diffSummary = (lines: DiffLine[]) => ({
  added: lines.filter((l) => l.kind === "added").length,
  removed: lines.filter((l) => l.kind === "removed").length,
});
