"use client";

import type { DocumentFeature, ResponseIssue } from "@taskforge/schema";

import { FieldProblems } from "../field-problems";
import type { AnnotationPatch, DraftAnnotation } from "./annotations";
import { answerKindsOf } from "./annotations";

const INPUT =
  "block w-full rounded-md border border-slate-300 px-2 py-1 text-sm focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none";

const textOrUndefined = (text: string): string | undefined => (text === "" ? undefined : text);

/** The answers of one box: its feature, its text, and what the feature's flags ask for. */
export const AnnotationFields = ({
  annotation,
  number,
  labels,
  feature,
  issues,
  selected,
  readOnly,
  textInputRef,
  onSelect,
  onPatch,
  onRelabel,
  onDelete,
}: {
  annotation: DraftAnnotation;
  /** 1-based, as the Tasker counts boxes on the page. */
  number: number;
  labels: readonly string[];
  feature: DocumentFeature | undefined;
  issues: readonly ResponseIssue[];
  selected: boolean;
  readOnly: boolean;
  textInputRef: ((element: HTMLTextAreaElement | null) => void) | undefined;
  onSelect: () => void;
  onPatch: (patch: AnnotationPatch) => void;
  onRelabel: (label: string) => void;
  onDelete: () => void;
}) => {
  const id = `box-${annotation.uuid}`;
  const kinds = answerKindsOf(feature?.flags);
  const keys = feature?.fields?.map((field) => field.key);
  const name = `box ${number} (${annotation.label})`;
  const amount =
    annotation.money && typeof annotation.money["amount"] === "string"
      ? annotation.money["amount"]
      : "";
  return (
    <li
      data-uuid={annotation.uuid}
      aria-label={`Box ${number}: ${annotation.label}`}
      aria-current={selected ? "true" : undefined}
      onFocus={onSelect}
      onClick={onSelect}
      className={`space-y-2 rounded-md border p-2 ${
        issues.length > 0
          ? "border-red-500"
          : selected
            ? "border-blue-500 bg-blue-50/40"
            : "border-slate-200"
      }`}
    >
      <div className="flex items-center gap-2">
        <span className="text-xs font-semibold text-slate-600">#{number}</span>
        <label className="sr-only" htmlFor={`${id}-label`}>
          Feature of {name}
        </label>
        <select
          id={`${id}-label`}
          value={annotation.label}
          disabled={readOnly}
          onChange={(event) => onRelabel(event.target.value)}
          className="rounded-md border border-slate-300 px-2 py-1 text-sm"
        >
          {labels.includes(annotation.label) ? null : (
            <option value={annotation.label}>{annotation.label}</option>
          )}
          {labels.map((label) => (
            <option key={label} value={label}>
              {label}
            </option>
          ))}
        </select>
        <span className="flex-1" />
        {readOnly ? null : (
          <button
            type="button"
            aria-label={`Delete ${name}`}
            onClick={(event) => {
              event.stopPropagation();
              onDelete();
            }}
            className="rounded-md border border-slate-300 px-2 py-0.5 text-xs text-slate-700 hover:bg-red-50"
          >
            Delete
          </button>
        )}
      </div>
      <label className="block text-xs font-medium text-slate-700" htmlFor={`${id}-text`}>
        Text of {name}
      </label>
      <textarea
        id={`${id}-text`}
        ref={textInputRef}
        rows={2}
        readOnly={readOnly}
        value={annotation.text}
        onChange={(event) => onPatch({ text: event.target.value })}
        className={INPUT}
      />
      {kinds.keyValue ? (
        <div className="grid grid-cols-2 gap-2">
          <label className="text-xs text-slate-700">
            Key
            {keys && keys.length > 0 ? (
              <select
                value={annotation.key ?? ""}
                disabled={readOnly}
                onChange={(event) => onPatch({ key: textOrUndefined(event.target.value) })}
                className={INPUT}
              >
                <option value="">(none)</option>
                {keys.map((key) => (
                  <option key={key} value={key}>
                    {key}
                  </option>
                ))}
              </select>
            ) : (
              <input
                value={annotation.key ?? ""}
                readOnly={readOnly}
                onChange={(event) => onPatch({ key: textOrUndefined(event.target.value) })}
                className={INPUT}
              />
            )}
          </label>
          <label className="text-xs text-slate-700">
            Value
            <input
              value={annotation.value ?? ""}
              readOnly={readOnly}
              onChange={(event) => onPatch({ value: textOrUndefined(event.target.value) })}
              className={INPUT}
            />
          </label>
        </div>
      ) : null}
      {kinds.date ? (
        <label className="block text-xs text-slate-700">
          Date
          <input
            type="date"
            value={annotation.date?.slice(0, 10) ?? ""}
            readOnly={readOnly}
            onChange={(event) => onPatch({ date: textOrUndefined(event.target.value) })}
            className={INPUT}
          />
        </label>
      ) : null}
      {kinds.money ? (
        <label className="block text-xs text-slate-700">
          Amount
          <input
            inputMode="decimal"
            value={amount}
            readOnly={readOnly}
            onChange={(event) =>
              onPatch({
                money:
                  event.target.value === ""
                    ? undefined
                    : { ...annotation.money, amount: event.target.value },
              })
            }
            className={INPUT}
          />
        </label>
      ) : null}
      {kinds.checkbox ? (
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            checked={annotation.checked === true}
            disabled={readOnly}
            onChange={(event) => onPatch({ checked: event.target.checked })}
          />
          Checked
        </label>
      ) : null}
      <FieldProblems issues={issues} />
    </li>
  );
};
