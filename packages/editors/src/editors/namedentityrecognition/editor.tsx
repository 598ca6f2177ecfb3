"use client";

import { formatIssuePath } from "@taskforge/schema";
import type { NerAnnotation, ResponseIssue } from "@taskforge/schema";
import { Fragment, useEffect, useMemo, useRef, useState } from "react";

import { colorOf, labelColors } from "../../colors";
import { textSegments } from "../../format";
import { issuesUnder } from "../issues";
import { isTypingTarget } from "../response-editor";
import type { EditorProps } from "../types";
import { RelationshipsPanel } from "./relationships";
import { selectionOffsets } from "./selection-dom";
import {
  duplicateOf,
  labelForKey,
  makeAnnotation,
  overlappingAnnotations,
  removeAnnotation,
  selectionToRange,
} from "./spans";
import type { Range } from "./spans";
import { readNerValue } from "./value";
import type { NerValue } from "./value";

const PENDING = "__pending";

const IssueList = ({ issues, label }: { issues: readonly ResponseIssue[]; label: string }) =>
  issues.length === 0 ? null : (
    <ul aria-label={label} className="list-disc pl-5 text-xs text-red-700">
      {issues.map((issue, index) => (
        <li key={index}>
          {issue.path.length > 0 ? <code>{formatIssuePath(issue.path)}: </code> : null}
          {issue.message}
        </li>
      ))}
    </ul>
  );

/**
 * Named entity recognition: select text with the mouse (or the keyboard) to propose a span,
 * then pick its label with a digit key or a label button; click a span to select it, Delete
 * removes it. Spans may overlap (the schema allows it); an exact repeat is refused.
 */
export const NamedEntityRecognitionEditor = ({
  params,
  value,
  onChange,
  issues,
  readOnly,
}: EditorProps<"namedentityrecognition">) => {
  const { text, labels } = params;
  const current = readNerValue(value);
  const { annotations, relationships } = current;
  const textRef = useRef<HTMLParagraphElement>(null);
  const [pending, setPending] = useState<Range | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [snapToWords, setSnapToWords] = useState(true);
  const [notice, setNotice] = useState<string | null>(null);
  // Whether the last mouse-up made a selection: its click must not also select a span.
  const madeSelection = useRef(false);
  const selected = annotations.find((annotation) => annotation.id === selectedId);
  const colors = useMemo(
    () => labelColors([...labels.map((label) => label.name), ...annotations.map((a) => a.label)]),
    [labels, annotations],
  );

  const commit = (next: NerValue) => onChange({ ...value, ...next });

  const applyLabel = (label: string) => {
    if (readOnly) return;
    if (pending) {
      const twin = duplicateOf(annotations, pending, label);
      if (twin) {
        setNotice(`“${twin.text}” is already labeled ${label}.`);
        return;
      }
      const annotation = makeAnnotation(text, pending, label, annotations);
      commit({ annotations: [...annotations, annotation], relationships });
      setPending(null);
      setSelectedId(annotation.id);
      const overlaps = overlappingAnnotations(annotations, pending).length;
      setNotice(
        overlaps > 0
          ? `Labeled “${annotation.text}” ${label}; it overlaps ${overlaps} other span${overlaps > 1 ? "s" : ""}.`
          : `Labeled “${annotation.text}” ${label}.`,
      );
      return;
    }
    if (selected && selected.label !== label) {
      if (duplicateOf(annotations, selected, label)) {
        setNotice(`“${selected.text}” is already labeled ${label}.`);
        return;
      }
      commit({
        annotations: annotations.map((a) => (a.id === selected.id ? { ...a, label } : a)),
        relationships,
      });
      setNotice(`Relabeled “${selected.text}” ${label}.`);
    }
  };

  const remove = (id: string) => {
    if (readOnly) return;
    const gone = annotations.find((annotation) => annotation.id === id);
    commit(removeAnnotation(annotations, relationships, id));
    if (selectedId === id) setSelectedId(null);
    if (gone) setNotice(`Removed “${gone.text}”.`);
  };

  // Latest state for the window key handler, which is bound once.
  const keyState = useRef({ applyLabel, remove, selectedId, pending });
  keyState.current = { applyLabel, remove, selectedId, pending };
  useEffect(() => {
    if (readOnly) return;
    const onKey = (event: KeyboardEvent) => {
      if (isTypingTarget(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const state = keyState.current;
      const label = labelForKey(labels, event.key);
      if (label !== undefined) {
        state.applyLabel(label);
      } else if ((event.key === "Delete" || event.key === "Backspace") && state.selectedId) {
        state.remove(state.selectedId);
      } else if (event.key === "Escape" && (state.pending || state.selectedId)) {
        setPending(null);
        setSelectedId(null);
      } else {
        return;
      }
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [labels, readOnly]);

  /** Turns the page's text selection into the pending span (and clears the native one). */
  const takeSelection = () => {
    const root = textRef.current;
    if (!root || readOnly) return false;
    const offsets = selectionOffsets(root, text.length);
    if (!offsets) return false;
    const range = selectionToRange(text, offsets.anchor, offsets.focus, { snapToWords });
    root.ownerDocument.getSelection()?.removeAllRanges();
    if (!range) return false;
    setPending(range);
    setSelectedId(null);
    setNotice(`Selected “${text.slice(range.start, range.end)}”: press 1–9 or pick a label.`);
    return true;
  };

  const pieces = textSegments<NerAnnotation | (Range & { id: string; label: string })>(
    text,
    pending ? [...annotations, { id: PENDING, label: "", text: "", ...pending }] : annotations,
  );
  const issuesOf = (index: number) => issuesUnder(issues, ["annotations", index]);
  const otherIssues = issues.filter(
    (issue) =>
      !["annotations", "relationships"].includes(String(issue.path[0])) || issue.path.length === 1,
  );

  return (
    <div className="space-y-4" data-editor="namedentityrecognition">
      {readOnly ? null : (
        <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Labels">
          {labels.map((label, index) => {
            const color = colorOf(colors, label.name);
            const active = selected?.label === label.name;
            return (
              <button
                key={label.name}
                type="button"
                aria-pressed={active}
                title={label.description}
                aria-keyshortcuts={index < 9 ? String(index + 1) : undefined}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => applyLabel(label.name)}
                disabled={!pending && !selected}
                className="inline-flex items-center gap-1.5 rounded-md border px-2 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 disabled:opacity-60 aria-pressed:bg-slate-100"
                style={{ borderColor: color }}
              >
                {index < 9 ? (
                  <kbd className="rounded-sm bg-slate-100 px-1 font-mono text-xs text-slate-600">
                    {index + 1}
                  </kbd>
                ) : null}
                <span
                  aria-hidden="true"
                  className="inline-block h-3 w-3 rounded-sm"
                  style={{ backgroundColor: color }}
                />
                {label.name}
              </button>
            );
          })}
          <label className="ml-auto inline-flex items-center gap-1.5 text-xs text-slate-700">
            <input
              type="checkbox"
              checked={snapToWords}
              onChange={(event) => setSnapToWords(event.target.checked)}
            />
            Snap selections to whole words
          </label>
        </div>
      )}

      <p
        ref={textRef}
        aria-label="Text to label"
        data-text-length={text.length}
        onMouseUp={() => {
          // A drag makes a selection; a plain click on a span selects that span instead.
          madeSelection.current = takeSelection();
          if (!madeSelection.current) setPending(null);
        }}
        onKeyUp={(event) => {
          if (event.shiftKey) takeSelection();
        }}
        className="rounded-md border border-slate-200 bg-white p-3 text-base leading-9 whitespace-pre-wrap text-slate-900 select-text"
      >
        {pieces.map((piece) => {
          const spans = piece.spans.filter((span) => span.id !== PENDING);
          const isPending = piece.spans.some((span) => span.id === PENDING);
          const span = spans.find((s) => s.id === selectedId) ?? spans[spans.length - 1];
          const endsHere = spans.filter((covering) => covering.end === piece.end);
          const hasIssue = spans.some(
            (covering) => issuesOf(annotations.indexOf(covering as NerAnnotation)).length > 0,
          );
          const color = span ? colorOf(colors, span.label) : undefined;
          const isSelected = spans.some((s) => s.id === selectedId);
          return (
            <Fragment key={piece.start}>
              <span
                data-offset={piece.start}
                data-entity={span?.id}
                data-label={span?.label}
                data-pending={isPending || undefined}
                title={spans.map((covering) => covering.label).join(", ") || undefined}
                onClick={
                  span && !readOnly
                    ? () => {
                        if (madeSelection.current) return;
                        setSelectedId(span.id);
                        setNotice(
                          `Selected the ${span.label} span “${text.slice(span.start, span.end)}”.`,
                        );
                      }
                    : undefined
                }
                className={[
                  span ? "cursor-pointer rounded-sm px-px" : "",
                  isPending ? "bg-yellow-200 outline-1 outline-yellow-600 outline-dashed" : "",
                  isSelected ? "outline-2 outline-slate-900" : "",
                  hasIssue ? "underline decoration-red-600 decoration-wavy" : "",
                ].join(" ")}
                style={
                  span && !isPending
                    ? { backgroundColor: `${color}33`, boxShadow: `inset 0 -2px 0 ${color}` }
                    : undefined
                }
              >
                {piece.text}
              </span>
              {endsHere.map((covering) => (
                <span
                  key={covering.id}
                  aria-hidden="true"
                  contentEditable={false}
                  className="mx-0.5 rounded-sm border bg-white px-1 align-middle text-[0.65rem] font-semibold text-slate-900 uppercase select-none"
                  style={{ borderColor: colorOf(colors, covering.label) }}
                >
                  {covering.label}
                </span>
              ))}
            </Fragment>
          );
        })}
      </p>
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-slate-700">
        {notice}
      </p>

      <section className="space-y-2" aria-labelledby="ner-entities">
        <h3 id="ner-entities" className="text-sm font-semibold text-slate-800">
          Entities ({annotations.length})
        </h3>
        {annotations.length === 0 ? (
          <p className="text-sm text-slate-600">
            {readOnly ? "No entities." : "Select text, then press 1–9 or click a label."}
          </p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" aria-label="Entities">
            {annotations.map((annotation, index) => {
              const own = issuesOf(index);
              return (
                <li
                  key={annotation.id}
                  data-entity-row={annotation.id}
                  className={`flex flex-wrap items-center gap-2 py-1.5 ${own.length > 0 ? "bg-red-50" : ""}`}
                >
                  <button
                    type="button"
                    aria-pressed={annotation.id === selectedId}
                    onClick={() =>
                      setSelectedId(annotation.id === selectedId ? null : annotation.id)
                    }
                    className="rounded-sm px-1 text-left font-medium hover:underline focus-visible:outline-2 focus-visible:outline-blue-600 aria-pressed:bg-slate-200"
                  >
                    “{annotation.text}”
                  </button>
                  <span className="text-xs text-slate-500 tabular-nums">
                    {annotation.start}–{annotation.end}
                  </span>
                  <span
                    className="rounded-sm px-1.5 text-xs font-semibold text-white"
                    style={{ backgroundColor: colorOf(colors, annotation.label) }}
                  >
                    {annotation.label}
                  </span>
                  {readOnly ? null : (
                    <button
                      type="button"
                      onClick={() => remove(annotation.id)}
                      aria-label={`Remove “${annotation.text}”`}
                      className="ml-auto rounded-sm px-1.5 text-xs text-red-700 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-red-600"
                    >
                      Remove
                    </button>
                  )}
                  <div className="basis-full">
                    <IssueList issues={own} label={`Problems with “${annotation.text}”`} />
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      {params.relationships !== undefined && params.relationships.length > 0 ? (
        <RelationshipsPanel
          types={params.relationships}
          value={current}
          issues={issues}
          readOnly={readOnly}
          onChange={commit}
        />
      ) : null}
      <IssueList issues={otherIssues} label="Other problems" />
    </div>
  );
};
