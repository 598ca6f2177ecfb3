import { isRecord } from "@taskforge/schema";
import type { ComparisonParams } from "@taskforge/schema";

import type { EditorValue } from "../types";

/** The attachments in the order the value ranks them, best first; the given order until ranked. */
export const rankingOf = (value: EditorValue, count: number): number[] => {
  const ranking = value["ranking"];
  const identity = Array.from({ length: count }, (_, index) => index);
  if (!Array.isArray(ranking) || ranking.length !== count) return identity;
  const isPermutation =
    new Set(ranking).size === count &&
    ranking.every((index) => Number.isInteger(index) && index >= 0 && index < count);
  return isPermutation ? (ranking as number[]) : identity;
};

/** The order with the entry at `from` taken out and put back at `to`. */
export const moveItem = <T>(order: readonly T[], from: number, to: number): T[] => {
  const next = [...order];
  const [moved] = next.splice(from, 1);
  if (moved === undefined) return next;
  next.splice(Math.max(0, Math.min(to, next.length)), 0, moved);
  return next;
};

/**
 * Where a dragged entry lands: after every other entry whose middle the pointer has passed.
 * `middles` are the entries' vertical centres as laid out when the drag began, so the preview
 * moving entries around under the pointer does not make the target flicker.
 */
export const dropIndex = (pointerY: number, middles: readonly number[], from: number): number =>
  middles.filter((middle, index) => index !== from && middle < pointerY).length;

/** A rating per attachment; null marks an attachment not rated yet. */
export type Ratings = Record<string, (number | null)[]>;

const ratingsOf = (value: EditorValue): Ratings => {
  const ratings = value["ratings"];
  return isRecord(ratings) ? (ratings as Ratings) : {};
};

/** One attachment's rating on one field, or undefined while unrated. */
export const ratingOf = (
  value: EditorValue,
  fieldId: string,
  attachment: number,
): number | undefined => {
  const ratings = ratingsOf(value);
  const entry = Object.hasOwn(ratings, fieldId) ? ratings[fieldId]?.[attachment] : undefined;
  return typeof entry === "number" ? entry : undefined;
};

/**
 * The response with one rating set. A field's ratings are one number per attachment; while some
 * are missing they are null, which the check reports on exactly the unrated attachment.
 */
export const withRating = (
  params: ComparisonParams,
  value: EditorValue,
  fieldId: string,
  attachment: number,
  rating: number,
): EditorValue => {
  const ratings = ratingsOf(value);
  const current = Object.hasOwn(ratings, fieldId) ? (ratings[fieldId] ?? []) : [];
  const values = params.attachments.map((_, index) =>
    index === attachment ? rating : (current[index] ?? null),
  );
  return { ...value, ratings: { ...ratings, [fieldId]: values } };
};

/** The response with the rationale as typed; an emptied rationale is no rationale. */
export const withRationale = (value: EditorValue, text: string): EditorValue => {
  const { rationale: _dropped, ...rest } = value;
  return text === "" ? rest : { ...rest, rationale: text };
};

/** The rating steps a scale offers as buttons, or undefined when it is better typed. */
export const ratingSteps = (min: number, max: number): number[] | undefined =>
  Number.isInteger(min) && Number.isInteger(max) && max - min <= 10
    ? Array.from({ length: max - min + 1 }, (_, index) => min + index)
    : undefined;
