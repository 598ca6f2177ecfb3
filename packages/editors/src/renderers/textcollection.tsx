import type { TextCollectionParams, TextCollectionResponse } from "@taskforge/schema";

import { AttachmentView, NoResponse, Section } from "../components/common";
import { formatValue } from "../format";

/** The attachments, then each field with its answer (a category shows its choice's label). */
export const TextCollectionRenderer = ({
  params,
  response,
}: {
  params: TextCollectionParams;
  response: TextCollectionResponse | undefined;
}) => {
  const answers = response?.annotations ?? {};
  return (
    <div className="space-y-4">
      {params.title ? <p className="font-medium text-slate-900">{params.title}</p> : null}
      {params.description ? <p className="text-sm text-slate-700">{params.description}</p> : null}
      <Section title={`Attachments (${params.attachments.length})`}>
        <div className="space-y-2">
          {params.attachments.map((attachment, index) => (
            <AttachmentView
              key={index}
              type={attachment.type}
              content={attachment.content}
              label={`Attachment ${index + 1}`}
            />
          ))}
        </div>
      </Section>
      <Section title="Fields">
        {response === undefined ? <NoResponse /> : null}
        <dl className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {params.fields.map((field) => {
            const answer = Object.hasOwn(answers, field.field_id)
              ? answers[field.field_id]
              : undefined;
            const labelOf = (value: unknown) =>
              field.choices?.find((choice) => choice.value === value)?.label ?? formatValue(value);
            const shown =
              answer === undefined
                ? "—"
                : field.type === "category"
                  ? (Array.isArray(answer) ? answer : [answer]).map(labelOf).join(", ")
                  : formatValue(answer);
            return (
              <div key={field.field_id} className="grid gap-1 px-3 py-2 sm:grid-cols-3">
                <dt className="text-sm">
                  <span className="font-medium text-slate-900">{field.title}</span>
                  <span className="block text-xs text-slate-500">
                    {field.field_id} · {field.type}
                    {field.required ? " · required" : ""}
                  </span>
                </dt>
                <dd className="text-sm text-slate-900 sm:col-span-2" data-field={field.field_id}>
                  {shown}
                </dd>
              </div>
            );
          })}
        </dl>
      </Section>
    </div>
  );
};
