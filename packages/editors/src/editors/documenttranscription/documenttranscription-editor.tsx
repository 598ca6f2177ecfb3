"use client";

import { featureLabels } from "@taskforge/schema";
import { useEffect, useMemo, useRef, useState } from "react";

import { colorOf, labelColors } from "../../colors";
import { useDocumentPages } from "../../components/document-pages";
import { MIN_ZOOM, ZoomPane, zoomedIn, zoomedOut } from "../../components/zoom-pane";
import { FieldProblems } from "../field-problems";
import { issuesUnder } from "../issues";
import { isTypingTarget } from "../response-editor";
import type { EditorProps } from "../types";
import { AnnotationFields } from "./annotation-fields";
import {
  addAnnotation,
  annotationsOf,
  answerKindsOf,
  newUuid,
  removeAnnotation,
  updateAnnotation,
} from "./annotations";
import type { AnnotationPatch } from "./annotations";
import { PageCanvas } from "./page-canvas";

const BUTTON =
  "rounded-md border border-slate-300 px-3 py-1 text-sm text-slate-800 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none disabled:opacity-50";

/**
 * Pages one at a time (PageUp / PageDown, or a page number), page images or a PDF's pages, zoomed
 * from fit-width; boxes drawn over the page with the chosen feature, and beside the page each
 * box's text and the answers its feature asks for.
 */
export const DocumentTranscriptionEditor = ({
  params,
  value,
  onChange,
  issues,
  readOnly,
}: EditorProps<"documenttranscription">) => {
  const locked = readOnly ?? false;
  const pages = useDocumentPages(params);
  const features = useMemo(() => featureLabels(params.features), [params.features]);
  const labels = [...features.keys()];
  const colors = labelColors(labels);
  const annotations = annotationsOf(value);

  const [page, setPage] = useState(0);
  const [zoom, setZoom] = useState(MIN_ZOOM);
  const [feature, setFeature] = useState(labels[0] ?? "");
  const [selected, setSelected] = useState<string | null>(null);
  // The text box of a just-drawn box takes focus, so the Tasker can type straight away.
  const focusText = useRef<string | null>(null);
  const textInputs = useRef(new Map<string, HTMLTextAreaElement>());

  const pageCount = pages.count;
  const goTo = (next: number) => {
    setPage(Math.min(Math.max(next, 0), pageCount - 1));
    setSelected(null);
  };

  useEffect(() => {
    const uuid = focusText.current;
    if (uuid === null) return;
    focusText.current = null;
    textInputs.current.get(uuid)?.focus();
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      if (event.key === "PageDown") goTo(page + 1);
      else if (event.key === "PageUp") goTo(page - 1);
      else if ((event.key === "Delete" || event.key === "Backspace") && selected && !locked) {
        onChange(removeAnnotation(value, selected));
        setSelected(null);
      } else if (event.key === "Escape") setSelected(null);
      else if (event.key === "+" || event.key === "=") setZoom(zoomedIn(zoom));
      else if (event.key === "-") setZoom(zoomedOut(zoom));
      else if (event.key === "0") setZoom(MIN_ZOOM);
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const relabel = (uuid: string, label: string) => {
    // Answers the new feature does not ask for would be refused; they go with the old label.
    const kinds = answerKindsOf(features.get(label)?.flags);
    const patch: AnnotationPatch = { label };
    if (!kinds.keyValue) Object.assign(patch, { key: undefined, value: undefined });
    if (!kinds.date) patch.date = undefined;
    if (!kinds.money) patch.money = undefined;
    if (!kinds.checkbox) patch.checked = undefined;
    onChange(updateAnnotation(value, uuid, patch));
  };

  const indexed = annotations.map((annotation, index) => ({ annotation, index }));
  const onPage = indexed.filter(({ annotation }) => annotation.page === page);
  const invalid = new Set(
    indexed
      .filter(({ index }) => issuesUnder(issues, ["annotations", index]).length > 0)
      .map(({ annotation }) => annotation.uuid),
  );
  const problemPages = [
    ...new Set(
      indexed
        .filter(({ annotation }) => invalid.has(annotation.uuid) && annotation.page !== page)
        .map(({ annotation }) => annotation.page + 1),
    ),
  ];

  return (
    <div className="space-y-3">
      <div role="group" aria-label="Feature to draw" className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-medium text-slate-800">Draw:</span>
        {labels.map((label) => (
          <button
            key={label}
            type="button"
            aria-pressed={feature === label}
            disabled={locked}
            onClick={() => setFeature(label)}
            className={`flex items-center gap-1.5 rounded-md border px-2.5 py-1 text-sm ${
              feature === label ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300"
            }`}
            title={features.get(label)?.description}
          >
            <span
              aria-hidden="true"
              className="inline-block h-3 w-3 rounded-sm"
              style={{ backgroundColor: colorOf(colors, label) }}
            />
            {label}
          </button>
        ))}
      </div>
      <nav aria-label="Pages" className="flex items-center gap-2">
        <button
          type="button"
          className={BUTTON}
          disabled={page === 0}
          onClick={() => goTo(page - 1)}
        >
          Previous page
        </button>
        <span className="text-sm text-slate-700 tabular-nums" aria-live="polite">
          Page {page + 1} of {pageCount}
        </span>
        <label className="flex items-center gap-1 text-sm text-slate-700">
          Go to page
          <input
            key={page}
            type="number"
            min={1}
            max={pageCount}
            defaultValue={page + 1}
            className="w-16 rounded-md border border-slate-300 px-1.5 py-0.5 tabular-nums"
            onKeyDown={(event) => {
              if (event.key !== "Enter") return;
              event.preventDefault();
              const wanted = Number(event.currentTarget.value);
              if (Number.isInteger(wanted)) goTo(wanted - 1);
            }}
            onBlur={(event) => {
              const wanted = Number(event.currentTarget.value);
              if (Number.isInteger(wanted) && wanted - 1 !== page) goTo(wanted - 1);
            }}
          />
        </label>
        <button
          type="button"
          className={BUTTON}
          disabled={page >= pageCount - 1}
          onClick={() => goTo(page + 1)}
        >
          Next page
        </button>
        <span className="text-xs text-slate-500">PageUp / PageDown</span>
      </nav>
      {problemPages.length > 0 ? (
        <p role="alert" className="text-sm text-red-700">
          Boxes with problems on page {problemPages.join(", ")}.
        </p>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(16rem,2fr)]">
        <div data-page={page}>
          <ZoomPane zoom={zoom} onZoom={setZoom}>
            <PageCanvas
              key={page}
              pages={pages}
              page={page}
              annotations={onPage.map(({ annotation }) => annotation)}
              colors={colors}
              selected={selected}
              invalid={invalid}
              readOnly={locked}
              onSelect={setSelected}
              onDraw={(box) => {
                if (feature === "") return;
                const uuid = newUuid();
                focusText.current = uuid;
                setSelected(uuid);
                onChange(addAnnotation(value, { uuid, page, label: feature, box }));
              }}
              onMove={(uuid, box) => onChange(updateAnnotation(value, uuid, { box }))}
            />
          </ZoomPane>
        </div>
        <div className="space-y-2">
          <h3 className="text-sm font-semibold text-slate-800">
            Boxes on page {page + 1} ({onPage.length})
          </h3>
          {onPage.length === 0 ? (
            <p className="text-sm text-slate-600">
              {locked ? "No boxes on this page." : "Drag on the page to draw a box."}
            </p>
          ) : null}
          <ol aria-label={`Boxes on page ${page + 1}`} className="space-y-2">
            {onPage.map(({ annotation, index }, position) => (
              <AnnotationFields
                key={annotation.uuid}
                annotation={annotation}
                number={position + 1}
                labels={labels}
                feature={features.get(annotation.label)}
                issues={issuesUnder(issues, ["annotations", index])}
                selected={selected === annotation.uuid}
                readOnly={locked}
                textInputRef={(element) => {
                  if (element) textInputs.current.set(annotation.uuid, element);
                  else textInputs.current.delete(annotation.uuid);
                }}
                onSelect={() => setSelected(annotation.uuid)}
                onPatch={(patch) => onChange(updateAnnotation(value, annotation.uuid, patch))}
                onRelabel={(label) => relabel(annotation.uuid, label)}
                onDelete={() => {
                  onChange(removeAnnotation(value, annotation.uuid));
                  setSelected(null);
                }}
              />
            ))}
          </ol>
          <FieldProblems
            issues={issues.filter(
              (issue) => issue.path[0] !== "annotations" || issue.path.length < 2,
            )}
          />
        </div>
      </div>
    </div>
  );
};
