"use client";

import { useId } from "react";

import { SelectField, TextAreaField, TextField } from "~/components/ui";

import { EXTRA_FIELD, errorAt } from "./form-state";
import type { FormState } from "./form-state";
import type { FieldSpec } from "./schema-fields";

type Props = {
  fields: FieldSpec[];
  state: FormState;
  onChange: (name: string, value: string | boolean) => void;
  /** Client and server errors keyed by dotted path (`params.categories[1]`). */
  errors: Record<string, string>;
  /** Where the extra-params field reports (e.g. `params`), so its errors can be found. */
  prefix?: string;
  /** Project params are partial: required marks are hidden there. */
  showRequired?: boolean;
};

const Checkbox = ({
  label,
  checked,
  onChange,
  hint,
  error,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string | undefined;
  error?: string | undefined;
}) => {
  const id = useId();
  return (
    <div className="space-y-1">
      <div className="flex items-center gap-2">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="size-4 rounded border-slate-400 text-brand-600 focus:outline-2 focus:outline-brand-600/40"
        />
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          {label}
        </label>
      </div>
      {hint && !error ? <p className="text-xs text-slate-600">{hint}</p> : null}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
};

/** The key as the label; a required field gets a visual "*" and `aria-required` on its control. */
const labelOf = (field: FieldSpec, showRequired: boolean) => (
  <>
    <span className="font-mono">{field.key}</span>
    {showRequired && field.required ? (
      <span className="ml-1 text-red-700" aria-hidden="true">
        *
      </span>
    ) : null}
  </>
);

const text = (value: string | boolean | undefined) => (typeof value === "string" ? value : "");

const Field = ({ field, ...props }: Omit<Props, "fields"> & { field: FieldSpec }) => {
  const { state, onChange, errors, showRequired = true } = props;
  const error = errorAt(field.name, errors);
  const label = labelOf(field, showRequired);
  const value = state[field.name];
  switch (field.kind) {
    case "object":
      return (
        <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
          <legend className="px-1 font-mono text-sm font-semibold text-slate-800">
            {field.key}
          </legend>
          {field.fields.map((child) => (
            <Field key={child.name} field={child} {...props} />
          ))}
        </fieldset>
      );
    case "boolean":
      return (
        <Checkbox
          label={field.key}
          checked={value === true}
          onChange={(checked) => onChange(field.name, checked)}
          hint={field.description}
          error={error}
        />
      );
    case "enum":
      return (
        <SelectField
          label={label}
          aria-required={showRequired && field.required ? true : undefined}
          value={text(value)}
          onChange={(event) => onChange(field.name, event.target.value)}
          error={error}
          hint={field.description}
        >
          <option value="">(not set)</option>
          {field.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </SelectField>
      );
    case "stringList":
      return (
        <TextAreaField
          label={label}
          aria-required={showRequired && field.required ? true : undefined}
          rows={4}
          value={text(value)}
          onChange={(event) => onChange(field.name, event.target.value)}
          error={error}
          hint={field.description ?? "One per line, or a JSON array (for items with details)."}
        />
      );
    case "json":
      return (
        <TextAreaField
          label={label}
          aria-required={showRequired && field.required ? true : undefined}
          rows={5}
          value={text(value)}
          onChange={(event) => onChange(field.name, event.target.value)}
          error={error}
          hint={field.description ?? "JSON."}
        />
      );
    case "number":
      return (
        <TextField
          label={label}
          aria-required={showRequired && field.required ? true : undefined}
          inputMode={field.integer ? "numeric" : "decimal"}
          value={text(value)}
          onChange={(event) => onChange(field.name, event.target.value)}
          error={error}
          hint={field.description}
        />
      );
    default:
      return (
        <TextField
          label={label}
          aria-required={showRequired && field.required ? true : undefined}
          inputMode={field.format === "uri" ? "url" : "text"}
          value={text(value)}
          onChange={(event) => onChange(field.name, event.target.value)}
          error={error}
          hint={field.description}
        />
      );
  }
};

/** A form generated from a params schema (see schema-fields.ts), plus a JSON field for other keys. */
export const ParamsForm = (props: Props) => {
  const { fields, state, onChange, errors, prefix = "" } = props;
  const extraName = prefix ? `${prefix}.${EXTRA_FIELD}` : EXTRA_FIELD;
  return (
    <div className="space-y-4">
      {fields.map((field) => (
        <Field key={field.name} field={field} {...props} />
      ))}
      <TextAreaField
        label="Other params (JSON object)"
        rows={3}
        value={text(state[EXTRA_FIELD])}
        onChange={(event) => onChange(EXTRA_FIELD, event.target.value)}
        error={errors[extraName]}
        hint="Keys the form does not show; they are sent as they are."
      />
    </div>
  );
};
