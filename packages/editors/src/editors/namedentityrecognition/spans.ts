import type { NerAnnotation, NerRelationship, NerRelationshipType } from "@taskforge/schema";

/** A character range of the text: UTF-16 offsets (JavaScript string indices), end exclusive. */
export type Range = { start: number; end: number };

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
const isWordChar = (char: string) => /[\p{L}\p{N}\p{M}_'’-]/u.test(char);
const isSpace = (char: string) => /\s/u.test(char);

/** Moves an offset off the middle of a surrogate pair (an emoji is never cut in half). */
const offPair = (text: string, offset: number, direction: -1 | 1): number =>
  offset > 0 &&
  offset < text.length &&
  isHighSurrogate(text.charCodeAt(offset - 1)) &&
  isLowSurrogate(text.charCodeAt(offset))
    ? offset + direction
    : offset;

/**
 * The span a selection between two offsets (in either order, as the anchor and focus of a
 * mouse selection) stands for: clamped to the text, whitespace trimmed off both ends, never
 * cutting a surrogate pair, and with `snapToWords` widened to whole words (a drag that starts
 * or ends inside a word takes the whole word). Null when nothing but whitespace is selected.
 */
export const selectionToRange = (
  text: string,
  anchor: number,
  focus: number,
  { snapToWords = false }: { snapToWords?: boolean } = {},
): Range | null => {
  const clamp = (offset: number) => Math.min(text.length, Math.max(0, Math.round(offset)));
  let start = offPair(text, clamp(Math.min(anchor, focus)), -1);
  let end = offPair(text, clamp(Math.max(anchor, focus)), 1);
  while (start < end && isSpace(text.charAt(start))) start += 1;
  while (end > start && isSpace(text.charAt(end - 1))) end -= 1;
  if (end <= start) return null;
  if (snapToWords) {
    while (start > 0 && isWordChar(text.charAt(start)) && isWordChar(text.charAt(start - 1))) {
      start -= 1;
    }
    while (end < text.length && isWordChar(text.charAt(end - 1)) && isWordChar(text.charAt(end))) {
      end += 1;
    }
  }
  return { start, end };
};

/** Whether two ranges share at least one character. */
export const rangesOverlap = (a: Range, b: Range): boolean => a.start < b.end && b.start < a.end;

/** The annotations that share characters with a range (overlaps are allowed; they are shown). */
export const overlappingAnnotations = <A extends Range>(annotations: readonly A[], range: Range) =>
  annotations.filter((annotation) => rangesOverlap(annotation, range));

/**
 * The annotation a new span would repeat: the schema refuses two entities with the same
 * start, end and label, so the editor refuses to make one.
 */
export const duplicateOf = <A extends Range & { label: string }>(
  annotations: readonly A[],
  range: Range,
  label: string,
): A | undefined =>
  annotations.find(
    (annotation) =>
      annotation.start === range.start &&
      annotation.end === range.end &&
      annotation.label === label,
  );

/** A fresh id `<prefix><n>`, one past the highest such id already used (ids never repeat). */
export const nextId = (used: readonly { id: string }[], prefix: string): string => {
  const pattern = new RegExp(`^${prefix}(\\d+)$`, "u");
  const highest = used.reduce((max, { id }) => {
    const match = pattern.exec(id);
    return match ? Math.max(max, Number(match[1])) : max;
  }, 0);
  return `${prefix}${highest + 1}`;
};

/** A new entity for a range of the text, with the text it covers. */
export const makeAnnotation = (
  text: string,
  range: Range,
  label: string,
  annotations: readonly NerAnnotation[],
): NerAnnotation => ({
  id: nextId(annotations, "e"),
  start: range.start,
  end: range.end,
  text: text.slice(range.start, range.end),
  label,
});

/** Removes an entity and every relationship that refers to it (a dangling ref is invalid). */
export const removeAnnotation = (
  annotations: readonly NerAnnotation[],
  relationships: readonly NerRelationship[],
  id: string,
): { annotations: NerAnnotation[]; relationships: NerRelationship[] } => ({
  annotations: annotations.filter((annotation) => annotation.id !== id),
  relationships: relationships.filter(
    (relationship) => relationship.source_ref !== id && relationship.target_ref !== id,
  ),
});

/**
 * The relationship types that may link a source entity to a target entity, given each type's
 * optional `source_labels`/`target_labels`.
 */
export const allowedRelationshipTypes = (
  types: readonly NerRelationshipType[],
  sourceLabel: string | undefined,
  targetLabel: string | undefined,
): NerRelationshipType[] =>
  types.filter(
    (type) =>
      (sourceLabel === undefined ||
        type.source_labels === undefined ||
        type.source_labels.includes(sourceLabel)) &&
      (targetLabel === undefined ||
        type.target_labels === undefined ||
        type.target_labels.includes(targetLabel)),
  );

/** The label a digit key picks: "1" is the first label, up to "9". */
export const labelForKey = (
  labels: readonly { name: string }[],
  key: string,
): string | undefined => (/^[1-9]$/u.test(key) ? labels[Number(key) - 1]?.name : undefined);
