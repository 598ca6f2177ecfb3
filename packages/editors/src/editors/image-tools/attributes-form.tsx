"use client";

import { indexLabels } from "@taskforge/schema";
import type { AnnotationAttribute, AttributeValue, ResponseIssue } from "@taskforge/schema";
import { useId } from "react";

import { issuesUnder } from "../issues";
import { visibleAttributes, withAttribute } from "./attributes";
import type { AttributeDefinitions, AttributeScope, AttributeValues } from "./attributes";

const FIELD =
  "w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-brand-600 disabled:bg-slate-50";

const AttributeField = ({
  name,
  attribute,
  value,
  onChange,
  problems,
  disabled,
}: {
  name: string;
  attribute: AnnotationAttribute;
  value: AttributeValue | undefined;
  onChange: (value: AttributeValue | undefined) => void;
  problems: readonly string[];
  disabled: boolean;
}) => {
  const id = useId();
  const errorId = `${id}-error`;
  const invalid = problems.length > 0;
  const described = invalid ? { "aria-describedby": errorId, "aria-invalid": true } : {};
  const title = attribute.description || name;
  let field;
  if (attribute.type === "category" && attribute.allow_multiple) {
    const chosen = Array.isArray(value) ? value : [];
    field = (
      <fieldset className="space-y-0.5" {...described}>
        <legend className="text-xs font-medium text-slate-700">{title}</legend>
        {indexLabels(attribute.choices ?? []).leaves.map((choice) => (
          <label key={choice} className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              checked={chosen.includes(choice)}
              disabled={disabled}
              onChange={(event) =>
                onChange(
                  event.target.checked
                    ? [...chosen, choice]
                    : chosen.filter((item) => item !== choice),
                )
              }
            />
            {choice}
          </label>
        ))}
      </fieldset>
    );
  } else {
    let control;
    if (attribute.type === "category") {
      control = (
        <select
          id={id}
          className={FIELD}
          disabled={disabled}
          value={typeof value === "string" ? value : ""}
          onChange={(event) => onChange(event.target.value === "" ? undefined : event.target.value)}
          {...described}
        >
          <option value="">—</option>
          {indexLabels(attribute.choices ?? []).leaves.map((choice) => (
            <option key={choice} value={choice}>
              {choice}
            </option>
          ))}
        </select>
      );
    } else if (attribute.type === "text") {
      control = (
        <input
          id={id}
          type="text"
          className={FIELD}
          disabled={disabled}
          value={typeof value === "string" ? value : ""}
          onChange={(event) => onChange(event.target.value === "" ? undefined : event.target.value)}
          {...described}
        />
      );
    } else {
      const angle = attribute.type === "angle";
      control = (
        <input
          id={id}
          type="number"
          className={FIELD}
          disabled={disabled}
          min={attribute.min ?? (angle ? 0 : undefined)}
          max={attribute.max ?? (angle ? 359.99 : undefined)}
          step="any"
          value={typeof value === "number" ? value : ""}
          onChange={(event) => {
            const parsed = event.target.valueAsNumber;
            onChange(Number.isFinite(parsed) ? parsed : undefined);
          }}
          {...described}
        />
      );
    }
    field = (
      <div className="space-y-0.5">
        <label htmlFor={id} className="block text-xs font-medium text-slate-700">
          {title}
          {angle(attribute) ? " (degrees)" : ""}
        </label>
        {control}
      </div>
    );
  }
  return (
    <div data-attribute={name}>
      {field}
      {invalid ? (
        <p id={errorId} className="mt-0.5 text-xs text-red-700">
          {problems.join("; ")}
        </p>
      ) : null}
    </div>
  );
};

const angle = (attribute: AnnotationAttribute) => attribute.type === "angle";

/**
 * The attributes the params define for this scope, shown only while their conditions hold (the
 * schema's own `unmetCondition`); an answer whose condition stops holding is dropped with it.
 */
export const AttributesForm = ({
  definitions,
  values,
  scope,
  onChange,
  issues,
  readOnly,
  title,
}: {
  definitions: AttributeDefinitions | undefined;
  values: AttributeValues | undefined;
  scope: AttributeScope;
  onChange: (values: AttributeValues | undefined) => void;
  /** Issues with paths relative to the values (`[name, ...]`). */
  issues: readonly ResponseIssue[];
  readOnly: boolean;
  title: string;
}) => {
  const visible = visibleAttributes(definitions, values, scope);
  if (visible.length === 0) return null;
  return (
    <div role="group" aria-label={title} className="space-y-2">
      <h3 className="text-sm font-semibold text-slate-800">{title}</h3>
      {visible.map(([name, attribute]) => (
        <AttributeField
          key={name}
          name={name}
          attribute={attribute}
          value={values?.[name]}
          disabled={readOnly}
          problems={issuesUnder(issues, [name]).map((issue) => issue.message)}
          onChange={(value) => onChange(withAttribute(definitions, values, name, value, scope))}
        />
      ))}
    </div>
  );
};
