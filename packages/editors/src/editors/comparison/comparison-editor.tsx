"use client";

import type { ComparisonField, ComparisonParams, ResponseIssue } from "@taskforge/schema";
import { useEffect } from "react";

import { AttachmentView } from "../../components/common";
import { FieldProblems } from "../field-problems";
import { issuesUnder } from "../issues";
import { isTypingTarget } from "../response-editor";
import type { EditorProps, EditorValue } from "../types";
import { rankingOf, ratingOf, ratingSteps, withRating, withRationale } from "./ranking";
import { RankingList } from "./ranking-list";

const PILL =
  "rounded-md border px-3 py-1.5 text-sm focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none disabled:cursor-default";
const pillState = (on: boolean) =>
  on
    ? "border-emerald-600 bg-emerald-50 font-semibold text-emerald-950"
    : "border-slate-300 bg-white text-slate-800 hover:border-slate-500";

/** One output's rating on one field: a button per step, or a number box for wide scales. */
const RatingInput = ({
  field,
  attachment,
  value,
  onRate,
  problems,
  readOnly,
}: {
  field: ComparisonField;
  attachment: number;
  value: number | undefined;
  onRate: (rating: number) => void;
  problems: readonly ResponseIssue[];
  readOnly: boolean;
}) => {
  const name = `${field.title} of Output ${attachment + 1}`;
  const steps = ratingSteps(field.min, field.max);
  const problemsId = `rating-${field.field_id}-${attachment}-problems`;
  return (
    <div className="space-y-1" data-rating={field.field_id}>
      <p
        className="text-xs font-medium text-slate-700"
        id={`rating-${field.field_id}-${attachment}`}
      >
        {field.title}
        {field.required ? <span className="text-red-700"> *</span> : null}
        <span className="ml-1 font-normal text-slate-500">
          ({field.min}–{field.max})
        </span>
      </p>
      {steps ? (
        <div
          role="radiogroup"
          aria-label={name}
          aria-describedby={problems.length > 0 ? problemsId : undefined}
          className="flex flex-wrap gap-1"
        >
          {steps.map((step) => (
            <button
              key={step}
              type="button"
              role="radio"
              aria-checked={value === step}
              aria-label={`${name}: ${step}`}
              disabled={readOnly}
              onClick={() => onRate(step)}
              className={`${PILL} min-w-9 px-2 ${pillState(value === step)}`}
            >
              {step}
            </button>
          ))}
        </div>
      ) : (
        <input
          type="number"
          aria-label={name}
          min={field.min}
          max={field.max}
          step="any"
          disabled={readOnly}
          value={value ?? ""}
          onChange={(event) => {
            const number = Number(event.target.value);
            if (event.target.value !== "" && Number.isFinite(number)) onRate(number);
          }}
          className="block w-28 rounded-md border border-slate-300 px-2 py-1 text-sm"
        />
      )}
      <FieldProblems id={problemsId} issues={problems} />
    </div>
  );
};

type Option = { label: string; choice: string | number };

/** The options of choice mode: the params' choices, else the outputs themselves (by index). */
const optionsOf = (params: ComparisonParams): Option[] =>
  params.choices
    ? params.choices.map((choice) => ({ label: choice, choice }))
    : params.attachments.map((_, index) => ({ label: `Output ${index + 1}`, choice: index }));

/** How the Tasker decides between the outputs in choice mode; digits 1–9 press the options. */
const ChoiceButtons = ({
  params,
  value,
  onChange,
  readOnly,
}: {
  params: ComparisonParams;
  value: EditorValue;
  onChange: (value: EditorValue) => void;
  readOnly: boolean;
}) => {
  const options = optionsOf(params);
  useEffect(() => {
    if (readOnly) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      const option = /^[1-9]$/.test(event.key) ? options[Number(event.key) - 1] : undefined;
      if (option === undefined) return;
      event.preventDefault();
      onChange({ ...value, choice: option.choice });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [options, value, onChange, readOnly]);
  return (
    <div role="group" aria-label="Choice" className="flex flex-wrap gap-2">
      {options.map(({ label, choice }, index) => (
        <button
          key={label}
          type="button"
          aria-pressed={value["choice"] === choice}
          disabled={readOnly}
          onClick={() => onChange({ ...value, choice })}
          className={`${PILL} ${pillState(value["choice"] === choice)}`}
        >
          {index < 9 ? (
            <kbd aria-hidden="true" className="mr-2 text-xs text-slate-500">
              {index + 1}
            </kbd>
          ) : null}
          {label}
        </button>
      ))}
    </div>
  );
};

/** The outputs side by side with their ratings, then the choice or ranking, then the rationale. */
export const ComparisonEditor = ({
  params,
  value,
  onChange,
  issues,
  readOnly,
}: EditorProps<"comparison">) => {
  const locked = readOnly ?? false;
  const order = rankingOf(value, params.attachments.length);
  const rationale = typeof value["rationale"] === "string" ? value["rationale"] : "";
  const rationaleProblems = issuesUnder(issues, ["rationale"]);
  const decision = params.mode === "ranking" ? "ranking" : "choice";
  const decisionProblems = issuesUnder(issues, [decision]).map((issue) =>
    typeof issue.path[0] === "number"
      ? { path: [], message: `rank ${issue.path[0] + 1} ${issue.message}` }
      : issue,
  );
  return (
    <div className="space-y-6">
      <ol
        aria-label="Outputs"
        className="grid gap-3"
        style={{ gridTemplateColumns: "repeat(auto-fit, minmax(14rem, 1fr))" }}
      >
        {params.attachments.map((attachment, index) => (
          <li
            key={index}
            data-output={index}
            className="space-y-3 rounded-lg border border-slate-200 bg-white p-3"
          >
            <h3 className="text-sm font-semibold text-slate-800">Output {index + 1}</h3>
            <AttachmentView
              type={attachment.type}
              content={attachment.content}
              label={`Output ${index + 1}`}
            />
            {(params.fields ?? []).map((field) => {
              const fieldIssues = issuesUnder(issues, ["ratings", field.field_id]);
              // A problem of the whole field (missing, wrong length) shows under every output.
              const rating = ratingOf(value, field.field_id, index);
              const problems = fieldIssues
                .filter((issue) => issue.path.length === 0 || issue.path[0] === index)
                .map((issue) => ({
                  path: [],
                  // An unrated output is a null in the ratings; the schema's words for it are cryptic.
                  message:
                    issue.path.length === 1 && rating === undefined
                      ? "is not rated yet"
                      : issue.message,
                }));
              return (
                <RatingInput
                  key={field.field_id}
                  field={field}
                  attachment={index}
                  value={rating}
                  onRate={(rating) =>
                    onChange(withRating(params, value, field.field_id, index, rating))
                  }
                  problems={problems}
                  readOnly={locked}
                />
              );
            })}
          </li>
        ))}
      </ol>
      <section aria-label={decision === "ranking" ? "Ranking" : "Choice"} className="space-y-2">
        <h3 className="text-sm font-semibold text-slate-800">
          {decision === "ranking"
            ? "Rank the outputs, best first"
            : params.choices
              ? "Your verdict"
              : "Choose the best output"}
        </h3>
        {decision === "ranking" ? (
          <RankingList
            attachments={params.attachments}
            order={order}
            onOrder={(ranking) => onChange({ ...value, ranking })}
            readOnly={locked}
          />
        ) : (
          <ChoiceButtons params={params} value={value} onChange={onChange} readOnly={locked} />
        )}
        <FieldProblems issues={decisionProblems} />
      </section>
      <div className="space-y-1">
        <label htmlFor="comparison-rationale" className="block text-sm font-medium text-slate-900">
          Rationale
          {params.require_rationale ? (
            <span className="text-red-700" aria-hidden="true">
              {" "}
              *
            </span>
          ) : (
            <span className="ml-1 text-xs font-normal text-slate-500">(optional)</span>
          )}
        </label>
        <textarea
          id="comparison-rationale"
          rows={3}
          readOnly={locked}
          aria-required={params.require_rationale || undefined}
          aria-invalid={rationaleProblems.length > 0 || undefined}
          aria-describedby={
            rationaleProblems.length > 0 ? "comparison-rationale-problems" : undefined
          }
          value={rationale}
          onChange={(event) => onChange(withRationale(value, event.target.value))}
          className={`block w-full rounded-md border px-3 py-2 text-sm ${
            rationaleProblems.length > 0 ? "border-red-500" : "border-slate-300"
          }`}
        />
        <FieldProblems id="comparison-rationale-problems" issues={rationaleProblems} />
      </div>
    </div>
  );
};
