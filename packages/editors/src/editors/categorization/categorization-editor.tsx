"use client";

import { useEffect } from "react";

import { AttachmentView } from "../../components/common";
import { issuesUnder } from "../issues";
import { FieldProblems } from "../field-problems";
import { isTypingTarget } from "../response-editor";
import type { EditorProps } from "../types";
import { chosenCategories, pressCategory } from "./value";

/** Digits 1–9 press the n-th category. */
const categoryIndexOfKey = (event: KeyboardEvent): number | undefined => {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  if (!/^[1-9]$/.test(event.key)) return undefined;
  return Number(event.key) - 1;
};

export const CategorizationEditor = ({
  params,
  value,
  onChange,
  issues,
  readOnly,
}: EditorProps<"categorization">) => {
  const chosen = new Set(chosenCategories(value));

  useEffect(() => {
    if (readOnly) return;
    const onKey = (event: KeyboardEvent) => {
      if (isTypingTarget(event.target)) return;
      const index = categoryIndexOfKey(event);
      const label = index === undefined ? undefined : params.categories[index];
      if (label === undefined) return;
      event.preventDefault();
      onChange(pressCategory(params, value, label));
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [params, value, onChange, readOnly]);

  const problems = [
    ...issuesUnder(issues, ["category"]),
    ...issuesUnder(issues, ["category_id"]),
    ...issuesUnder(issues, ["category_ids"]),
  ];
  return (
    <div className="space-y-4">
      <section aria-label="Attachment" className="space-y-2">
        <h3 className="text-sm font-semibold text-slate-800">Attachment</h3>
        <AttachmentView type={params.attachment_type} content={params.attachment} />
      </section>
      <fieldset
        className="space-y-2"
        aria-describedby={problems.length > 0 ? "categorization-problems" : undefined}
      >
        <legend className="text-sm font-semibold text-slate-800">
          {params.allow_multiple ? "Choose every category that fits" : "Choose one category"}
          <span className="ml-2 text-xs font-normal text-slate-500">
            keys 1–{Math.min(9, params.categories.length)}
          </span>
        </legend>
        <div
          role="group"
          aria-label="Categories"
          className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3"
        >
          {params.categories.map((label, index) => {
            const isChosen = chosen.has(label);
            const description = params.category_descriptions?.[label];
            return (
              <button
                key={label}
                type="button"
                aria-pressed={isChosen}
                disabled={readOnly}
                onClick={() => onChange(pressCategory(params, value, label))}
                className={`flex min-h-14 items-start gap-3 rounded-lg border-2 px-4 py-3 text-left transition focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none disabled:cursor-default ${
                  isChosen
                    ? "border-emerald-600 bg-emerald-50 text-emerald-950"
                    : "border-slate-200 bg-white text-slate-800 hover:border-slate-400"
                }`}
              >
                {index < 9 ? (
                  <kbd
                    aria-hidden="true"
                    className="mt-0.5 rounded border border-slate-300 bg-slate-50 px-1.5 text-xs text-slate-600"
                  >
                    {index + 1}
                  </kbd>
                ) : null}
                <span className="flex-1">
                  <span className="block font-medium">{label}</span>
                  {description !== undefined ? (
                    <span className="block text-xs text-slate-600">{description}</span>
                  ) : null}
                </span>
                {isChosen ? <span aria-hidden="true">✓</span> : null}
              </button>
            );
          })}
        </div>
        <FieldProblems id="categorization-problems" issues={problems} />
      </fieldset>
    </div>
  );
};
