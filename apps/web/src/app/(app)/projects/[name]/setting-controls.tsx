"use client";

import { useId } from "react";
import type { ReactNode } from "react";

const FieldError = ({ id, error }: { id: string; error: string | undefined }) =>
  error ? (
    <p id={id} role="alert" className="text-xs font-medium text-red-700">
      {error}
    </p>
  ) : null;

/** A checkbox with what it means underneath, and its error. */
export const CheckboxField = ({
  label,
  hint,
  checked,
  onChange,
  error,
}: {
  label: string;
  hint: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string | undefined;
}) => {
  const id = useId();
  return (
    <div className="space-y-1">
      <div className="flex items-start gap-2">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
          className="mt-0.5 size-4 rounded border-slate-400 text-brand-600 focus:outline-2 focus:outline-brand-600/40"
        />
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          {label}
        </label>
      </div>
      <p id={`${id}-hint`} className="pl-6 text-xs text-slate-600">
        {hint}
      </p>
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
};

/** One choice among a few, each explained: a radio group named by its legend. */
export const ChoiceField = <Value extends string>({
  legend,
  value,
  options,
  onChange,
  error,
}: {
  legend: string;
  value: Value;
  options: { value: Value; label: string; hint: ReactNode }[];
  onChange: (value: Value) => void;
  error?: string | undefined;
}) => {
  const id = useId();
  return (
    <fieldset
      className="space-y-2"
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="flex items-start gap-2">
          <input
            type="radio"
            name={id}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
            className="mt-0.5 size-4 border-slate-400 text-brand-600 focus:outline-2 focus:outline-brand-600/40"
          />
          <span>
            <span className="block text-sm text-slate-800">{option.label}</span>
            <span className="block text-xs text-slate-600">{option.hint}</span>
          </span>
        </label>
      ))}
      <FieldError id={`${id}-error`} error={error} />
    </fieldset>
  );
};

/** A titled group of settings with a sentence on what the group is for. */
export const SettingsSection = ({
  title,
  about,
  children,
}: {
  title: string;
  about: ReactNode;
  children: ReactNode;
}) => (
  <section
    aria-label={title}
    className="space-y-3 border-t border-slate-200 pt-4 first:border-t-0 first:pt-0"
  >
    <div>
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      <p className="text-xs text-slate-600">{about}</p>
    </div>
    {children}
  </section>
);
