import { clamp } from "./shape-geometry";
import type { Size } from "./shape-geometry";
import type { Point } from "../../geometry";

/**
 * The canvas's view: a screen point is `image point × scale + (x, y)`, in CSS pixels relative to
 * the canvas's top-left corner. Shapes are always stored in image pixels; only this maps them.
 */
export type View = { scale: number; x: number; y: number };

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 40;

export const toImage = (view: View, screen: Point): Point => ({
  x: (screen.x - view.x) / view.scale,
  y: (screen.y - view.y) / view.scale,
});

export const toScreen = (view: View, image: Point): Point => ({
  x: image.x * view.scale + view.x,
  y: image.y * view.scale + view.y,
});

/** The whole image, as large as the canvas allows, centred, with a margin of `padding` pixels. */
export const fitView = (image: Size, canvas: Size, padding = 16): View => {
  const scale = clamp(
    Math.min(
      (canvas.width - 2 * padding) / Math.max(1, image.width),
      (canvas.height - 2 * padding) / Math.max(1, image.height),
    ),
    MIN_SCALE,
    MAX_SCALE,
  );
  return {
    scale,
    x: (canvas.width - image.width * scale) / 2,
    y: (canvas.height - image.height * scale) / 2,
  };
};

/** Zoomed by `factor` about a screen point, which keeps showing the same image point. */
export const zoomAbout = (view: View, screen: Point, factor: number): View => {
  const scale = clamp(view.scale * factor, MIN_SCALE, MAX_SCALE);
  const anchor = toImage(view, screen);
  return { scale, x: screen.x - anchor.x * scale, y: screen.y - anchor.y * scale };
};

export const panBy = (view: View, dx: number, dy: number): View => ({
  ...view,
  x: view.x + dx,
  y: view.y + dy,
});

/** A wheel's deltaY as a zoom factor: one notch (100) is about 20 %. */
export const wheelFactor = (deltaY: number): number => Math.exp(-deltaY * 0.002);
