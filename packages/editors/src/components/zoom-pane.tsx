"use client";

import { useEffect, useLayoutEffect, useRef } from "react";
import type { ReactNode } from "react";

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 8;
const STEP = 1.25;

const clampZoom = (zoom: number) => Math.min(Math.max(zoom, MIN_ZOOM), MAX_ZOOM);

export const zoomedIn = (zoom: number) => clampZoom(zoom * STEP);
export const zoomedOut = (zoom: number) => clampZoom(zoom / STEP);

const BUTTON =
  "whitespace-nowrap rounded-md border border-slate-300 px-2 py-0.5 text-sm text-slate-800 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none disabled:opacity-50";

/**
 * A page at `zoom` times the pane's width (1 = fit width). Zoomed in, the pane scrolls: the wheel
 * and scroll bars pan, as does a drag with the middle button; Ctrl/⌘ + wheel zooms about the
 * pointer, keeping the point under it in place.
 */
export const ZoomPane = ({
  zoom,
  onZoom,
  children,
}: {
  zoom: number;
  onZoom: (zoom: number) => void;
  children: ReactNode;
}) => {
  const pane = useRef<HTMLDivElement>(null);
  // Where the pointer was when the wheel zoomed, so the scroll follows once the page has grown.
  const anchor = useRef<{ x: number; y: number; from: number } | null>(null);
  const pan = useRef<{ pointerId: number; x: number; y: number } | null>(null);

  useEffect(() => {
    const element = pane.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      const next = event.deltaY < 0 ? zoomedIn(zoom) : zoomedOut(zoom);
      if (next === zoom) return;
      const rect = element.getBoundingClientRect();
      anchor.current = { x: event.clientX - rect.left, y: event.clientY - rect.top, from: zoom };
      onZoom(next);
    };
    element.addEventListener("wheel", onWheel, { passive: false });
    return () => element.removeEventListener("wheel", onWheel);
  }, [zoom, onZoom]);

  useLayoutEffect(() => {
    const element = pane.current;
    const at = anchor.current;
    anchor.current = null;
    if (!element || !at || at.from === zoom) return;
    const ratio = zoom / at.from;
    element.scrollLeft = (element.scrollLeft + at.x) * ratio - at.x;
    element.scrollTop = (element.scrollTop + at.y) * ratio - at.y;
  }, [zoom]);

  return (
    <div className="space-y-1">
      <div role="group" aria-label="Zoom" className="flex flex-wrap items-center gap-1.5">
        <button
          type="button"
          className={BUTTON}
          aria-label="Zoom out"
          disabled={zoom <= MIN_ZOOM}
          onClick={() => onZoom(zoomedOut(zoom))}
        >
          −
        </button>
        <span className="w-12 text-center text-xs text-slate-700 tabular-nums" aria-live="polite">
          {Math.round(zoom * 100)}%
        </span>
        <button
          type="button"
          className={BUTTON}
          aria-label="Zoom in"
          disabled={zoom >= MAX_ZOOM}
          onClick={() => onZoom(zoomedIn(zoom))}
        >
          +
        </button>
        <button
          type="button"
          className={BUTTON}
          disabled={zoom === MIN_ZOOM}
          onClick={() => onZoom(MIN_ZOOM)}
        >
          Fit width
        </button>
        <span className="text-xs text-slate-500">Ctrl + wheel zooms; middle-drag pans</span>
      </div>
      <div
        ref={pane}
        data-zoom={zoom}
        // Fit to width the page is shown whole and the window scrolls; zoomed in, this pane does.
        className={zoom > MIN_ZOOM ? "max-h-[80vh] overflow-auto rounded-md" : undefined}
        onPointerDown={(event) => {
          if (event.button !== 1 || !pane.current) return;
          event.preventDefault();
          event.currentTarget.setPointerCapture(event.pointerId);
          pan.current = { pointerId: event.pointerId, x: event.clientX, y: event.clientY };
        }}
        onPointerMove={(event) => {
          const from = pan.current;
          if (!from || from.pointerId !== event.pointerId || !pane.current) return;
          pane.current.scrollBy(from.x - event.clientX, from.y - event.clientY);
          pan.current = { ...from, x: event.clientX, y: event.clientY };
        }}
        onPointerUp={() => {
          pan.current = null;
        }}
        onPointerCancel={() => {
          pan.current = null;
        }}
      >
        <div style={{ width: `${zoom * 100}%` }}>{children}</div>
      </div>
    </div>
  );
};
