import type {
  NamedEntityRecognitionParams,
  NamedEntityRecognitionResponse,
} from "@taskforge/schema";

import { Fragment } from "react";

import { colorOf, labelColors } from "../colors";
import { Legend, NoResponse, Section } from "../components/common";
import { textSegments } from "../format";

/** The text with each entity highlighted in its label's colour, and the relationships. */
export const NamedEntityRecognitionRenderer = ({
  params,
  response,
}: {
  params: NamedEntityRecognitionParams;
  response: NamedEntityRecognitionResponse | undefined;
}) => {
  const annotations = response?.annotations ?? [];
  const colors = labelColors([
    ...params.labels.map((label) => label.name),
    ...annotations.map((annotation) => annotation.label),
  ]);
  const byId = new Map(annotations.map((annotation) => [annotation.id, annotation]));
  const segments = textSegments(params.text, annotations);
  return (
    <div className="space-y-4">
      <p className="rounded-md border border-slate-200 bg-white p-3 leading-8 whitespace-pre-wrap text-slate-900">
        {segments.map((segment) => {
          // The innermost (last-starting) span decides the colour of a nested piece.
          const span = segment.spans[segment.spans.length - 1];
          if (!span) return <span key={segment.start}>{segment.text}</span>;
          const color = colorOf(colors, span.label);
          const labels = segment.spans.map((covering) => covering.label).join(", ");
          const endsHere = segment.spans.filter((covering) => covering.end === segment.end);
          return (
            <Fragment key={segment.start}>
              <mark
                data-entity={span.id}
                data-label={span.label}
                title={labels}
                className="rounded-sm px-0.5 text-slate-900"
                style={{ backgroundColor: `${color}33`, boxShadow: `inset 0 -2px 0 ${color}` }}
              >
                {segment.text}
              </mark>
              {endsHere.map((covering) => (
                <span
                  key={covering.id}
                  className="mx-0.5 rounded-sm border bg-white px-1 align-middle text-[0.65rem] font-semibold text-slate-900 uppercase"
                  style={{ borderColor: colorOf(colors, covering.label) }}
                >
                  {covering.label}
                </span>
              ))}
            </Fragment>
          );
        })}
      </p>
      <Legend
        entries={params.labels.map((label) => ({
          label: label.name,
          color: colorOf(colors, label.name),
          count: annotations.filter((annotation) => annotation.label === label.name).length,
        }))}
      />
      {response === undefined ? <NoResponse /> : null}
      {(response?.relationships.length ?? 0) > 0 ? (
        <Section title="Relationships">
          <ul className="space-y-1 text-sm" aria-label="Relationships">
            {response?.relationships.map((relationship) => (
              <li key={relationship.id}>
                <span className="font-medium">
                  {byId.get(relationship.source_ref)?.text ?? relationship.source_ref}
                </span>{" "}
                <span className="text-slate-600">→ {relationship.name ?? "related to"} →</span>{" "}
                <span className="font-medium">
                  {byId.get(relationship.target_ref)?.text ?? relationship.target_ref}
                </span>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </div>
  );
};
