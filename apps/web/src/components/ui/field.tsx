import { useId } from "react";
import type { ComponentProps, ReactNode } from "react";

const CONTROL =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs placeholder:text-slate-500 focus:border-brand-600 focus:outline-2 focus:outline-brand-600/30 aria-invalid:border-red-600";

type FieldProps = { label: ReactNode; error?: string | undefined; hint?: ReactNode };

/** A labelled control with its hint and error; the error is announced and tied to the control. */
const Field = ({
  label,
  error,
  hint,
  children,
}: FieldProps & { children: (ids: { id: string; describedBy?: string }) => ReactNode }) => {
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children({ id, ...(describedBy ? { describedBy } : {}) })}
      {hint && !error ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
};

export const TextField = ({
  label,
  error,
  hint,
  className = "",
  ...props
}: FieldProps & ComponentProps<"input">) => (
  <Field label={label} error={error} hint={hint}>
    {({ id, describedBy }) => (
      <input
        id={id}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        className={`${CONTROL} ${className}`}
        {...props}
      />
    )}
  </Field>
);

export const TextAreaField = ({
  label,
  error,
  hint,
  className = "",
  ...props
}: FieldProps & ComponentProps<"textarea">) => (
  <Field label={label} error={error} hint={hint}>
    {({ id, describedBy }) => (
      <textarea
        id={id}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        className={`${CONTROL} font-mono ${className}`}
        {...props}
      />
    )}
  </Field>
);

export const SelectField = ({
  label,
  error,
  hint,
  className = "",
  ...props
}: FieldProps & ComponentProps<"select">) => (
  <Field label={label} error={error} hint={hint}>
    {({ id, describedBy }) => (
      <select
        id={id}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        className={`${CONTROL} ${className}`}
        {...props}
      />
    )}
  </Field>
);

/** Unlabelled controls for compact toolbars; pass an aria-label. */
export const inputClass = CONTROL;
