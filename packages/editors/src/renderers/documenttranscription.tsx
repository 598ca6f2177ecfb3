"use client";

import { featureLabels } from "@taskforge/schema";
import type {
  DocumentAnnotation,
  DocumentTranscriptionParams,
  DocumentTranscriptionResponse,
} from "@taskforge/schema";

import { colorOf, labelColors } from "../colors";
import { formatValue } from "../format";
import { Legend, NoResponse, Section } from "../components/common";
import { DocumentPageStage, useDocumentPages } from "../components/document-pages";
import { round2 } from "../geometry";

/** The answers a document annotation may carry besides its text. */
const extras = (annotation: DocumentAnnotation): [string, unknown][] =>
  (
    [
      ["key", annotation.key],
      ["value", annotation.value],
      ["date", annotation.date],
      ["money", annotation.money],
      ["checked", annotation.checked],
    ] as [string, unknown][]
  ).filter(([, value]) => value !== undefined);

/**
 * Pages (images, or a PDF's pages), each with its boxes drawn and their text listed, plus the
 * features asked for.
 */
export const DocumentTranscriptionRenderer = ({
  params,
  response,
}: {
  params: DocumentTranscriptionParams;
  response: DocumentTranscriptionResponse | undefined;
}) => {
  const pages = useDocumentPages(params);
  const features = [...featureLabels(params.features).values()];
  const annotations = response?.annotations ?? [];
  const colors = labelColors([
    ...features.map((feature) => feature.label ?? ""),
    ...annotations.map((annotation) => annotation.label),
  ]);
  const pageCount = Math.max(pages.count, ...annotations.map((annotation) => annotation.page + 1));
  // A PDF may have thousands of pages: only its first and those with boxes are drawn.
  const shown = Array.from({ length: pageCount }, (_, page) => page).filter(
    (page) =>
      pages.kind === "images" ||
      page === 0 ||
      annotations.some((annotation) => annotation.page === page),
  );

  return (
    <div className="space-y-4">
      <Section title="Features">
        <ul className="space-y-1 text-xs">
          {features.map((feature) => (
            <li key={feature.label} className="flex flex-wrap items-center gap-2">
              <span
                aria-hidden="true"
                className="inline-block h-3 w-3 rounded-sm"
                style={{ backgroundColor: colorOf(colors, feature.label ?? "") }}
              />
              <span className="font-medium">{feature.label}</span>
              <span className="text-slate-500">{feature.type}</span>
              {feature.flags?.length ? (
                <span className="text-slate-600">flags: {feature.flags.join(", ")}</span>
              ) : null}
              {feature.fields?.length ? (
                <span className="text-slate-600">
                  fields: {feature.fields.map((field) => field.key).join(", ")}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      </Section>
      {response === undefined ? <NoResponse /> : null}
      {shown.length < pageCount ? (
        <p className="text-xs text-slate-600">
          {pageCount - shown.length} of the PDF&apos;s {pageCount} pages{" "}
          {pageCount - shown.length === 1 ? "has" : "have"} no boxes and{" "}
          {pageCount - shown.length === 1 ? "is" : "are"} not shown.
        </p>
      ) : null}
      {shown.map((page) => {
        const onPage = annotations.filter((annotation) => annotation.page === page);
        let width = 100;
        let height = 100;
        for (const { location } of onPage) {
          width = Math.max(width, Math.ceil((location.left + location.width) * 1.05));
          height = Math.max(height, Math.ceil((location.top + location.height) * 1.05));
        }
        const fontSize = Math.max(width, height) / 60;
        return (
          <Section key={page} title={`Page ${page + 1}`}>
            <div className="grid gap-4 lg:grid-cols-2">
              <DocumentPageStage
                pages={pages}
                page={page}
                fallbackSize={{ width, height }}
                label={`Page ${page + 1} with ${onPage.length} boxes`}
              >
                {onPage.map((annotation) => {
                  const color = colorOf(colors, annotation.label);
                  const { left, top, width: w, height: h } = annotation.location;
                  return (
                    <g key={annotation.uuid} data-uuid={annotation.uuid}>
                      <title>{`${annotation.label}: ${annotation.text}`}</title>
                      <rect
                        x={left}
                        y={top}
                        width={w}
                        height={h}
                        fill={color}
                        fillOpacity={0.15}
                        stroke={color}
                        strokeWidth={2}
                        vectorEffect="non-scaling-stroke"
                      />
                      <text
                        x={left}
                        y={round2(Math.max(fontSize, top - fontSize / 3))}
                        fontSize={round2(fontSize)}
                        fill={color}
                        stroke="white"
                        strokeWidth={round2(fontSize / 6)}
                        paintOrder="stroke"
                      >
                        {annotation.label}
                      </text>
                    </g>
                  );
                })}
              </DocumentPageStage>
              <dl className="space-y-2 text-sm">
                {onPage.map((annotation) => (
                  <div key={annotation.uuid} className="rounded-md border border-slate-200 p-2">
                    <dt className="text-xs font-medium text-slate-600">{annotation.label}</dt>
                    <dd className="text-slate-900">{annotation.text || "(empty)"}</dd>
                    {extras(annotation).map(([name, value]) => (
                      <dd key={name} className="text-xs text-slate-700">
                        <span className="text-slate-500">{name}:</span> {formatValue(value)}
                      </dd>
                    ))}
                  </div>
                ))}
              </dl>
            </div>
          </Section>
        );
      })}
      <Legend
        entries={[...new Set(annotations.map((annotation) => annotation.label))].map((label) => ({
          label,
          color: colorOf(colors, label),
          count: annotations.filter((annotation) => annotation.label === label).length,
        }))}
      />
    </div>
  );
};
