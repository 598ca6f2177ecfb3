"use client";

import { useEffect, useRef, useState } from "react";
import type { ReactNode } from "react";
import type { PDFDocumentProxy } from "pdfjs-dist";

import type { Size } from "./image-stage";

// Canvases beyond this many pixels a side are slow or refused by browsers; zooming further shows
// the page a little soft rather than not at all.
const MAX_CANVAS_SIDE = 4096;

/**
 * One PDF page drawn by pdf.js with an SVG over it, as `ImageStage` does for images. The page's
 * pixels are PDF points of the page as shown (rotation applied, origin top-left), whatever the
 * zoom: the canvas is redrawn sharp for the size it is displayed at.
 */
export const PdfPageStage = ({
  document,
  pageNumber,
  label,
  children,
}: {
  document: PDFDocumentProxy;
  /** 1-based, as pdf.js counts. */
  pageNumber: number;
  label: string;
  children?: ReactNode;
}) => {
  const figure = useRef<HTMLElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState<Size | undefined>();
  const [width, setWidth] = useState(0);
  const [rendered, setRendered] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();

  useEffect(() => {
    const element = figure.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.round(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    let live = true;
    let cancel: (() => void) | undefined;
    document
      .getPage(pageNumber)
      .then(async (page) => {
        const base = page.getViewport({ scale: 1 });
        if (!live) return;
        setSize({ width: base.width, height: base.height });
        const target = canvas.current;
        if (width === 0 || !target) return;
        const pixels = Math.min(width * window.devicePixelRatio, MAX_CANVAS_SIDE);
        const viewport = page.getViewport({
          scale: Math.min(pixels / base.width, MAX_CANVAS_SIDE / base.height),
        });
        // Drawn off screen, then copied: the page shown never goes blank while it is redrawn.
        const scratch = window.document.createElement("canvas");
        scratch.width = Math.floor(viewport.width);
        scratch.height = Math.floor(viewport.height);
        const task = page.render({ canvas: scratch, viewport });
        cancel = () => task.cancel();
        await task.promise;
        if (!live) return;
        target.width = scratch.width;
        target.height = scratch.height;
        target.getContext("2d")?.drawImage(scratch, 0, 0);
        setRendered(true);
      })
      .catch((error: unknown) => {
        if (live && (error as Error).name !== "RenderingCancelledException") {
          setFailure((error as Error).message);
        }
      });
    return () => {
      live = false;
      cancel?.();
    };
  }, [document, pageNumber, width]);

  const view = size ?? { width: 612, height: 792 };
  return (
    <figure
      ref={figure}
      data-pdf-page={pageNumber}
      data-rendered={rendered ? "true" : undefined}
      className="relative w-full overflow-hidden rounded-md border border-slate-200 bg-white"
      style={{ aspectRatio: `${view.width} / ${view.height}` }}
    >
      <canvas
        ref={canvas}
        role="img"
        aria-label={`PDF page ${pageNumber}`}
        className="absolute inset-0 h-full w-full"
      />
      {failure ? (
        <div className="absolute inset-0 flex items-end p-2 text-xs text-red-700">
          Page {pageNumber} could not be drawn: {failure}
        </div>
      ) : null}
      <svg
        role="img"
        aria-label={label}
        viewBox={`0 0 ${view.width} ${view.height}`}
        preserveAspectRatio="none"
        className="absolute inset-0 h-full w-full"
      >
        {children}
      </svg>
    </figure>
  );
};
