import { isRecord } from "@taskforge/schema";
import type { TextCollectionField, TextCollectionValue } from "@taskforge/schema";

import type { EditorValue } from "../types";

export type Answer = TextCollectionValue | TextCollectionValue[];

/** The answers given so far, keyed by field_id. */
export const answersOf = (value: EditorValue): Record<string, unknown> =>
  isRecord(value["annotations"]) ? value["annotations"] : {};

/** A field's answer, or undefined while unanswered (own keys only: "constructor" is a valid id). */
export const answerOf = (value: EditorValue, fieldId: string): unknown => {
  const answers = answersOf(value);
  return Object.hasOwn(answers, fieldId) ? answers[fieldId] : undefined;
};

/**
 * The response with one field's answer set, or removed when `answer` is undefined: an emptied
 * field is unanswered, so a required one is reported as required rather than as an empty string.
 */
export const withAnswer = (
  value: EditorValue,
  fieldId: string,
  answer: Answer | undefined,
): EditorValue => {
  const answers = Object.fromEntries(
    Object.entries(answersOf(value)).filter(([key]) => key !== fieldId),
  );
  if (answer !== undefined) answers[fieldId] = answer;
  return { ...value, annotations: answers };
};

/** Several answers are collected when the field allows more than one. */
export const isList = (field: TextCollectionField): boolean => field.max_responses_required > 1;

/** A field's answers as a list (a single answer is a list of one), for list-shaped inputs. */
export const listOf = (answer: unknown): TextCollectionValue[] => {
  const entries = Array.isArray(answer)
    ? (answer as unknown[])
    : answer === undefined
      ? []
      : [answer];
  return entries.filter(
    (entry): entry is TextCollectionValue =>
      typeof entry === "string" || typeof entry === "number" || typeof entry === "boolean",
  );
};

/** A list answer, or undefined (unanswered) when nothing is left in it. */
export const listAnswer = (entries: readonly TextCollectionValue[]): Answer | undefined =>
  entries.length === 0 ? undefined : [...entries];

/** Text as typed; an empty box is no answer. */
export const textAnswer = (text: string): string | undefined => (text === "" ? undefined : text);

/**
 * A number input's text as the answer: a number when it is one, else the text itself so that
 * the check names the problem ("must be a number") at the field instead of dropping the input.
 */
export const numberAnswer = (text: string): number | string | undefined => {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : text;
};

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/**
 * A datetime-local input's value ("2025-05-02T10:30"), read as UTC as the form says, to the
 * wire's ISO-8601 UTC form with milliseconds.
 */
export const datetimeAnswer = (local: string): string | undefined => {
  const match = LOCAL_DATE_TIME.exec(local);
  if (!match) return local === "" ? undefined : local;
  const [, date, time, seconds = "00", millis = "0"] = match;
  return `${date}T${time}:${seconds}.${millis.padEnd(3, "0")}Z`;
};

/** The value a datetime-local input shows for a stored answer (a date alone is its midnight). */
export const datetimeInputValue = (answer: unknown): string => {
  if (typeof answer !== "string") return "";
  const match = /^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}:\d{2}))?/.exec(answer);
  if (!match) return "";
  return `${match[1]}T${match[2] ?? "00:00"}`;
};

/** The chosen values of a multi-choice field, kept in the choices' order. */
export const toggleChoice = (
  field: TextCollectionField,
  chosen: readonly TextCollectionValue[],
  choice: string,
): Answer | undefined => {
  const set = new Set(chosen);
  if (set.has(choice)) set.delete(choice);
  else set.add(choice);
  return listAnswer(
    (field.choices ?? []).map((entry) => entry.value).filter((entry) => set.has(entry)),
  );
};
