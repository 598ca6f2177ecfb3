import type { Annotation } from "@taskforge/schema";

import { rotateAbout } from "../../geometry";
import type { Point } from "../../geometry";
import {
  boxHandlePoints,
  clampPoint,
  distance,
  edgeMidpoints,
  insertVertex,
  resizeBox,
  rotationHandlePoint,
  rotationTowards,
} from "./shape-geometry";
import type { BoxHandle, Size } from "./shape-geometry";

/** A grip on the selected shape that reshapes it when dragged. */
export type Handle =
  | { kind: "box"; handle: BoxHandle; point: Point }
  | { kind: "rotate"; point: Point }
  | { kind: "vertex"; index: number; point: Point }
  | { kind: "midpoint"; edge: number; point: Point }
  | { kind: "radius"; axis: "rx" | "ry"; point: Point };

/**
 * The handles of a shape. `screenScale` (screen pixels per image pixel) keeps the rotation
 * handle a fixed distance above the box on screen whatever the zoom.
 */
export const handlesOf = (
  annotation: Annotation,
  options: { canRotate: boolean; screenScale: number },
): Handle[] => {
  switch (annotation.type) {
    case "box": {
      const handles: Handle[] = boxHandlePoints(annotation).map(({ handle, point }) => ({
        kind: "box",
        handle,
        point,
      }));
      if (options.canRotate) {
        handles.push({
          kind: "rotate",
          point: rotationHandlePoint(annotation, 24 / options.screenScale),
        });
      }
      return handles;
    }
    case "polygon":
    case "line":
      return [
        ...annotation.vertices.map((point, index): Handle => ({ kind: "vertex", index, point })),
        ...edgeMidpoints(annotation.vertices, annotation.type === "polygon").map(
          (point, edge): Handle => ({ kind: "midpoint", edge, point }),
        ),
      ];
    case "cuboid":
      return annotation.vertices.map((point, index) => ({ kind: "vertex", index, point }));
    case "ellipse": {
      const rotation = annotation.rotation ?? 0;
      return [
        {
          kind: "radius",
          axis: "rx",
          point: rotateAbout(
            { x: annotation.x + annotation.rx, y: annotation.y },
            annotation,
            rotation,
          ),
        },
        {
          kind: "radius",
          axis: "ry",
          point: rotateAbout(
            { x: annotation.x, y: annotation.y + annotation.ry },
            annotation,
            rotation,
          ),
        },
      ];
    }
    case "point":
      return [];
  }
};

/** The handle under the point (within `tolerance` image pixels); vertices win over midpoints. */
export const hitHandle = (
  handles: readonly Handle[],
  point: Point,
  tolerance: number,
): Handle | undefined => {
  let best: { handle: Handle; distance: number } | undefined;
  for (const handle of handles) {
    const d = distance(handle.point, point) + (handle.kind === "midpoint" ? tolerance / 2 : 0);
    if (d <= tolerance * 1.5 && (!best || d < best.distance)) best = { handle, distance: d };
  }
  return best?.handle;
};

/** The shape as it is while `handle` of `original` is dragged to `pointer` (image pixels). */
export const dragHandle = (
  original: Annotation,
  handle: Handle,
  pointer: Point,
  size: Size | undefined,
): Annotation => {
  const at = clampPoint(pointer, size);
  switch (handle.kind) {
    case "box":
      return original.type === "box" ? resizeBox(original, handle.handle, pointer, size) : original;
    case "rotate":
      return original.type === "box"
        ? { ...original, rotation: rotationTowards(original, pointer) }
        : original;
    case "vertex":
      if (original.type === "polygon" || original.type === "line") {
        return {
          ...original,
          vertices: original.vertices.map((v, i) =>
            i === handle.index ? { x: at.x, y: at.y } : v,
          ),
        };
      }
      if (original.type === "cuboid") {
        return {
          ...original,
          vertices: original.vertices.map((v, i) =>
            i === handle.index ? { ...v, x: at.x, y: at.y } : v,
          ),
        };
      }
      return original;
    case "midpoint":
      return original.type === "polygon" || original.type === "line"
        ? {
            ...original,
            vertices: insertVertex(original.vertices, handle.edge, { x: at.x, y: at.y }),
          }
        : original;
    case "radius": {
      if (original.type !== "ellipse") return original;
      const local = rotateAbout(pointer, original, -(original.rotation ?? 0));
      return handle.axis === "rx"
        ? { ...original, rx: Math.max(1, Math.abs(local.x - original.x)) }
        : { ...original, ry: Math.max(1, Math.abs(local.y - original.y)) };
    }
  }
};
