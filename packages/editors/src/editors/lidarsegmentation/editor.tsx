"use client";

import { formatIssuePath } from "@taskforge/schema";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { PointerEvent as ReactPointerEvent } from "react";

import { colorOf, hexToRgb, labelColors } from "../../colors";
import { isTypingTarget } from "../response-editor";
import type { EditorProps } from "../types";
import { fetchFrame } from "./cloud";
import type { PointCloud } from "./cloud";
import { fillPointColors } from "./point-colors";
import type { ColorMode } from "./point-colors";
import { propagateLabels } from "./propagation";
import {
  canonicalLabelMap,
  encodedFrameOf,
  frameLabelsFromValue,
  valueFromLabels,
} from "./response";
import {
  applyLabel,
  indicesOf,
  markBrushSegment,
  projectPoints,
  selectInBox,
  selectInPolygon,
} from "./selection";
import type { ScreenPoint, SelectionBox } from "./selection";
import { createPointViewer } from "./viewer";
import type { PointViewer, ViewPreset } from "./viewer";
import { RangeField } from "../../components/range-field";

type Labels = EditorProps<"lidarsegmentation">["params"]["labels"];

type Tool = "navigate" | "lasso" | "brush" | "box";

const TOOLS: readonly { tool: Tool; name: string; key: string }[] = [
  { tool: "navigate", name: "Navigate", key: "o" },
  { tool: "lasso", name: "Lasso", key: "l" },
  { tool: "brush", name: "Brush", key: "b" },
  { tool: "box", name: "3D box", key: "x" },
];
const VIEWS: readonly { view: ViewPreset; name: string; key: string }[] = [
  { view: "top", name: "Top view", key: "t" },
  { view: "side", name: "Side view", key: "s" },
  { view: "perspective", name: "Perspective", key: "p" },
];

type Loading = { received: number; total: number; error: string | null };
type Gesture = {
  tool: "lasso" | "brush";
  pointer: number;
  screen: Float64Array;
  path: ScreenPoint[];
  hits: Uint8Array | null;
};

const buttonClass = (pressed: boolean) =>
  `rounded-md border px-2 py-1 text-sm focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none ${pressed ? "border-blue-600 bg-blue-600 text-white" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50"}`;

const NumberField = ({
  label,
  value,
  step,
  onChange,
}: {
  label: string;
  value: number;
  step: number;
  onChange: (value: number) => void;
}) => (
  <label className="flex flex-col text-xs text-slate-700">
    {label}
    <input
      type="number"
      step={step}
      value={Math.round(value * 1000) / 1000}
      onChange={(event) => {
        const next = Number(event.target.value);
        if (event.target.value !== "" && Number.isFinite(next)) onChange(next);
      }}
      className="w-20 rounded-md border border-slate-300 px-1 py-0.5 text-sm"
    />
  </label>
);

/**
 * The lidar segmentation editor: the frames' points in WebGL (orbit, pan, zoom, preset views),
 * labelled by lasso, brush or 3D box, with labels carried to the next frame by nearest
 * neighbour. Labels stay in one Uint16Array per frame; each finished gesture commits the compact
 * encoding (one undo step of the host), re-encoding only the frame it changed.
 */
export const LidarSegmentationEditor = ({
  params,
  value,
  onChange,
  issues,
  readOnly,
}: EditorProps<"lidarsegmentation">) => {
  // The host parses params on every render: effects follow their content, not their identity.
  const labelsKey = JSON.stringify(params.labels);
  const attachmentsKey = params.attachments.join("\n");
  // Keyed by the labels' content, so a params object rebuilt with the same labels keeps the colours.
  const labelRgb = useMemo(() => {
    const labels = JSON.parse(labelsKey) as Labels;
    const byName = labelColors(labels.map((label) => label.name));
    return labels.map((label) => {
      const [r, g, b] = hexToRgb(label.color ?? colorOf(byName, label.name));
      return [r / 255, g / 255, b / 255] as const;
    });
  }, [labelsKey]);
  const [clouds, setClouds] = useState<PointCloud[] | null>(null);
  const [loading, setLoading] = useState<Loading>({ received: 0, total: 0, error: null });
  const [frame, setFrame] = useState(0);
  const [tool, setTool] = useState<Tool>("navigate");
  const [activeLabel, setActiveLabel] = useState(1);
  const [hidden, setHidden] = useState<ReadonlySet<number>>(new Set());
  const [onlyUnlabeled, setOnlyUnlabeled] = useState(false);
  const [colorMode, setColorMode] = useState<ColorMode>("label");
  const [pointSize, setPointSize] = useState(2);
  const [brushRadius, setBrushRadius] = useState(16);
  const [tolerance, setTolerance] = useState(0.1);
  const [box, setBox] = useState<SelectionBox | null>(null);
  const [status, setStatus] = useState("");
  const [path, setPath] = useState<ScreenPoint[] | null>(null);
  const [cursor, setCursor] = useState<ScreenPoint | null>(null);
  const [viewerError, setViewerError] = useState<string | null>(null);
  const [viewerReady, setViewerReady] = useState(false);
  const viewport = useRef<HTMLDivElement>(null);
  const viewer = useRef<PointViewer | null>(null);
  const labels = useRef<Uint16Array[]>([]);
  // Per frame, the encoded string the typed array matches (ours after a commit, the value's
  // after an undo), so a new value decodes only the frames that differ.
  const synced = useRef<(string | undefined)[]>([]);
  const colors = useRef<Float32Array | null>(null);
  const gesture = useRef<Gesture | null>(null);

  const cloud = clouds?.[frame];

  // Load every frame once, in parallel, with one progress bar over all their bytes.
  useEffect(() => {
    const abort = new AbortController();
    const urls = attachmentsKey.split("\n");
    const received = urls.map(() => 0);
    const totals = urls.map(() => 0);
    setClouds(null);
    setLoading({ received: 0, total: 0, error: null });
    Promise.all(
      urls.map((url, index) =>
        fetchFrame(
          url,
          (bytes, total) => {
            received[index] = bytes;
            totals[index] = total ?? bytes;
            setLoading({
              received: received.reduce((a, b) => a + b, 0),
              total: totals.reduce((a, b) => a + b, 0),
              error: null,
            });
          },
          abort.signal,
        ).catch((error: unknown) => {
          throw new Error(`Frame ${index} ${(error as Error).message}`);
        }),
      ),
    ).then(
      (loaded) => {
        if (abort.signal.aborted) return;
        labels.current = loaded.map((_, index) => new Uint16Array(loaded[index]?.count ?? 0));
        synced.current = loaded.map(() => undefined);
        setClouds(loaded);
      },
      (error: unknown) => {
        if (!abort.signal.aborted)
          setLoading((state) => ({ ...state, error: (error as Error).message }));
      },
    );
    return () => abort.abort();
  }, [attachmentsKey]);

  const recolor = useCallback(() => {
    const current = clouds?.[frame];
    const target = colors.current;
    if (!current || !target || !viewer.current) return;
    fillPointColors(
      target,
      current,
      labels.current[frame] ?? new Uint16Array(0),
      colorMode,
      labelRgb,
      hidden,
    );
    viewer.current.colorsChanged();
  }, [clouds, frame, colorMode, labelRgb, hidden]);

  // Follow the value: after an undo, a redo or a restored draft, decode the frames that differ.
  useEffect(() => {
    if (!clouds) return;
    const canonical = JSON.stringify(value.label_map) === JSON.stringify(canonicalLabelMap(params));
    let changed = false;
    clouds.forEach((current, index) => {
      const encoded = encodedFrameOf(value, index);
      if (synced.current[index] === encoded && encoded !== undefined) return;
      labels.current[index] = frameLabelsFromValue(value, params, index, current.count);
      synced.current[index] = canonical ? encoded : undefined;
      changed = true;
    });
    if (changed) recolor();
  }, [value, params, clouds, recolor]);

  // The WebGL viewer lives as long as the editor.
  useEffect(() => {
    const container = viewport.current;
    if (!container) return;
    let disposed = false;
    let created: PointViewer | null = null;
    const onRender = () => {
      const projection = created?.projection();
      if (!projection) return;
      container.dataset.viewProjection = JSON.stringify(projection);
      container.dataset.rendered = "true";
    };
    createPointViewer(container, onRender).then(
      (instance) => {
        if (disposed) return instance.dispose();
        created = instance;
        viewer.current = instance;
        setViewerReady(true);
      },
      (error: unknown) => {
        if (!disposed) setViewerError((error as Error).message || "WebGL is not available");
      },
    );
    return () => {
      disposed = true;
      created?.dispose();
      viewer.current = null;
      setViewerReady(false);
    };
  }, []);

  useEffect(() => {
    if (!viewerReady || !cloud || !viewer.current) return;
    colors.current = new Float32Array(cloud.count * 4);
    fillPointColors(
      colors.current,
      cloud,
      labels.current[frame] ?? new Uint16Array(0),
      colorMode,
      labelRgb,
      hidden,
    );
    if (viewport.current) viewport.current.dataset.rendered = "false";
    viewer.current.setCloud(cloud, colors.current);
    // Colours follow `recolor`; this effect only swaps the frame.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [viewerReady, cloud]);
  useEffect(recolor, [recolor]);
  useEffect(() => viewer.current?.setPointSize(pointSize), [pointSize, viewerReady]);
  useEffect(
    () => viewer.current?.setNavigation(tool === "navigate" || tool === "box"),
    [tool, viewerReady],
  );
  useEffect(() => viewer.current?.setBox(tool === "box" ? box : null), [tool, box, viewerReady]);

  /** Commits the labels (one undo step) after a gesture changed `frames`. */
  const commit = useCallback(
    (changedFrames: readonly number[], message: string) => {
      const cache = synced.current.map((encoded, index) =>
        changedFrames.includes(index) ? undefined : encoded,
      );
      const next = valueFromLabels(params, labels.current, cache);
      (next.frames as { labels: string }[]).forEach((entry, index) => {
        synced.current[index] = entry.labels;
      });
      onChange(next);
      recolor();
      setStatus(message);
    },
    [params, onChange, recolor],
  );

  const labelName = useCallback(
    (index: number) => (index === 0 ? "unlabeled" : (params.labels[index - 1]?.name ?? "?")),
    [params.labels],
  );

  const label = useCallback(
    (selected: ArrayLike<number>, how: string) => {
      const current = labels.current[frame];
      if (!current) return;
      const changed = applyLabel(current, selected, activeLabel, { onlyUnlabeled, hidden });
      if (changed === 0) {
        setStatus(`${how}: no point changed (${selected.length} selected)`);
        return;
      }
      commit(
        [frame],
        `${how}: ${changed} point${changed === 1 ? "" : "s"} labelled ${labelName(activeLabel)}`,
      );
    },
    [frame, activeLabel, onlyUnlabeled, hidden, commit, labelName],
  );

  const propagate = () => {
    const previous = clouds?.[frame - 1];
    const next = clouds?.[frame];
    const previousLabels = labels.current[frame - 1];
    const nextLabels = labels.current[frame];
    if (!previous || !next || !previousLabels || !nextLabels) return;
    const changed = propagateLabels(
      { positions: previous.positions, labels: previousLabels },
      { positions: next.positions, labels: nextLabels },
      { tolerance, onlyUnlabeled },
    );
    if (changed === 0)
      setStatus("No point of this frame has a labelled neighbour that close in the previous frame");
    else commit([frame], `${changed} points took their label from frame ${frame - 1}`);
  };

  const labelRest = () => {
    const current = labels.current[frame];
    if (!current) return;
    const selected: number[] = [];
    current.forEach((index, point) => {
      if (index === 0) selected.push(point);
    });
    const changed = applyLabel(current, selected, activeLabel, {
      onlyUnlabeled: true,
      hidden: new Set(),
    });
    if (changed > 0)
      commit([frame], `${changed} unlabeled points labelled ${labelName(activeLabel)}`);
  };

  const setView = (view: ViewPreset) => viewer.current?.setView(view);
  const changeFrame = (next: number) => {
    if (!clouds || next < 0 || next >= clouds.length) return;
    setFrame(next);
    setPath(null);
  };
  const toggleHidden = (index: number) =>
    setHidden((current) => {
      const next = new Set(current);
      if (next.has(index)) next.delete(index);
      else next.add(index);
      return next;
    });
  const chooseTool = (next: Tool) => {
    setTool(next);
    if (next === "box" && box === null && cloud) {
      setBox({
        center: {
          x: (cloud.min.x + cloud.max.x) / 2,
          y: (cloud.min.y + cloud.max.y) / 2,
          z: cloud.min.z + 1,
        },
        size: { x: 4, y: 4, z: 2 },
        yaw: 0,
      });
    }
  };

  // Shortcuts: single keys, ignored while typing in a field.
  const keyActions = useRef<(event: KeyboardEvent) => boolean>(() => false);
  keyActions.current = (event) => {
    const key = event.key.toLowerCase();
    const digit = /^[0-9]$/.test(event.key) ? Number(event.key) : -1;
    const toolMatch = TOOLS.find((entry) => entry.key === key);
    const viewMatch = VIEWS.find((entry) => entry.key === key);
    if (viewMatch) setView(viewMatch.view);
    else if (key === ",") changeFrame(frame - 1);
    else if (key === ".") changeFrame(frame + 1);
    else if (key === "h") toggleHidden(activeLabel);
    else if (readOnly) return false;
    else if (toolMatch) chooseTool(toolMatch.tool);
    else if (digit >= 0 && digit <= Math.min(9, params.labels.length)) setActiveLabel(digit);
    else if (key === "u") setOnlyUnlabeled((on) => !on);
    else return false;
    return true;
  };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      if (keyActions.current(event)) event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const pointerPosition = (
    event: { clientX: number; clientY: number },
    element: Element,
  ): ScreenPoint => {
    const rect = element.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };

  const onPointerDown = (event: ReactPointerEvent<SVGSVGElement>) => {
    if (readOnly || event.button !== 0 || !cloud || !viewer.current) return;
    if (tool !== "lasso" && tool !== "brush") return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const projection = viewer.current.projection();
    const point = pointerPosition(event, event.currentTarget);
    const screen = projectPoints(
      cloud.positions,
      projection.matrix,
      projection.width,
      projection.height,
    );
    const hits = tool === "brush" ? new Uint8Array(cloud.count) : null;
    if (hits) markBrushSegment(screen, point, point, brushRadius, hits);
    gesture.current = { tool, pointer: event.pointerId, screen, path: [point], hits };
    setPath([point]);
  };
  const onPointerMove = (event: ReactPointerEvent<SVGSVGElement>) => {
    const element = event.currentTarget;
    setCursor(pointerPosition(event, element));
    const current = gesture.current;
    if (!current || current.pointer !== event.pointerId) return;
    // Chromium hands several moves to one event when they come faster than frames.
    const moves = event.nativeEvent.getCoalescedEvents?.() ?? [];
    for (const move of moves.length > 0 ? moves : [event.nativeEvent]) {
      const point = pointerPosition(move, element);
      const last = current.path[current.path.length - 1];
      if (last && last.x === point.x && last.y === point.y) continue;
      if (current.hits && last)
        markBrushSegment(current.screen, last, point, brushRadius, current.hits);
      current.path.push(point);
    }
    setPath([...current.path]);
  };
  const onPointerUp = (event: ReactPointerEvent<SVGSVGElement>) => {
    const current = gesture.current;
    if (!current || current.pointer !== event.pointerId) return;
    gesture.current = null;
    setPath(null);
    if (current.tool === "lasso") label(selectInPolygon(current.screen, current.path), "Lasso");
    else if (current.hits) label(indicesOf(current.hits), "Brush");
  };

  const selecting = !readOnly && (tool === "lasso" || tool === "brush");
  const frameCount = params.attachments.length;
  const expectedCount = params.frame_point_counts?.[frame];

  return (
    <div className="space-y-3" data-editor="lidarsegmentation">
      {clouds === null ? (
        <div className="space-y-1">
          <label className="block text-sm text-slate-700" htmlFor="lidar-progress">
            {loading.error
              ? "The frames could not be loaded"
              : `Loading ${frameCount} frame${frameCount === 1 ? "" : "s"}… ${loading.total > 0 ? Math.round((loading.received / loading.total) * 100) : 0}%`}
          </label>
          <progress
            id="lidar-progress"
            className="h-2 w-full"
            max={Math.max(loading.total, 1)}
            value={loading.received}
          />
          {loading.error ? (
            <p role="alert" className="text-sm text-red-700">
              {loading.error}
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="flex flex-wrap items-end gap-3" role="toolbar" aria-label="Point cloud tools">
        {readOnly ? null : (
          <div className="flex gap-1" role="group" aria-label="Tool">
            {TOOLS.map((entry) => (
              <button
                key={entry.tool}
                type="button"
                aria-pressed={tool === entry.tool}
                title={`${entry.name} (${entry.key.toUpperCase()})`}
                onClick={() => chooseTool(entry.tool)}
                className={buttonClass(tool === entry.tool)}
              >
                {entry.name}
              </button>
            ))}
          </div>
        )}
        <div className="flex gap-1" role="group" aria-label="View">
          {VIEWS.map((entry) => (
            <button
              key={entry.view}
              type="button"
              title={`${entry.name} (${entry.key.toUpperCase()})`}
              onClick={() => setView(entry.view)}
              className={buttonClass(false)}
            >
              {entry.name}
            </button>
          ))}
        </div>
        <label className="flex flex-col text-xs text-slate-700">
          Colour by
          <select
            value={colorMode}
            onChange={(event) => setColorMode(event.target.value as ColorMode)}
            className="rounded-md border border-slate-300 px-1 py-0.5 text-sm"
          >
            <option value="label">Label</option>
            <option value="height">Height</option>
            <option value="intensity">Intensity</option>
            <option value="color" disabled={!cloud?.colors}>
              Colour (from the scan)
            </option>
          </select>
        </label>
        <RangeField
          label={`Point size: ${pointSize} px`}
          min={1}
          max={8}
          value={pointSize}
          onChange={setPointSize}
        />
        {!readOnly && tool === "brush" ? (
          <RangeField
            label={`Brush radius: ${brushRadius} px`}
            min={2}
            max={120}
            value={brushRadius}
            onChange={setBrushRadius}
          />
        ) : null}
        {readOnly ? null : (
          <label className="flex items-center gap-1.5 text-sm text-slate-700">
            <input
              type="checkbox"
              checked={onlyUnlabeled}
              onChange={(event) => setOnlyUnlabeled(event.target.checked)}
            />
            Only unlabeled points (U)
          </label>
        )}
      </div>
      <div className="flex flex-wrap gap-1" role="group" aria-label="Labels">
        {[0, ...params.labels.map((_, index) => index + 1)].map((index) => {
          const rgb = index === 0 ? [0.62, 0.66, 0.72] : (labelRgb[index - 1] ?? [0, 0, 0]);
          const name = labelName(index);
          return (
            <span key={index} className="flex items-stretch">
              <button
                type="button"
                aria-pressed={readOnly ? undefined : activeLabel === index}
                disabled={readOnly}
                title={index <= 9 ? `${name} (${index})` : name}
                onClick={() => setActiveLabel(index)}
                className={`flex items-center gap-1.5 rounded-l-md border px-2 py-1 text-sm focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none ${!readOnly && activeLabel === index ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white text-slate-800"}`}
              >
                <span
                  aria-hidden="true"
                  className="inline-block h-3 w-3 rounded-sm"
                  style={{
                    backgroundColor: `rgb(${rgb.map((c) => Math.round(c * 255)).join(",")})`,
                  }}
                />
                {name}
                {index <= 9 && !readOnly ? <kbd className="text-xs opacity-70">{index}</kbd> : null}
              </button>
              <button
                type="button"
                aria-pressed={hidden.has(index)}
                aria-label={`Hide ${name}`}
                title={`Hide ${name}${activeLabel === index ? " (H)" : ""}`}
                onClick={() => toggleHidden(index)}
                className={`rounded-r-md border border-l-0 px-1.5 text-xs focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none ${hidden.has(index) ? "border-slate-300 bg-slate-200 text-slate-500 line-through" : "border-slate-300 bg-white text-slate-600"}`}
              >
                {hidden.has(index) ? "hidden" : "shown"}
              </button>
            </span>
          );
        })}
      </div>
      {!readOnly && tool === "box" && box ? (
        <fieldset className="flex flex-wrap items-end gap-2 rounded-md border border-slate-200 p-2">
          <legend className="px-1 text-xs font-medium text-slate-700">
            3D box (metres, yaw in degrees)
          </legend>
          {(["x", "y", "z"] as const).map((axis) => (
            <NumberField
              key={`c${axis}`}
              label={`Centre ${axis}`}
              step={0.5}
              value={box.center[axis]}
              onChange={(next) => setBox({ ...box, center: { ...box.center, [axis]: next } })}
            />
          ))}
          {(["x", "y", "z"] as const).map((axis) => (
            <NumberField
              key={`s${axis}`}
              label={`Size ${axis}`}
              step={0.5}
              value={box.size[axis]}
              onChange={(next) =>
                setBox({ ...box, size: { ...box.size, [axis]: Math.max(0, next) } })
              }
            />
          ))}
          <NumberField
            label="Yaw"
            step={5}
            value={(box.yaw * 180) / Math.PI}
            onChange={(next) => setBox({ ...box, yaw: (next * Math.PI) / 180 })}
          />
          <button
            type="button"
            className={buttonClass(false)}
            onClick={() => cloud && label(selectInBox(cloud.positions, box), "Box")}
          >
            Label points in box
          </button>
        </fieldset>
      ) : null}
      <div className="flex flex-col gap-3 lg:flex-row">
        <div
          ref={viewport}
          data-lidar-viewport=""
          data-frame={frame}
          data-point-count={cloud?.count ?? 0}
          data-loaded={clouds !== null}
          className="relative h-[480px] min-w-0 flex-1 overflow-hidden rounded-md border border-slate-200 bg-slate-900"
          role="img"
          aria-label={`Point cloud, frame ${frame + 1} of ${frameCount}${cloud ? `, ${cloud.count} points` : ""}`}
        >
          <svg
            className={`absolute inset-0 z-10 h-full w-full touch-none ${selecting ? "cursor-crosshair" : "pointer-events-none"}`}
            data-selection-surface=""
            aria-hidden="true"
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={onPointerUp}
            onPointerLeave={() => setCursor(null)}
          >
            {/* Painted (if invisibly), so the whole surface takes the pointer. */}
            <rect width="100%" height="100%" fill="transparent" />
            {path && tool === "lasso" ? (
              <polygon
                points={path.map((p) => `${p.x},${p.y}`).join(" ")}
                fill="rgba(250, 204, 21, 0.15)"
                stroke="#facc15"
                strokeWidth={1.5}
              />
            ) : null}
            {path && tool === "brush" ? (
              <polyline
                points={path.map((p) => `${p.x},${p.y}`).join(" ")}
                fill="none"
                stroke="rgba(250, 204, 21, 0.35)"
                strokeWidth={brushRadius * 2}
                strokeLinecap="round"
                strokeLinejoin="round"
              />
            ) : null}
            {cursor && selecting && tool === "brush" ? (
              <circle cx={cursor.x} cy={cursor.y} r={brushRadius} fill="none" stroke="#facc15" />
            ) : null}
          </svg>
          {viewerError ? (
            <p
              role="alert"
              className="absolute inset-x-0 top-0 z-20 bg-red-50 p-2 text-sm text-red-700"
            >
              The point cloud cannot be drawn: {viewerError}
            </p>
          ) : null}
        </div>
        {cloud && cloud.images.length > 0 ? (
          <aside aria-label="Camera images" className="flex w-full flex-col gap-2 lg:w-72">
            {cloud.images.map((image, index) => (
              <figure
                key={index}
                className="overflow-hidden rounded-md border border-slate-200 bg-slate-100"
              >
                <img
                  src={image.url}
                  alt={`Camera ${index + 1}, frame ${frame + 1}`}
                  className="w-full"
                />
                <figcaption className="px-2 py-1 text-xs text-slate-600">
                  Camera {index + 1}
                </figcaption>
              </figure>
            ))}
          </aside>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          className={buttonClass(false)}
          disabled={frame === 0}
          onClick={() => changeFrame(frame - 1)}
        >
          Previous frame
        </button>
        <span className="text-sm tabular-nums text-slate-700" aria-live="polite">
          Frame {frame + 1} of {frameCount}
        </span>
        <button
          type="button"
          className={buttonClass(false)}
          disabled={frame >= frameCount - 1}
          onClick={() => changeFrame(frame + 1)}
        >
          Next frame
        </button>
        {readOnly ? null : (
          <>
            <button
              type="button"
              className={buttonClass(false)}
              disabled={frame === 0 || !clouds}
              onClick={propagate}
            >
              Copy labels from previous frame
            </button>
            <label className="flex items-center gap-1 text-xs text-slate-700">
              within
              <input
                type="number"
                min={0.01}
                step={0.05}
                value={tolerance}
                onChange={(event) =>
                  setTolerance(Math.max(0.01, Number(event.target.value) || 0.1))
                }
                className="w-16 rounded-md border border-slate-300 px-1 py-0.5 text-sm"
              />
              m
            </label>
            <button
              type="button"
              className={buttonClass(false)}
              disabled={!clouds}
              onClick={labelRest}
            >
              Label the rest as {labelName(activeLabel)}
            </button>
          </>
        )}
      </div>
      {cloud && expectedCount !== undefined && expectedCount !== cloud.count ? (
        <p role="alert" className="text-sm text-amber-700">
          This frame has {cloud.count} points, but the task expects {expectedCount}.
        </p>
      ) : null}
      <p className="min-h-5 text-sm text-slate-700" role="status">
        {status}
      </p>
      {issues.length > 0 ? (
        <ul className="list-disc pl-5 text-sm text-red-700" aria-label="Labeling problems">
          {issues.map((issue, index) => (
            <li key={index}>
              <code>{formatIssuePath(issue.path) || "response"}</code>: {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
};
