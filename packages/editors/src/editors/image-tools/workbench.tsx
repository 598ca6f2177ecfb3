"use client";

import { indexLabels } from "@taskforge/schema";
import type { Annotation, Geometries, GeometryType, ResponseIssue } from "@taskforge/schema";
import { useState } from "react";
import type { ReactNode } from "react";

import { labelColors } from "../../colors";
import { geometryLabels } from "../../renderers/imageannotation";
import { withAttribute } from "./attributes";
import type { AttributeDefinitions } from "./attributes";
import { AttributesForm } from "./attributes-form";
import { DrawingCanvas } from "./canvas";
import type { CanvasMedia } from "./canvas";
import { LabelPicker } from "./label-picker";
import type { Size } from "./shape-geometry";
import { isGeometryTool, TOOL_KEYS, TOOL_NAMES, toolsFor } from "./tools";
import type { Tool } from "./tools";

/** "annotations › 3 › width: must be …" for issues no shape field shows. */
export const issueText = (issue: ResponseIssue): string =>
  issue.path.length === 0 ? issue.message : `${issue.path.join(" › ")}: ${issue.message}`;

export type WorkbenchProps = {
  geometries: Geometries;
  annotationAttributes: AttributeDefinitions | undefined;
  media: CanvasMedia;
  size: Size | undefined;
  /** The shapes on the canvas (one image, or one video frame). */
  annotations: readonly Annotation[];
  /** Issues of annotation `index`, paths relative to it (`["width"]`, `["attributes", "x"]`). */
  issuesOf: (annotation: Annotation, index: number) => ResponseIssue[];
  onCreate: (annotation: Annotation) => void;
  onUpdate: (annotation: Annotation) => void;
  onDelete: (uuid: string) => void;
  selected: string | undefined;
  onSelect: (uuid: string | undefined) => void;
  readOnly: boolean;
  canvasLabel: string;
  /** Above the canvas (a video's frame controls). */
  header?: ReactNode;
  /** Below the annotation list (global attributes, tracks, events). */
  footer?: ReactNode;
  /** Issues that belong to no shape on the canvas. */
  otherIssues: readonly ResponseIssue[];
  /** Said under the toolbar, e.g. which track a new shape continues. */
  hint?: string | undefined;
  /** Read-only context shapes under the work (see `CanvasProps.backdrop`). */
  backdrop?: readonly Annotation[] | undefined;
};

const firstLeaf = (geometries: Geometries, type: GeometryType): string | undefined => {
  const geometry = geometries[type];
  return geometry ? indexLabels(geometry.objects_to_annotate).leaves[0] : undefined;
};

/** Toolbar, canvas, label picker, attributes of the selected shape and the list of shapes. */
export const Workbench = (props: WorkbenchProps) => {
  const { geometries, annotations, selected, readOnly } = props;
  const tools = toolsFor(geometries);
  const firstGeometry = tools.find(isGeometryTool);
  const [tool, setTool] = useState<Tool>(readOnly ? "select" : (firstGeometry ?? "select"));
  const [labels, setLabels] = useState<Partial<Record<GeometryType, string>>>({});
  const colors = labelColors(geometryLabels(geometries));
  const selectedShape = annotations.find((annotation) => annotation.uuid === selected);
  const selectedIndex = selectedShape ? annotations.indexOf(selectedShape) : -1;
  const labelType: GeometryType | undefined =
    selectedShape?.type ?? (isGeometryTool(tool) ? tool : firstGeometry);
  const labelFor = (type: GeometryType) => labels[type] ?? firstLeaf(geometries, type);
  const issueLists = annotations.map((annotation, index) => props.issuesOf(annotation, index));
  const invalid = new Set(
    annotations.filter((_, index) => (issueLists[index]?.length ?? 0) > 0).map((a) => a.uuid),
  );

  const pickLabel = (label: string) => {
    if (!labelType) return;
    setLabels({ ...labels, [labelType]: label });
    if (selectedShape && selectedShape.label !== label && !readOnly) {
      props.onUpdate({
        ...selectedShape,
        label,
        attributes: withAttribute(
          props.annotationAttributes,
          selectedShape.attributes,
          undefined,
          undefined,
          { global: false, label, type: selectedShape.type, geometries },
        ),
      });
    }
  };

  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <div className="min-w-0 space-y-2">
        {props.header}
        <div role="toolbar" aria-label="Tools" className="flex flex-wrap gap-1">
          {tools.map((candidate) => (
            <button
              key={candidate}
              type="button"
              aria-pressed={tool === candidate}
              disabled={readOnly && isGeometryTool(candidate)}
              title={`${TOOL_NAMES[candidate]} (${TOOL_KEYS[candidate]})`}
              onClick={() => setTool(candidate)}
              className={`rounded-md border px-2.5 py-1 text-sm focus-visible:outline-2 focus-visible:outline-brand-600 disabled:opacity-50 ${
                tool === candidate
                  ? "border-brand-600 bg-brand-50 text-brand-800"
                  : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"
              }`}
            >
              {TOOL_NAMES[candidate]}
              <kbd className="ml-1 text-xs text-slate-400">{TOOL_KEYS[candidate]}</kbd>
            </button>
          ))}
        </div>
        {props.hint ? <p className="text-xs text-slate-600">{props.hint}</p> : null}
        <DrawingCanvas
          media={props.media}
          size={props.size}
          geometries={geometries}
          annotations={annotations}
          colors={colors}
          tool={tool}
          onTool={setTool}
          labelFor={labelFor}
          selected={selected}
          onSelect={props.onSelect}
          onCreate={props.onCreate}
          onUpdate={props.onUpdate}
          onDelete={props.onDelete}
          invalid={invalid}
          readOnly={readOnly}
          label={props.canvasLabel}
          backdrop={props.backdrop}
        />
      </div>
      <aside aria-label="Annotation details" className="space-y-4 text-sm">
        {labelType && geometries[labelType] ? (
          <LabelPicker
            key={labelType}
            title={
              selectedShape
                ? `Label of the selected ${selectedShape.type}`
                : `Label for a new ${TOOL_NAMES[labelType].toLowerCase()}`
            }
            choices={geometries[labelType].objects_to_annotate}
            value={selectedShape?.label ?? labelFor(labelType)}
            onPick={pickLabel}
            colors={colors}
            disabled={readOnly && selectedShape !== undefined}
          />
        ) : null}
        {selectedShape ? (
          <AttributesForm
            title="Attributes"
            definitions={props.annotationAttributes}
            values={selectedShape.attributes}
            scope={{
              global: false,
              label: selectedShape.label,
              type: selectedShape.type,
              geometries,
            }}
            issues={(issueLists[selectedIndex] ?? [])
              .filter((issue) => issue.path[0] === "attributes")
              .map((issue) => ({ ...issue, path: issue.path.slice(1) }))}
            readOnly={readOnly}
            onChange={(attributes) => {
              const next = { ...selectedShape };
              if (attributes === undefined) delete next.attributes;
              else next.attributes = attributes;
              props.onUpdate(next);
            }}
          />
        ) : null}
        <div className="space-y-1">
          <h3 className="text-sm font-semibold text-slate-800">Shapes ({annotations.length})</h3>
          {annotations.length === 0 ? (
            <p className="text-slate-600">No shapes yet.</p>
          ) : (
            <ol aria-label="Shapes" className="space-y-1">
              {annotations.map((annotation, index) => {
                const problems = issueLists[index] ?? [];
                return (
                  <li
                    key={annotation.uuid}
                    data-uuid={annotation.uuid}
                    data-invalid={problems.length > 0}
                    className={`rounded-md border px-2 py-1 ${
                      problems.length > 0 ? "border-red-300 bg-red-50" : "border-slate-200"
                    }`}
                  >
                    <div className="flex items-center gap-2">
                      <button
                        type="button"
                        aria-pressed={annotation.uuid === selected}
                        onClick={() =>
                          props.onSelect(annotation.uuid === selected ? undefined : annotation.uuid)
                        }
                        className="flex-1 truncate text-left focus-visible:outline-2 focus-visible:outline-brand-600"
                      >
                        <span className="font-medium">{annotation.label}</span>{" "}
                        <span className="text-slate-500">{annotation.type}</span>
                      </button>
                      {readOnly ? null : (
                        <button
                          type="button"
                          aria-label={`Delete ${annotation.label} ${annotation.type}`}
                          onClick={() => props.onDelete(annotation.uuid)}
                          className="rounded px-1 text-slate-500 hover:bg-slate-100 hover:text-red-700 focus-visible:outline-2 focus-visible:outline-brand-600"
                        >
                          ×
                        </button>
                      )}
                    </div>
                    {problems.length > 0 ? (
                      <ul className="mt-0.5 text-xs text-red-700">
                        {problems.map((issue, i) => (
                          <li key={i}>{issueText(issue)}</li>
                        ))}
                      </ul>
                    ) : null}
                  </li>
                );
              })}
            </ol>
          )}
        </div>
        {props.footer}
        {props.otherIssues.length > 0 ? (
          <ul aria-label="Other problems" className="space-y-0.5 text-xs text-red-700">
            {props.otherIssues.map((issue, i) => (
              <li key={i}>{issueText(issue)}</li>
            ))}
          </ul>
        ) : null}
      </aside>
    </div>
  );
};
