import { round2 } from "../../geometry";
import type { Point } from "../../geometry";

export type Box = { left: number; top: number; width: number; height: number };
export type PageSize = { width: number; height: number };

/** Drags shorter than this (in page pixels) are clicks, not boxes. */
export const MIN_BOX_SIZE = 3;

const clamp = (value: number, min: number, max: number): number =>
  Math.min(Math.max(value, min), max);

/** A point kept on the page. */
export const clampToPage = (point: Point, page: PageSize): Point => ({
  x: clamp(point.x, 0, page.width),
  y: clamp(point.y, 0, page.height),
});

/**
 * The box a drag from `start` to `end` spans, whichever way it went, cut to the page and rounded
 * to hundredths of a pixel.
 */
export const boxFromDrag = (start: Point, end: Point, page: PageSize): Box => {
  const a = clampToPage(start, page);
  const b = clampToPage(end, page);
  const left = Math.min(a.x, b.x);
  const top = Math.min(a.y, b.y);
  return {
    left: round2(left),
    top: round2(top),
    width: round2(Math.max(a.x, b.x) - left),
    height: round2(Math.max(a.y, b.y) - top),
  };
};

/** Whether a drawn box is big enough to be meant (a click draws nothing). */
export const isDrawnBox = (box: Box): boolean =>
  box.width >= MIN_BOX_SIZE && box.height >= MIN_BOX_SIZE;

/** The box moved by (dx, dy), stopped at the page's edges so that it stays whole on the page. */
export const moveBox = (box: Box, dx: number, dy: number, page: PageSize): Box => ({
  ...box,
  left: round2(clamp(box.left + dx, 0, Math.max(0, page.width - box.width))),
  top: round2(clamp(box.top + dy, 0, Math.max(0, page.height - box.height))),
});

/** Whether the point lies in the box (edges included). */
export const boxContains = (box: Box, point: Point): boolean =>
  point.x >= box.left &&
  point.x <= box.left + box.width &&
  point.y >= box.top &&
  point.y <= box.top + box.height;

/**
 * The index of the box under the point, or -1. Boxes drawn later lie on top; among nested
 * boxes the smallest wins, so a small box inside a big one can still be picked.
 */
export const hitTest = (boxes: readonly Box[], point: Point): number => {
  let found = -1;
  boxes.forEach((box, index) => {
    if (!boxContains(box, point)) return;
    const current = boxes[found];
    if (current === undefined || box.width * box.height <= current.width * current.height) {
      found = index;
    }
  });
  return found;
};
