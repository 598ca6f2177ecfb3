"use client";

import type { ScreenPoint } from "../lidarsegmentation/selection";
import { formatIssuePath } from "@taskforge/schema";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { PointerEvent as ReactPointerEvent } from "react";

import { colorOf, hexToRgb, labelColors } from "../../colors";
import { isTypingTarget } from "../response-editor";
import type { EditorProps } from "../types";
import { fillPolygon, floodFill, paintStroke } from "./mask-ops";
import type { DirtyRect, Mask } from "./mask-ops";
import { indicesFromValue, maskDataOf, maskLabels, valueFromIndices } from "./mask-value";
import { RangeField } from "../../components/range-field";

export type MaskTool = "brush" | "eraser" | "polygon" | "fill";

const TOOLS: readonly { tool: MaskTool; name: string; key: string }[] = [
  { tool: "brush", name: "Brush", key: "b" },
  { tool: "eraser", name: "Eraser", key: "e" },
  { tool: "polygon", name: "Polygon", key: "p" },
  { tool: "fill", name: "Flood fill", key: "f" },
];
const ZOOMS = [0.5, 1, 2, 4] as const;

/** Reads an image's pixels for flood fill; null when the browser refuses (a cross-origin image). */
const readImagePixels = (image: HTMLImageElement, width: number, height: number) => {
  try {
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext("2d");
    if (!context) return null;
    context.drawImage(image, 0, 0, width, height);
    return context.getImageData(0, 0, width, height).data;
  } catch {
    return null;
  }
};

/**
 * The segmentation mask editor: a label mask painted over the image with a brush, an eraser,
 * polygon fill and flood fill by colour similarity. The mask lives in a typed array while a
 * gesture runs; each finished gesture commits the encoded mask (one undo step of the host).
 */
export const SegmentAnnotationEditor = ({
  params,
  value,
  onChange,
  issues,
  readOnly,
}: EditorProps<"segmentannotation">) => {
  const { image_width: width, image_height: height } = params;
  const labels = useMemo(() => maskLabels(params), [params]);
  const colors = useMemo(() => {
    const byLabel = labelColors(labels);
    return labels.map((label) => hexToRgb(colorOf(byLabel, label)));
  }, [labels]);
  const [tool, setTool] = useState<MaskTool>("brush");
  const [label, setLabel] = useState(1);
  const [brushSize, setBrushSize] = useState(10);
  const [tolerance, setTolerance] = useState(24);
  const [opacity, setOpacity] = useState(0.6);
  const [zoom, setZoom] = useState<number>(1);
  const [polygon, setPolygon] = useState<ScreenPoint[]>([]);
  const [cursor, setCursor] = useState<ScreenPoint | null>(null);
  const [imagePixels, setImagePixels] = useState<Uint8ClampedArray | null>(null);
  const [imageState, setImageState] = useState<"loading" | "loaded" | "failed">("loading");
  const canvas = useRef<HTMLCanvasElement>(null);
  const image = useRef<HTMLImageElement>(null);
  const mask = useRef<Mask>({ width, height, indices: new Uint16Array(width * height) });
  // The encoded data the typed array currently matches: a value with other data (undo, redo,
  // a restored draft) is decoded again, our own commits are not.
  const synced = useRef<string | undefined | null>(null);
  const stroke = useRef<{ last: ScreenPoint; pointer: number } | null>(null);

  const redraw = useCallback(
    (dirty: DirtyRect = { left: 0, top: 0, right: width, bottom: height }) => {
      const context = canvas.current?.getContext("2d");
      if (!context || !dirty) return;
      const w = dirty.right - dirty.left;
      const h = dirty.bottom - dirty.top;
      if (w <= 0 || h <= 0) return;
      const pixels = new ImageData(w, h);
      const { indices } = mask.current;
      for (let y = 0; y < h; y += 1) {
        for (let x = 0; x < w; x += 1) {
          const index = indices[(dirty.top + y) * width + dirty.left + x] ?? 0;
          const rgb = index === 0 ? undefined : colors[index - 1];
          if (!rgb) continue;
          const offset = (y * w + x) * 4;
          pixels.data[offset] = rgb[0];
          pixels.data[offset + 1] = rgb[1];
          pixels.data[offset + 2] = rgb[2];
          pixels.data[offset + 3] = 255;
        }
      }
      context.putImageData(pixels, dirty.left, dirty.top);
    },
    [colors, width, height],
  );

  useEffect(() => {
    const data = maskDataOf(value);
    if (synced.current === data) return;
    mask.current = { width, height, indices: indicesFromValue(value, params) };
    synced.current = data;
    redraw();
  }, [value, params, width, height, redraw]);

  // The image may have loaded before hydration attached onLoad.
  useEffect(() => {
    const element = image.current;
    if (element?.complete) setImageState(element.naturalWidth > 0 ? "loaded" : "failed");
  }, []);
  useEffect(() => {
    if (imageState === "loaded" && image.current) {
      setImagePixels(readImagePixels(image.current, width, height));
    }
  }, [imageState, width, height]);

  const commit = useCallback(() => {
    const next = valueFromIndices(params, mask.current.indices);
    synced.current = maskDataOf(next);
    onChange(next);
  }, [params, onChange]);

  const closePolygon = useCallback(
    (vertices: readonly ScreenPoint[]) => {
      setPolygon([]);
      if (vertices.length < 3) return;
      redraw(fillPolygon(mask.current, vertices, label));
      commit();
    },
    [label, redraw, commit],
  );

  useEffect(() => {
    if (readOnly) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      const key = event.key.toLowerCase();
      const digit = Number(event.key);
      const match = TOOLS.find((entry) => entry.key === key);
      if (match) setTool(match.tool);
      else if (Number.isInteger(digit) && digit >= 1 && digit <= Math.min(9, labels.length)) {
        setLabel(digit);
      } else if (event.key === "[") setBrushSize((size) => Math.max(1, size - 2));
      else if (event.key === "]") setBrushSize((size) => Math.min(200, size + 2));
      else if (event.key === "Enter" && polygon.length > 0) closePolygon(polygon);
      else if (event.key === "Escape" && polygon.length > 0) setPolygon([]);
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [readOnly, labels.length, polygon, closePolygon]);

  const toImage = (event: ReactPointerEvent<Element>): ScreenPoint => {
    const rect = event.currentTarget.getBoundingClientRect();
    return {
      x: ((event.clientX - rect.left) * width) / rect.width,
      y: ((event.clientY - rect.top) * height) / rect.height,
    };
  };
  const radius = brushSize / 2;

  const onPointerDown = (event: ReactPointerEvent<SVGSVGElement>) => {
    if (readOnly || event.button !== 0) return;
    const point = toImage(event);
    if (tool === "brush" || tool === "eraser") {
      event.currentTarget.setPointerCapture(event.pointerId);
      stroke.current = { last: point, pointer: event.pointerId };
      redraw(paintStroke(mask.current, point, point, radius, tool === "eraser" ? 0 : label));
    } else if (tool === "fill") {
      const { filled, dirty } = floodFill(mask.current, imagePixels, point, tolerance, label);
      if (filled > 0) {
        redraw(dirty);
        commit();
      }
    } else {
      const first = polygon[0];
      const closeEnough = (4 * width) / event.currentTarget.getBoundingClientRect().width;
      if (
        first &&
        polygon.length >= 3 &&
        Math.hypot(point.x - first.x, point.y - first.y) <= closeEnough
      ) {
        closePolygon(polygon);
      } else {
        setPolygon([...polygon, point]);
      }
    }
  };
  const onPointerMove = (event: ReactPointerEvent<SVGSVGElement>) => {
    const point = toImage(event);
    setCursor(point);
    const current = stroke.current;
    if (!current || current.pointer !== event.pointerId) return;
    redraw(paintStroke(mask.current, current.last, point, radius, tool === "eraser" ? 0 : label));
    current.last = point;
  };
  const endStroke = (event: ReactPointerEvent<SVGSVGElement>) => {
    const current = stroke.current;
    if (!current || current.pointer !== event.pointerId) return;
    stroke.current = null;
    commit();
  };

  const maskIssues = issues.filter(
    (issue) => issue.path[0] === "mask" || issue.path[0] === "label_map",
  );
  const otherIssues = issues.filter((issue) => !maskIssues.includes(issue));
  const displayWidth = width * zoom;
  const displayHeight = height * zoom;

  return (
    <div className="space-y-3" data-editor="segmentannotation">
      {readOnly ? null : (
        <div className="flex flex-wrap items-end gap-4" role="toolbar" aria-label="Mask tools">
          <div className="flex gap-1" role="group" aria-label="Tool">
            {TOOLS.map((entry) => (
              <button
                key={entry.tool}
                type="button"
                aria-pressed={tool === entry.tool}
                title={`${entry.name} (${entry.key.toUpperCase()})`}
                onClick={() => setTool(entry.tool)}
                className={`rounded-md border px-2 py-1 text-sm focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none ${tool === entry.tool ? "border-blue-600 bg-blue-600 text-white" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50"}`}
              >
                {entry.name}
              </button>
            ))}
          </div>
          <RangeField
            label={`Brush size: ${brushSize} px`}
            min={1}
            max={200}
            value={brushSize}
            onChange={setBrushSize}
          />
          <RangeField
            label={`Fill tolerance: ${tolerance}`}
            min={0}
            max={128}
            value={tolerance}
            onChange={setTolerance}
          />
          <RangeField
            label={`Mask opacity: ${Math.round(opacity * 100)}%`}
            min={0}
            max={100}
            value={Math.round(opacity * 100)}
            onChange={(value) => setOpacity(value / 100)}
          />
          <label className="flex flex-col text-xs text-slate-700">
            Zoom
            <select
              value={zoom}
              onChange={(event) => setZoom(Number(event.target.value))}
              className="rounded-md border border-slate-300 px-1 py-0.5 text-sm"
            >
              {ZOOMS.map((level) => (
                <option key={level} value={level}>
                  {level * 100}%
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {readOnly ? null : (
        <div className="flex flex-wrap gap-1" role="group" aria-label="Labels">
          {labels.map((name, i) => {
            const rgb = colors[i] ?? [0, 0, 0];
            return (
              <button
                key={name}
                type="button"
                aria-pressed={label === i + 1}
                title={i < 9 ? `${name} (${i + 1})` : name}
                onClick={() => setLabel(i + 1)}
                className={`flex items-center gap-1.5 rounded-md border px-2 py-1 text-sm focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none ${label === i + 1 ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50"}`}
              >
                <span
                  aria-hidden="true"
                  className="inline-block h-3 w-3 rounded-sm"
                  style={{ backgroundColor: `rgb(${rgb.join(",")})` }}
                />
                {name}
                {i < 9 ? <kbd className="text-xs opacity-70">{i + 1}</kbd> : null}
              </button>
            );
          })}
        </div>
      )}
      {tool === "fill" && imageState === "loaded" && imagePixels === null ? (
        <p className="text-xs text-amber-700">
          The image cannot be read back here, so flood fill spreads over the mask&apos;s own
          regions.
        </p>
      ) : null}
      {tool === "polygon" && polygon.length > 0 ? (
        <p className="text-xs text-slate-600">
          Click the first point or press Enter to fill; Escape cancels.
        </p>
      ) : null}
      <div className="max-h-[70vh] overflow-auto rounded-md border border-slate-200 bg-slate-100">
        <div className="relative" style={{ width: displayWidth, height: displayHeight }}>
          <img
            ref={image}
            src={params.attachment}
            alt="Image to segment"
            width={width}
            height={height}
            draggable={false}
            onLoad={() => setImageState("loaded")}
            onError={() => setImageState("failed")}
            className="absolute inset-0 h-full w-full select-none"
          />
          <canvas
            ref={canvas}
            width={width}
            height={height}
            aria-hidden="true"
            style={{ opacity }}
            className="absolute inset-0 h-full w-full [image-rendering:pixelated]"
          />
          <svg
            role="img"
            aria-label={`Segmentation mask editor, ${width}×${height} pixels`}
            data-mask-surface=""
            viewBox={`0 0 ${width} ${height}`}
            preserveAspectRatio="none"
            className={`absolute inset-0 h-full w-full touch-none ${readOnly ? "" : "cursor-crosshair"}`}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={endStroke}
            onPointerCancel={endStroke}
            onPointerLeave={() => setCursor(null)}
          >
            {/* Painted (if invisibly), so the whole surface takes the pointer. */}
            <rect width={width} height={height} fill="transparent" />
            {polygon.length > 0 ? (
              <polyline
                points={[...polygon, ...(cursor ? [cursor] : [])]
                  .map((p) => `${p.x},${p.y}`)
                  .join(" ")}
                fill="none"
                stroke="#0f172a"
                strokeWidth={1.5}
                vectorEffect="non-scaling-stroke"
              />
            ) : null}
            {cursor && !readOnly && (tool === "brush" || tool === "eraser") ? (
              <circle
                cx={cursor.x}
                cy={cursor.y}
                r={radius}
                fill="none"
                stroke={tool === "eraser" ? "#dc2626" : "#0f172a"}
                strokeWidth={1}
                vectorEffect="non-scaling-stroke"
              />
            ) : null}
          </svg>
        </div>
      </div>
      {imageState === "failed" ? (
        <p className="text-xs text-slate-600">Image not loaded: {params.attachment}</p>
      ) : null}
      {maskIssues.length + otherIssues.length > 0 ? (
        <ul className="list-disc pl-5 text-sm text-red-700" aria-label="Mask problems">
          {[...maskIssues, ...otherIssues].map((issue, i) => (
            <li key={i}>
              <code>{formatIssuePath(issue.path) || "response"}</code>: {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
};
