"use client";

import { useState } from "react";
import type { PointerEvent as ReactPointerEvent } from "react";

import { colorOf } from "../../colors";
import { DocumentPageStage } from "../../components/document-pages";
import type { DocumentPages } from "../../components/document-pages";
import type { Point } from "../../geometry";
import type { DraftAnnotation } from "./annotations";
import { boxFromDrag, isDrawnBox, moveBox } from "./box-math";
import type { Box, PageSize } from "./box-math";

type Gesture =
  | { kind: "draw"; pointerId: number; start: Point; box: Box }
  | { kind: "move"; pointerId: number; uuid: string; start: Point; from: Box; box: Box };

/** The pointer's position in page pixels, and the page's size, read from the stage's SVG. */
const pagePoint = (event: ReactPointerEvent<SVGElement>): { point: Point; page: PageSize } => {
  const target = event.currentTarget;
  const svg = target instanceof SVGSVGElement ? target : target.ownerSVGElement;
  const matrix = svg?.getScreenCTM();
  const view = svg?.viewBox.baseVal;
  if (!svg || !matrix || !view) return { point: { x: 0, y: 0 }, page: { width: 0, height: 0 } };
  const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
  return { point: { x: point.x, y: point.y }, page: { width: view.width, height: view.height } };
};

/**
 * One page with its boxes over it. Dragging on the page draws a box of the chosen feature;
 * pressing a box selects it and dragging it moves it. Gestures stay local until the pointer is
 * released, so each box drawn or moved is one change.
 */
export const PageCanvas = ({
  pages,
  page,
  annotations,
  colors,
  selected,
  invalid,
  readOnly,
  onSelect,
  onDraw,
  onMove,
}: {
  pages: DocumentPages;
  /** 0-based, as responses number pages. */
  page: number;
  annotations: readonly DraftAnnotation[];
  colors: ReadonlyMap<string, string>;
  selected: string | null;
  invalid: ReadonlySet<string>;
  readOnly: boolean;
  onSelect: (uuid: string | null) => void;
  onDraw: (box: Box) => void;
  onMove: (uuid: string, box: Box) => void;
}) => {
  const [gesture, setGesture] = useState<Gesture | null>(null);

  const begin = (event: ReactPointerEvent<SVGElement>, annotation?: DraftAnnotation) => {
    if (event.button !== 0) return;
    event.stopPropagation();
    if (annotation) onSelect(annotation.uuid);
    else onSelect(null);
    if (readOnly) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const { point } = pagePoint(event);
    const zero = { left: point.x, top: point.y, width: 0, height: 0 };
    setGesture(
      annotation
        ? {
            kind: "move",
            pointerId: event.pointerId,
            uuid: annotation.uuid,
            start: point,
            from: annotation.location,
            box: annotation.location,
          }
        : { kind: "draw", pointerId: event.pointerId, start: point, box: zero },
    );
  };
  const track = (event: ReactPointerEvent<SVGElement>) => {
    if (!gesture || gesture.pointerId !== event.pointerId) return;
    const { point, page: size } = pagePoint(event);
    const box =
      gesture.kind === "draw"
        ? boxFromDrag(gesture.start, point, size)
        : moveBox(gesture.from, point.x - gesture.start.x, point.y - gesture.start.y, size);
    setGesture({ ...gesture, box });
  };
  const end = (event: ReactPointerEvent<SVGElement>) => {
    if (!gesture || gesture.pointerId !== event.pointerId) return;
    setGesture(null);
    if (gesture.kind === "draw") {
      if (isDrawnBox(gesture.box)) onDraw(gesture.box);
    } else if (gesture.box.left !== gesture.from.left || gesture.box.top !== gesture.from.top) {
      onMove(gesture.uuid, gesture.box);
    }
  };
  const handlers = {
    onPointerMove: track,
    onPointerUp: end,
    onPointerCancel: () => setGesture(null),
  };

  return (
    <DocumentPageStage
      pages={pages}
      page={page}
      fallbackSize={{ width: 1000, height: 1300 }}
      label={`Page ${page + 1} with ${annotations.length} boxes`}
    >
      <rect
        data-drawing-surface=""
        x={0}
        y={0}
        width="100%"
        height="100%"
        fill="transparent"
        className={readOnly ? undefined : "cursor-crosshair"}
        onPointerDown={(event) => begin(event)}
        {...handlers}
      />
      {annotations.map((annotation) => {
        const moving = gesture?.kind === "move" && gesture.uuid === annotation.uuid;
        const box = moving ? gesture.box : annotation.location;
        const color = invalid.has(annotation.uuid) ? "#dc2626" : colorOf(colors, annotation.label);
        const isSelected = selected === annotation.uuid;
        return (
          <rect
            key={annotation.uuid}
            data-uuid={annotation.uuid}
            data-selected={isSelected ? "true" : undefined}
            x={box.left}
            y={box.top}
            width={box.width}
            height={box.height}
            fill={color}
            fillOpacity={isSelected ? 0.3 : 0.12}
            stroke={color}
            strokeWidth={isSelected ? 3 : 2}
            strokeDasharray={invalid.has(annotation.uuid) ? "6 3" : undefined}
            vectorEffect="non-scaling-stroke"
            className={readOnly ? "cursor-pointer" : "cursor-move"}
            onPointerDown={(event) => begin(event, annotation)}
            {...handlers}
          >
            <title>{`${annotation.label}: ${annotation.text}`}</title>
          </rect>
        );
      })}
      {gesture?.kind === "draw" ? (
        <rect
          data-draft=""
          x={gesture.box.left}
          y={gesture.box.top}
          width={gesture.box.width}
          height={gesture.box.height}
          fill="none"
          stroke="#2563eb"
          strokeWidth={2}
          strokeDasharray="4 3"
          vectorEffect="non-scaling-stroke"
          pointerEvents="none"
        />
      ) : null}
    </DocumentPageStage>
  );
};
