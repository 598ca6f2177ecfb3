import type { ResponseIssue } from "@taskforge/schema";

import type { DbClient } from "../../db-client";
import type { Scope } from "../../scope";
import { worldOf } from "../../scope";
import { ATTACHMENT_URL_PREFIX } from "@taskforge/schema";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The id in `taskforge://files/<id>`, or null when the string is not such a URL. */
export const fileIdOf = (attachmentUrl: string): string | null => {
  if (!attachmentUrl.startsWith(ATTACHMENT_URL_PREFIX)) return null;
  const id = attachmentUrl.slice(ATTACHMENT_URL_PREFIX.length);
  return UUID.test(id) ? id.toLowerCase() : null;
};

export type FileReference = { path: (string | number)[]; url: string; id: string | null };

/** Every `taskforge://files/…` string in `value`, at any depth, with where it sits. */
export const fileReferencesOf = (
  value: unknown,
  path: (string | number)[] = [],
  into: FileReference[] = [],
): FileReference[] => {
  if (typeof value === "string") {
    if (value.startsWith(ATTACHMENT_URL_PREFIX))
      into.push({ path, url: value, id: fileIdOf(value) });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => fileReferencesOf(item, [...path, index], into));
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) fileReferencesOf(item, [...path, key], into);
  }
  return into;
};

/** Which of `ids` are files of the caller's organization and world. */
export const ownFileIds = async (db: DbClient, scope: Scope, ids: Iterable<string>) => {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return new Set<string>();
  const rows = await db.file.findMany({
    where: { ...worldOf(scope), id: { in: wanted } },
    select: { id: true },
  });
  return new Set(rows.map((row) => row.id));
};

/**
 * For each task's params, the issues of its `taskforge://files/` attachments that are not the
 * caller's files (another organization's, another world's, or none), or null when all are. One
 * query whatever the number of tasks.
 */
export const foreignFileIssues = async (
  db: DbClient,
  scope: Scope,
  paramsList: readonly unknown[],
): Promise<(ResponseIssue[] | null)[]> => {
  const references = paramsList.map((params) => fileReferencesOf(params, ["params"]));
  const own = await ownFileIds(
    db,
    scope,
    references.flat().flatMap((ref) => (ref.id ? [ref.id] : [])),
  );
  return references.map((refs) => {
    const issues = refs
      .filter((ref) => !ref.id || !own.has(ref.id))
      .map((ref) => ({ path: ref.path, message: `${ref.url} is not a file of this organization` }));
    return issues.length ? issues : null;
  });
};
