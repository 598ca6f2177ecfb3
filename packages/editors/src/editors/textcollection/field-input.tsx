"use client";

import type { TextCollectionField, TextCollectionValue } from "@taskforge/schema";

import type { Answer } from "./answers";
import {
  datetimeAnswer,
  datetimeInputValue,
  isList,
  listAnswer,
  listOf,
  numberAnswer,
  textAnswer,
  toggleChoice,
} from "./answers";

export type FieldInputProps = {
  field: TextCollectionField;
  /** The id of the field's input (a choice group's title is `${inputId}-label`). */
  inputId: string;
  answer: unknown;
  onAnswer: (answer: Answer | undefined) => void;
  invalid: boolean;
  describedBy: string | undefined;
  readOnly: boolean;
};

const INPUT_CLASS =
  "block w-full rounded-md border px-3 py-2 text-sm shadow-sm focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none disabled:bg-slate-50";
const borderOf = (invalid: boolean) => (invalid ? "border-red-500" : "border-slate-300");

/** One scalar input (text, number or date-time) for one entry of a field's answer. */
const ScalarInput = ({
  field,
  id,
  entry,
  onEntry,
  label,
  invalid,
  describedBy,
  readOnly,
}: {
  field: TextCollectionField;
  id: string;
  entry: TextCollectionValue | undefined;
  onEntry: (entry: TextCollectionValue | undefined) => void;
  label: string | undefined;
  invalid: boolean;
  describedBy: string | undefined;
  readOnly: boolean;
}) => {
  const common = {
    id,
    "aria-label": label,
    "aria-invalid": invalid || undefined,
    "aria-describedby": describedBy,
    "aria-required": field.required || undefined,
    disabled: readOnly,
    className: `${INPUT_CLASS} ${borderOf(invalid)}`,
  };
  switch (field.type) {
    case "number":
      return (
        <input
          {...common}
          type="number"
          inputMode="decimal"
          step="any"
          min={field.min}
          max={field.max}
          value={entry === undefined ? "" : String(entry)}
          onChange={(event) => onEntry(numberAnswer(event.target.value))}
        />
      );
    case "datetime":
      return (
        <input
          {...common}
          type="datetime-local"
          value={datetimeInputValue(entry)}
          onChange={(event) => onEntry(datetimeAnswer(event.target.value))}
        />
      );
    default: {
      const text = typeof entry === "string" ? entry : entry === undefined ? "" : String(entry);
      return (
        <>
          <textarea
            {...common}
            rows={2}
            maxLength={field.max}
            value={text}
            onChange={(event) => onEntry(textAnswer(event.target.value))}
          />
          <span className="block text-right text-xs text-slate-500 tabular-nums">
            {text.length}
            {field.max !== undefined ? ` / ${field.max}` : ""} characters
          </span>
        </>
      );
    }
  }
};

/** Several entries (keywords, several dates…), each with its own input, up to the maximum. */
const ListInput = (props: FieldInputProps) => {
  const { field, inputId, answer, onAnswer, invalid, describedBy, readOnly } = props;
  const entries = listOf(answer);
  // An unanswered list still shows one empty input to type into.
  const shown: (TextCollectionValue | undefined)[] = entries.length === 0 ? [undefined] : entries;
  const setEntry = (index: number, entry: TextCollectionValue | undefined) => {
    // An emptied box keeps its place (indices stay put while typing); one lone empty box is no answer.
    const next = shown.map((current, i) => (i === index ? entry : current) ?? "");
    onAnswer(next.length === 1 && next[0] === "" ? undefined : listAnswer(next));
  };
  return (
    <ol className="space-y-2">
      {shown.map((entry, index) => (
        <li key={index} className="flex items-start gap-2">
          <div className="flex-1">
            <ScalarInput
              field={field}
              id={index === 0 ? inputId : `${inputId}-${index}`}
              entry={entry}
              onEntry={(value) => setEntry(index, value)}
              label={index === 0 ? undefined : `${field.title} ${index + 1}`}
              invalid={invalid}
              describedBy={describedBy}
              readOnly={readOnly}
            />
          </div>
          {!readOnly && shown.length > 1 ? (
            <button
              type="button"
              aria-label={`Remove ${field.title} ${index + 1}`}
              className="rounded-md border border-slate-300 px-2 py-2 text-xs text-slate-700 hover:bg-slate-50"
              onClick={() => onAnswer(listAnswer(entries.filter((_, i) => i !== index)))}
            >
              Remove
            </button>
          ) : null}
        </li>
      ))}
      {!readOnly && entries.length > 0 && entries.length < field.max_responses_required ? (
        <li>
          <button
            type="button"
            className="rounded-md border border-slate-300 px-3 py-1 text-sm text-slate-700 hover:bg-slate-50"
            onClick={() => onAnswer([...entries, field.type === "number" ? 0 : ""])}
          >
            Add another
          </button>
        </li>
      ) : null}
    </ol>
  );
};

/** Radio buttons for one choice, checkboxes when several may be chosen. */
const ChoiceInput = (props: FieldInputProps) => {
  const { field, inputId, answer, onAnswer, describedBy, readOnly } = props;
  const multiple = isList(field);
  const chosen = listOf(answer);
  const options =
    field.type === "boolean"
      ? [
          { label: "Yes", value: true as TextCollectionValue },
          { label: "No", value: false as TextCollectionValue },
        ]
      : (field.choices ?? []).map((choice) => ({
          label: choice.label,
          value: choice.value,
        }));
  return (
    <div
      role={multiple ? "group" : "radiogroup"}
      aria-labelledby={`${inputId}-label`}
      aria-describedby={describedBy}
      aria-required={field.required || undefined}
      className="flex flex-wrap gap-2"
    >
      {options.map((option) => {
        const checked = chosen.includes(option.value);
        return (
          <label
            key={String(option.value)}
            className={`flex cursor-pointer items-center gap-2 rounded-md border px-3 py-2 text-sm ${
              checked ? "border-emerald-600 bg-emerald-50" : "border-slate-300 bg-white"
            }`}
          >
            <input
              type={multiple ? "checkbox" : "radio"}
              name={inputId}
              checked={checked}
              disabled={readOnly}
              onChange={() =>
                onAnswer(
                  multiple ? toggleChoice(field, chosen, String(option.value)) : option.value,
                )
              }
            />
            {option.label}
          </label>
        );
      })}
    </div>
  );
};

/** The input a field's type calls for. */
export const FieldInput = (props: FieldInputProps) => {
  const { field } = props;
  if (field.type === "category" || field.type === "boolean") return <ChoiceInput {...props} />;
  if (isList(field)) return <ListInput {...props} />;
  const entry = listOf(props.answer)[0];
  return (
    <ScalarInput
      field={field}
      id={props.inputId}
      entry={entry}
      onEntry={(value) => props.onAnswer(value)}
      label={undefined}
      invalid={props.invalid}
      describedBy={props.describedBy}
      readOnly={props.readOnly}
    />
  );
};
