"use client";

import type { Annotation, Geometries } from "@taskforge/schema";
import { useCallback, useEffect, useRef, useState } from "react";
import type { PointerEvent as ReactPointerEvent } from "react";

import { AnnotationLayer, AnnotationShape } from "../../components/shapes";
import { drawingSize, pointsAttribute } from "../../geometry";
import type { Point } from "../../geometry";
import { isTypingTarget } from "../response-editor";
import { dragHandle, handlesOf, hitHandle } from "./handles";
import type { Handle } from "./handles";
import {
  clampPoint,
  cuboidFromFace,
  distance,
  ellipseFromRect,
  hitTest,
  rectFromCorners,
  removeVertex,
  roundAnnotation,
  translateAnnotation,
} from "./shape-geometry";
import type { Rect, Size } from "./shape-geometry";
import { seekVideo } from "./seek-video";
import { isGeometryTool, TOOL_KEYS } from "./tools";
import type { Tool } from "./tools";
import { fitView, panBy, toImage, wheelFactor, zoomAbout } from "./viewport";
import type { View } from "./viewport";

/*
 * Why SVG and not Konva: the read-only renderers already draw every geometry as SVG in image
 * pixels (components/shapes.tsx), so the editor reuses them shape for shape instead of keeping a
 * second drawing of each geometry; one `transform` on a group gives pan and zoom while every
 * coordinate stays in image pixels; SVG renders on the server without a DOM shim (no client-only
 * loading); and all hit testing, handle maths and resizing are plain functions (shape-geometry.ts,
 * handles.ts) unit-tested without a browser. Konva's Transformer would only have replaced
 * `resizeBox`/`rotationTowards`, at the cost of a canvas nobody can inspect.
 */

/** What the shapes are drawn on: an image, or a video held at a time (seconds). */
export type CanvasMedia =
  { kind: "image"; src: string | undefined } | { kind: "video"; src: string; time: number };

export type CanvasProps = {
  media: CanvasMedia;
  /** The size the params give; else the media's own once loaded. */
  size: Size | undefined;
  geometries: Geometries;
  annotations: readonly Annotation[];
  colors: ReadonlyMap<string, string>;
  tool: Tool;
  onTool: (tool: Tool) => void;
  /** The label a new shape of a geometry gets. */
  labelFor: (type: Annotation["type"]) => string | undefined;
  selected: string | undefined;
  onSelect: (uuid: string | undefined) => void;
  /** A shape was drawn (uuid, label given); one call per finished gesture. */
  onCreate: (annotation: Annotation) => void;
  /** A shape was moved or reshaped; one call per finished gesture. */
  onUpdate: (annotation: Annotation) => void;
  onDelete: (uuid: string) => void;
  /** uuids of shapes with problems: drawn in red. */
  invalid: ReadonlySet<string>;
  readOnly?: boolean | undefined;
  label: string;
  /** Read-only context shapes drawn under the work (Scale's legacy `layers`); never selectable. */
  backdrop?: readonly Annotation[] | undefined;
};

type Gesture =
  | { kind: "pan"; start: Point; view: View }
  | { kind: "rect"; tool: "box" | "ellipse" | "cuboid"; from: Point; to: Point }
  | { kind: "move"; start: Point; original: Annotation; moved: boolean }
  | { kind: "handle"; handle: Handle; original: Annotation; moved: boolean };

const INVALID_COLOR = "#dc2626";
const BACKDROP_COLOR = "#64748b";
/** Screen pixels: how close a click must be to a shape, handle or first vertex. */
const TOLERANCE = 7;
/** Screen pixels: a smaller drag is a click, not a shape. */
const MIN_DRAG = 3;

const isControl = (target: EventTarget | null): boolean =>
  target instanceof Element && target.closest("button, a, select, [role='button']") !== null;

const vertexMinimum = (geometries: Geometries, type: "polygon" | "line"): number => {
  const floor = type === "polygon" ? 3 : 2;
  return Math.max(floor, geometries[type]?.min_vertices ?? floor);
};

export const DrawingCanvas = (props: CanvasProps) => {
  const {
    media,
    geometries,
    annotations,
    colors,
    tool,
    selected,
    invalid,
    readOnly,
    onSelect,
    onCreate,
    onUpdate,
  } = props;
  const container = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const [natural, setNatural] = useState<Size | undefined>();
  const [canvasSize, setCanvasSize] = useState<Size | undefined>();
  const [view, setView] = useState<View>({ scale: 1, x: 0, y: 0 });
  const [gesture, setGesture] = useState<Gesture | undefined>();
  const [draft, setDraft] = useState<Annotation | undefined>();
  const [path, setPath] = useState<Point[]>([]);
  const [cuboidFace, setCuboidFace] = useState<Rect | undefined>();
  const [hover, setHover] = useState<Point | undefined>();
  const [selectedVertex, setSelectedVertex] = useState<number | undefined>();
  const [spaceHeld, setSpaceHeld] = useState(false);

  const known = props.size ?? natural;
  const size = known ?? drawingSize(undefined, [...annotations]);
  const shown = draft
    ? annotations.map((annotation) => (annotation.uuid === draft.uuid ? draft : annotation))
    : annotations;
  const selectedShape = shown.find((annotation) => annotation.uuid === selected);
  const pathType = tool === "polygon" || tool === "line" ? tool : undefined;

  // The media's own size, when the params do not give one.
  useEffect(() => {
    if (media.kind !== "image" || !media.src) return;
    const image = new Image();
    image.onload = () => {
      if (image.naturalWidth > 0)
        setNatural({ width: image.naturalWidth, height: image.naturalHeight });
    };
    image.src = media.src;
    return () => {
      image.onload = null;
    };
  }, [media.kind, media.src]);

  // A video's shapes are drawn only once the frame they belong to is on screen.
  const mediaTime = media.kind === "video" ? media.time : undefined;
  const [shownTime, setShownTime] = useState<number | undefined>();
  useEffect(() => {
    const element = video.current;
    if (!element || mediaTime === undefined) return;
    return seekVideo(element, mediaTime, () => setShownTime(mediaTime));
  }, [mediaTime]);
  const mediaShown = mediaTime === undefined || shownTime === mediaTime;

  useEffect(() => {
    const element = container.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry)
        setCanvasSize({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const { width: sizeWidth, height: sizeHeight } = size;
  const fit = useCallback(() => {
    if (canvasSize) setView(fitView({ width: sizeWidth, height: sizeHeight }, canvasSize));
  }, [canvasSize, sizeWidth, sizeHeight]);

  // Fit when the canvas or the image size becomes known or changes.
  useEffect(fit, [fit]);

  // The wheel must be a non-passive listener to keep the page from scrolling while zooming.
  useEffect(() => {
    const element = svg.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = element.getBoundingClientRect();
      const at = { x: event.clientX - rect.left, y: event.clientY - rect.top };
      setView((current) => zoomAbout(current, at, wheelFactor(event.deltaY)));
    };
    element.addEventListener("wheel", onWheel, { passive: false });
    return () => element.removeEventListener("wheel", onWheel);
  }, []);

  const tolerance = TOLERANCE / view.scale;

  const finishPath = useCallback(() => {
    if (!pathType) return;
    const min = pathType === "polygon" ? 3 : 2;
    const label = props.labelFor(pathType);
    if (path.length >= min && label) {
      onCreate(
        roundAnnotation({
          uuid: "",
          type: pathType,
          label,
          vertices: path.map((point) => ({ x: point.x, y: point.y })),
        }),
      );
    }
    setPath([]);
  }, [path, pathType, props, onCreate]);

  // Leaving a drawing tool drops its half-drawn shape.
  useEffect(() => {
    setPath([]);
    setCuboidFace(undefined);
  }, [tool]);
  useEffect(() => setSelectedVertex(undefined), [selected]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTypingTarget(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      // Space on a focused control presses it; elsewhere it holds the pan.
      if (event.key === " " && !event.shiftKey && !isControl(event.target)) {
        setSpaceHeld(true);
        event.preventDefault();
        return;
      }
      if (event.key === "Escape") {
        if (path.length > 0 || cuboidFace) {
          setPath([]);
          setCuboidFace(undefined);
        } else onSelect(undefined);
        return;
      }
      if (event.key === "f" || event.key === "F") {
        fit();
        return;
      }
      if (readOnly) return;
      if (event.key === "Enter" && path.length > 0) {
        event.preventDefault();
        finishPath();
        return;
      }
      if ((event.key === "Delete" || event.key === "Backspace") && selectedShape) {
        event.preventDefault();
        if (
          selectedVertex !== undefined &&
          (selectedShape.type === "polygon" || selectedShape.type === "line")
        ) {
          const vertices = removeVertex(
            selectedShape.vertices,
            selectedVertex,
            vertexMinimum(geometries, selectedShape.type),
          );
          if (vertices) onUpdate({ ...selectedShape, vertices });
          setSelectedVertex(undefined);
        } else {
          props.onDelete(selectedShape.uuid);
        }
        return;
      }
      const next = (Object.keys(TOOL_KEYS) as Tool[]).find(
        (candidate) => TOOL_KEYS[candidate] === event.key.toUpperCase(),
      );
      if (next && (!isGeometryTool(next) || geometries[next] !== undefined)) props.onTool(next);
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key === " ") setSpaceHeld(false);
    };
    window.addEventListener("keydown", onKeyDown);
    window.addEventListener("keyup", onKeyUp);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      window.removeEventListener("keyup", onKeyUp);
    };
  }, [
    path,
    cuboidFace,
    readOnly,
    selectedShape,
    selectedVertex,
    geometries,
    props,
    fit,
    finishPath,
    onSelect,
    onUpdate,
  ]);

  const screenOf = (event: { clientX: number; clientY: number }): Point => {
    const rect = svg.current?.getBoundingClientRect();
    return { x: event.clientX - (rect?.left ?? 0), y: event.clientY - (rect?.top ?? 0) };
  };

  const create = (annotation: Annotation) => onCreate(roundAnnotation(annotation));

  const onPointerDown = (event: ReactPointerEvent<SVGSVGElement>) => {
    const screen = screenOf(event);
    const point = toImage(view, screen);
    const startPan = () => {
      event.currentTarget.setPointerCapture(event.pointerId);
      setGesture({ kind: "pan", start: screen, view });
    };
    if (event.button === 1 || spaceHeld || tool === "pan" || readOnly) {
      event.preventDefault();
      startPan();
      return;
    }
    if (event.button !== 0) return;
    const inside = clampPoint(point, known);
    if (tool === "select") {
      const handle = selectedShape
        ? hitHandle(
            handlesOf(selectedShape, {
              canRotate: geometries.box?.can_rotate === true,
              screenScale: view.scale,
            }),
            point,
            tolerance,
          )
        : undefined;
      if (handle && selectedShape) {
        event.currentTarget.setPointerCapture(event.pointerId);
        setSelectedVertex(handle.kind === "vertex" ? handle.index : undefined);
        setGesture({ kind: "handle", handle, original: selectedShape, moved: false });
        return;
      }
      const hit = hitTest(shown, point, tolerance);
      if (hit) {
        onSelect(hit.uuid);
        event.currentTarget.setPointerCapture(event.pointerId);
        setGesture({ kind: "move", start: point, original: hit, moved: false });
        return;
      }
      onSelect(undefined);
      startPan();
      return;
    }
    const label = isGeometryTool(tool) ? props.labelFor(tool) : undefined;
    if (!label) return;
    if (tool === "point") {
      create({ uuid: "", type: "point", label, x: inside.x, y: inside.y });
      return;
    }
    if (tool === "polygon" || tool === "line") {
      const first = path[0];
      const last = path.at(-1);
      if (last && distance(last, point) <= tolerance) {
        // The second click of a double-click (which finishes the shape) adds no vertex.
        return;
      } else if (
        tool === "polygon" &&
        first &&
        path.length >= 3 &&
        distance(first, point) <= tolerance * 1.5
      ) {
        finishPath();
      } else {
        setPath([...path, inside]);
      }
      return;
    }
    if (tool === "cuboid" && cuboidFace) {
      const label = props.labelFor("cuboid");
      if (label) {
        const offset = {
          x: inside.x - (cuboidFace.left + cuboidFace.width),
          y: inside.y - cuboidFace.top,
        };
        create({
          uuid: "",
          type: "cuboid",
          label,
          vertices: cuboidFromFace(cuboidFace, offset, known),
        });
      }
      setCuboidFace(undefined);
      return;
    }
    if (tool === "box" || tool === "ellipse" || tool === "cuboid") {
      event.currentTarget.setPointerCapture(event.pointerId);
      setGesture({ kind: "rect", tool, from: inside, to: inside });
    }
  };

  const onPointerMove = (event: ReactPointerEvent<SVGSVGElement>) => {
    const screen = screenOf(event);
    const point = toImage(view, screen);
    setHover(clampPoint(point, known));
    if (!gesture) return;
    switch (gesture.kind) {
      case "pan":
        setView(panBy(gesture.view, screen.x - gesture.start.x, screen.y - gesture.start.y));
        return;
      case "rect":
        setGesture({ ...gesture, to: clampPoint(point, known) });
        return;
      case "move": {
        const moved = translateAnnotation(
          gesture.original,
          point.x - gesture.start.x,
          point.y - gesture.start.y,
          known,
        );
        setDraft(moved);
        setGesture({ ...gesture, moved: true });
        return;
      }
      case "handle":
        setDraft(dragHandle(gesture.original, gesture.handle, point, known));
        setGesture({ ...gesture, moved: true });
        return;
    }
  };

  const onPointerUp = (event: ReactPointerEvent<SVGSVGElement>) => {
    if (event.currentTarget.hasPointerCapture(event.pointerId)) {
      event.currentTarget.releasePointerCapture(event.pointerId);
    }
    const current = gesture;
    setGesture(undefined);
    if (!current) return;
    if (current.kind === "rect") {
      const rect = rectFromCorners(current.from, current.to, known);
      if (rect.width * view.scale < MIN_DRAG || rect.height * view.scale < MIN_DRAG) return;
      const label = props.labelFor(current.tool);
      if (!label) return;
      if (current.tool === "box") create({ uuid: "", type: "box", label, ...rect });
      else if (current.tool === "ellipse")
        create({ uuid: "", type: "ellipse", label, ...ellipseFromRect(rect) });
      else setCuboidFace(rect);
      return;
    }
    if ((current.kind === "move" || current.kind === "handle") && current.moved && draft) {
      onUpdate(roundAnnotation(draft, geometries.box?.integer_pixels === true));
    }
    setDraft(undefined);
  };

  const handleSize = 8 / view.scale;
  const fontSize = 13 / view.scale;
  // The size AnnotationLayer writes labels at, so overlays cover its labels exactly.
  const labelSize = Math.max(2, Math.max(size.width, size.height) / 45);
  const rectPreview =
    gesture?.kind === "rect" ? rectFromCorners(gesture.from, gesture.to, known) : undefined;
  const previewColor = "#0ea5e9";
  const cursor =
    gesture?.kind === "pan"
      ? "grabbing"
      : tool === "pan" || spaceHeld
        ? "grab"
        : tool === "select"
          ? "default"
          : "crosshair";

  return (
    <div
      ref={container}
      className="relative h-[65vh] min-h-80 w-full touch-none overflow-hidden rounded-md border border-slate-300 bg-slate-800 select-none"
    >
      <svg
        ref={svg}
        role="img"
        aria-label={props.label}
        className="absolute inset-0 h-full w-full"
        style={{ cursor }}
        data-scale={view.scale}
        data-offset-x={view.x}
        data-offset-y={view.y}
        data-tool={tool}
        data-media-time={mediaShown ? mediaTime : undefined}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onPointerLeave={() => setHover(undefined)}
        onDoubleClick={() => {
          if (path.length > 0) finishPath();
        }}
        onContextMenu={(event) => event.preventDefault()}
      >
        <g transform={`translate(${view.x} ${view.y}) scale(${view.scale})`}>
          <rect width={size.width} height={size.height} fill="#e2e8f0" />
          {media.kind === "image" && media.src ? (
            <image
              href={media.src}
              width={size.width}
              height={size.height}
              preserveAspectRatio="none"
            />
          ) : null}
          {media.kind === "video" ? (
            <foreignObject width={size.width} height={size.height}>
              <video
                ref={video}
                src={media.src}
                muted
                preload="auto"
                playsInline
                style={{ width: "100%", height: "100%" }}
                onLoadedMetadata={(event) =>
                  setNatural({
                    width: event.currentTarget.videoWidth,
                    height: event.currentTarget.videoHeight,
                  })
                }
              />
            </foreignObject>
          ) : null}
          {props.backdrop && props.backdrop.length > 0 ? (
            <g data-layers={props.backdrop.length} pointerEvents="none" opacity={0.75}>
              {props.backdrop.map((annotation) => (
                <AnnotationShape
                  key={annotation.uuid}
                  annotation={annotation}
                  color={BACKDROP_COLOR}
                  fontSize={labelSize}
                />
              ))}
            </g>
          ) : null}
          <AnnotationLayer
            annotations={mediaShown ? shown : []}
            colors={colors}
            size={size}
            connections={geometries.point?.connections}
          />
          {(mediaShown ? shown : [])
            .filter((annotation) => invalid.has(annotation.uuid))
            .map((annotation) => (
              <g key={`invalid-${annotation.uuid}`} data-invalid="true">
                <AnnotationShape
                  annotation={annotation}
                  color={INVALID_COLOR}
                  fontSize={labelSize}
                />
              </g>
            ))}
          {selectedShape && mediaShown ? (
            <g data-selected={selectedShape.uuid} pointerEvents="none">
              <AnnotationShape annotation={selectedShape} color="#facc15" fontSize={labelSize} />
              {handlesOf(selectedShape, {
                canRotate: geometries.box?.can_rotate === true,
                screenScale: view.scale,
              }).map((handle, index) => (
                <rect
                  key={index}
                  data-handle={handle.kind}
                  x={handle.point.x - handleSize / 2}
                  y={handle.point.y - handleSize / 2}
                  width={handleSize}
                  height={handleSize}
                  rx={handle.kind === "midpoint" || handle.kind === "rotate" ? handleSize / 2 : 0}
                  fill={
                    handle.kind === "vertex" && handle.index === selectedVertex
                      ? "#dc2626"
                      : handle.kind === "midpoint"
                        ? "#fde68a"
                        : "#ffffff"
                  }
                  stroke="#0f172a"
                  strokeWidth={1}
                  vectorEffect="non-scaling-stroke"
                />
              ))}
            </g>
          ) : null}
          {rectPreview ? (
            gesture?.kind === "rect" && gesture.tool === "ellipse" ? (
              <ellipse
                {...(() => {
                  const e = ellipseFromRect(rectPreview);
                  return { cx: e.x, cy: e.y, rx: e.rx, ry: e.ry };
                })()}
                fill="none"
                stroke={previewColor}
                strokeWidth={2}
                vectorEffect="non-scaling-stroke"
              />
            ) : (
              <rect
                x={rectPreview.left}
                y={rectPreview.top}
                width={rectPreview.width}
                height={rectPreview.height}
                fill="none"
                stroke={previewColor}
                strokeWidth={2}
                vectorEffect="non-scaling-stroke"
              />
            )
          ) : null}
          {cuboidFace ? (
            <g pointerEvents="none">
              {(() => {
                const at = hover ?? { x: cuboidFace.left + cuboidFace.width, y: cuboidFace.top };
                const offset = {
                  x: at.x - (cuboidFace.left + cuboidFace.width),
                  y: at.y - cuboidFace.top,
                };
                return (
                  <AnnotationShape
                    annotation={{
                      uuid: "preview",
                      type: "cuboid",
                      label: props.labelFor("cuboid") ?? "",
                      vertices: cuboidFromFace(cuboidFace, offset, known),
                    }}
                    color={previewColor}
                    fontSize={fontSize}
                  />
                );
              })()}
            </g>
          ) : null}
          {path.length > 0 ? (
            <g pointerEvents="none" data-drawing={pathType}>
              <polyline
                points={pointsAttribute(hover ? [...path, hover] : path)}
                fill="none"
                stroke={previewColor}
                strokeWidth={2}
                vectorEffect="non-scaling-stroke"
              />
              {path.map((point, index) => (
                <circle
                  key={index}
                  cx={point.x}
                  cy={point.y}
                  r={handleSize / 2}
                  fill={index === 0 ? "#ffffff" : previewColor}
                  stroke="#0f172a"
                  strokeWidth={1}
                  vectorEffect="non-scaling-stroke"
                />
              ))}
            </g>
          ) : null}
        </g>
      </svg>
      <div className="absolute top-2 right-2 flex items-center gap-1 rounded-md bg-white/90 p-1 text-xs shadow">
        <button
          type="button"
          aria-label="Zoom out"
          className="rounded px-2 py-1 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600"
          onClick={() =>
            canvasSize &&
            setView((current) =>
              zoomAbout(current, { x: canvasSize.width / 2, y: canvasSize.height / 2 }, 1 / 1.25),
            )
          }
        >
          −
        </button>
        <span className="w-12 text-center tabular-nums" aria-live="polite">
          {Math.round(view.scale * 100)}%
        </span>
        <button
          type="button"
          aria-label="Zoom in"
          className="rounded px-2 py-1 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600"
          onClick={() =>
            canvasSize &&
            setView((current) =>
              zoomAbout(current, { x: canvasSize.width / 2, y: canvasSize.height / 2 }, 1.25),
            )
          }
        >
          +
        </button>
        <button
          type="button"
          className="rounded px-2 py-1 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600"
          onClick={fit}
        >
          Fit
        </button>
      </div>
      {path.length > 0 || cuboidFace ? (
        <p className="absolute bottom-2 left-2 rounded bg-white/90 px-2 py-1 text-xs text-slate-700 shadow">
          {cuboidFace
            ? "Move to set the cuboid's side, click to finish (Esc cancels)"
            : `${path.length} vertices: click to add, Enter or double-click to finish${pathType === "polygon" ? ", or click the first vertex" : ""} (Esc cancels)`}
        </p>
      ) : null}
    </div>
  );
};
