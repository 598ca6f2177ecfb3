"use client";

import type { ResponseIssue, TextCollectionField } from "@taskforge/schema";

import { AttachmentView } from "../../components/common";
import { FieldProblems } from "../field-problems";
import { issuesUnder } from "../issues";
import type { EditorProps } from "../types";
import { answerOf, withAnswer } from "./answers";
import { FieldInput } from "./field-input";

/** "[2]" means little under a field: an entry's problem names the entry instead. */
const entryWise = (issues: readonly ResponseIssue[]): ResponseIssue[] =>
  issues.map((issue) => {
    const [first, ...rest] = issue.path;
    return typeof first === "number"
      ? { path: rest, message: `answer ${first + 1} ${issue.message}` }
      : issue;
  });

const hintOf = (field: TextCollectionField): string | undefined => {
  const parts: string[] = [];
  if (field.type === "number" && (field.min !== undefined || field.max !== undefined)) {
    parts.push(
      field.min !== undefined && field.max !== undefined
        ? `from ${field.min} to ${field.max}`
        : field.min !== undefined
          ? `at least ${field.min}`
          : `at most ${field.max}`,
    );
  }
  if (field.type === "datetime") parts.push("UTC");
  if (field.max_responses_required > 1) {
    parts.push(`${field.min_responses_required}–${field.max_responses_required} answers`);
  }
  return parts.length === 0 ? undefined : parts.join(" · ");
};

/** A form generated from the task's fields, with each problem under its field. */
export const TextCollectionEditor = ({
  params,
  value,
  onChange,
  issues,
  readOnly,
}: EditorProps<"textcollection">) => (
  <div className="space-y-6">
    {params.title ? (
      <h3 className="text-base font-semibold text-slate-900">{params.title}</h3>
    ) : null}
    {params.description ? (
      <p className="text-sm whitespace-pre-wrap text-slate-700">{params.description}</p>
    ) : null}
    <section aria-label="Attachments" className="space-y-2">
      {params.attachments.map((attachment, index) => (
        <AttachmentView
          key={index}
          type={attachment.type}
          content={attachment.content}
          label={`Attachment ${index + 1}`}
        />
      ))}
    </section>
    <div className="space-y-5">
      {params.fields.map((field) => {
        const inputId = `field-${field.field_id}`;
        const problems = entryWise(issuesUnder(issues, ["annotations", field.field_id]));
        const hint = hintOf(field);
        const describedBy =
          [
            field.description ? `${inputId}-description` : undefined,
            problems.length > 0 ? `${inputId}-problems` : undefined,
          ]
            .filter(Boolean)
            .join(" ") || undefined;
        // A choice group is named by its title; a <label> would press the first option when clicked.
        const Title = field.type === "category" || field.type === "boolean" ? "span" : "label";
        return (
          <div key={field.field_id} className="space-y-1.5" data-field={field.field_id}>
            <Title
              id={`${inputId}-label`}
              htmlFor={Title === "label" ? inputId : undefined}
              className="block text-sm font-medium text-slate-900"
            >
              {field.title}
              {field.required ? (
                <span className="ml-0.5 text-red-700" aria-hidden="true">
                  *
                </span>
              ) : (
                <span className="ml-1 text-xs font-normal text-slate-500">(optional)</span>
              )}
              {field.required ? <span className="sr-only"> (required)</span> : null}
              {hint ? (
                <span className="ml-2 text-xs font-normal text-slate-500">{hint}</span>
              ) : null}
            </Title>
            {field.description ? (
              <p id={`${inputId}-description`} className="text-xs text-slate-600">
                {field.description}
              </p>
            ) : null}
            <FieldInput
              field={field}
              inputId={inputId}
              answer={answerOf(value, field.field_id)}
              onAnswer={(answer) => onChange(withAnswer(value, field.field_id, answer))}
              invalid={problems.length > 0}
              describedBy={describedBy}
              readOnly={readOnly ?? false}
            />
            <FieldProblems id={`${inputId}-problems`} issues={problems} />
          </div>
        );
      })}
    </div>
  </div>
);
