import type { Annotation, BoxAnnotation, CuboidAnnotation } from "@taskforge/schema";

import { annotationPoints, boxCorners, cuboidSegments, rotateAbout, round2 } from "../../geometry";
import type { Point } from "../../geometry";

/**
 * Pure geometry behind the drawing tools: everything here is in image pixels, so it is the same
 * at every zoom and is unit-tested without a browser.
 */

export type Size = { width: number; height: number };
export type Rect = { left: number; top: number; width: number; height: number };

export const clamp = (value: number, min: number, max: number): number =>
  Math.min(max, Math.max(min, value));

export const clampPoint = (point: Point, size: Size | undefined): Point =>
  size ? { x: clamp(point.x, 0, size.width), y: clamp(point.y, 0, size.height) } : point;

export const distance = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);

/** The rectangle two drag corners span (in any order), clamped to the image. */
export const rectFromCorners = (a: Point, b: Point, size: Size | undefined): Rect => {
  const from = clampPoint(a, size);
  const to = clampPoint(b, size);
  return {
    left: Math.min(from.x, to.x),
    top: Math.min(from.y, to.y),
    width: Math.abs(to.x - from.x),
    height: Math.abs(to.y - from.y),
  };
};

export const distanceToSegment = (point: Point, from: Point, to: Point): number => {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const lengthSquared = dx * dx + dy * dy;
  if (lengthSquared === 0) return distance(point, from);
  const t = clamp(((point.x - from.x) * dx + (point.y - from.y) * dy) / lengthSquared, 0, 1);
  return distance(point, { x: from.x + t * dx, y: from.y + t * dy });
};

/** Even-odd rule, so self-crossing polygons behave as they are drawn. */
export const pointInPolygon = (point: Point, vertices: readonly Point[]): boolean => {
  let inside = false;
  for (let i = 0, j = vertices.length - 1; i < vertices.length; j = i++) {
    const a = vertices[i];
    const b = vertices[j];
    if (!a || !b) continue;
    if (a.y > point.y !== b.y > point.y) {
      const crossX = ((b.x - a.x) * (point.y - a.y)) / (b.y - a.y) + a.x;
      if (point.x < crossX) inside = !inside;
    }
  }
  return inside;
};

/** The edges of a vertex list: consecutive pairs, plus last→first when closed. */
export const edgesOf = (vertices: readonly Point[], closed: boolean): [Point, Point][] => {
  const edges: [Point, Point][] = [];
  const count = closed && vertices.length > 2 ? vertices.length : vertices.length - 1;
  for (let i = 0; i < count; i++) {
    const from = vertices[i];
    const to = vertices[(i + 1) % vertices.length];
    if (from && to) edges.push([from, to]);
  }
  return edges;
};

const nearOutline = (
  point: Point,
  vertices: readonly Point[],
  closed: boolean,
  tolerance: number,
) =>
  edgesOf(vertices, closed).some(([from, to]) => distanceToSegment(point, from, to) <= tolerance);

/** Whether a point (image pixels) falls on an annotation: inside an area, or near a line. */
export const hitsAnnotation = (
  annotation: Annotation,
  point: Point,
  tolerance: number,
): boolean => {
  switch (annotation.type) {
    case "box": {
      const corners = boxCorners(annotation);
      return pointInPolygon(point, corners) || nearOutline(point, corners, true, tolerance);
    }
    case "polygon":
      return (
        pointInPolygon(point, annotation.vertices) ||
        nearOutline(point, annotation.vertices, true, tolerance)
      );
    case "line":
      return nearOutline(point, annotation.vertices, false, tolerance);
    case "point":
      return distance(point, annotation) <= tolerance * 1.5;
    case "ellipse": {
      const local = rotateAbout(point, annotation, -(annotation.rotation ?? 0));
      const nx = (local.x - annotation.x) / (annotation.rx + tolerance);
      const ny = (local.y - annotation.y) / (annotation.ry + tolerance);
      return nx * nx + ny * ny <= 1;
    }
    case "cuboid": {
      const face = annotation.vertices.filter((vertex) => vertex.description.startsWith("face-"));
      return (
        pointInPolygon(point, face) ||
        cuboidSegments(annotation).some(
          (segment) => distanceToSegment(point, segment.from, segment.to) <= tolerance,
        )
      );
    }
  }
};

/** The top-most (last drawn) annotation under the point, preferring small ones drawn later. */
export const hitTest = (
  annotations: readonly Annotation[],
  point: Point,
  tolerance: number,
): Annotation | undefined => {
  for (let i = annotations.length - 1; i >= 0; i--) {
    const annotation = annotations[i];
    if (annotation && hitsAnnotation(annotation, point, tolerance)) return annotation;
  }
  return undefined;
};

/** The edge nearest to the point: index i is the edge from vertex i to vertex i+1. */
export const nearestEdge = (
  vertices: readonly Point[],
  point: Point,
  closed: boolean,
): { index: number; distance: number } | undefined => {
  let best: { index: number; distance: number } | undefined;
  edgesOf(vertices, closed).forEach(([from, to], index) => {
    const d = distanceToSegment(point, from, to);
    if (!best || d < best.distance) best = { index, distance: d };
  });
  return best;
};

/** A vertex inserted on edge `edge` (between vertex edge and edge+1). */
export const insertVertex = <V extends Point>(
  vertices: readonly V[],
  edge: number,
  point: V,
): V[] => [...vertices.slice(0, edge + 1), point, ...vertices.slice(edge + 1)];

/** The vertices without vertex `index`, or undefined when that would leave fewer than `min`. */
export const removeVertex = <V extends Point>(
  vertices: readonly V[],
  index: number,
  min: number,
): V[] | undefined =>
  vertices.length - 1 < min || index < 0 || index >= vertices.length
    ? undefined
    : vertices.filter((_, i) => i !== index);

/** Midpoints of the edges: dragging one inserts a vertex there. */
export const edgeMidpoints = (vertices: readonly Point[], closed: boolean): Point[] =>
  edgesOf(vertices, closed).map(([from, to]) => ({
    x: (from.x + to.x) / 2,
    y: (from.y + to.y) / 2,
  }));

export const BOX_HANDLES = ["nw", "n", "ne", "e", "se", "s", "sw", "w"] as const;
export type BoxHandle = (typeof BOX_HANDLES)[number];

/** Where each resize handle sits on the (possibly rotated) box. */
export const boxHandlePoints = (box: Rect & { rotation?: number | undefined }) => {
  const { left, top, width, height } = box;
  const centre = { x: left + width / 2, y: top + height / 2 };
  const local: Record<BoxHandle, Point> = {
    nw: { x: left, y: top },
    n: { x: centre.x, y: top },
    ne: { x: left + width, y: top },
    e: { x: left + width, y: centre.y },
    se: { x: left + width, y: top + height },
    s: { x: centre.x, y: top + height },
    sw: { x: left, y: top + height },
    w: { x: left, y: centre.y },
  };
  const rotation = box.rotation ?? 0;
  return BOX_HANDLES.map((handle) => ({
    handle,
    point: rotation === 0 ? local[handle] : rotateAbout(local[handle], centre, rotation),
  }));
};

/** The rotation handle: `offset` pixels above the middle of the top edge, turning with the box. */
export const rotationHandlePoint = (
  box: Rect & { rotation?: number | undefined },
  offset: number,
): Point => {
  const centre = { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  return rotateAbout({ x: centre.x, y: box.top - offset }, centre, box.rotation ?? 0);
};

/**
 * A box resized by dragging one handle to `pointer`: the opposite side stays where it is, also
 * for a rotated box (the pointer is read in the box's own turned frame). Width and height stay at
 * least `minSize`; an unrotated box is kept inside the image.
 */
export const resizeBox = <B extends Rect & { rotation?: number | undefined }>(
  box: B,
  handle: BoxHandle,
  pointer: Point,
  size: Size | undefined,
  minSize = 1,
): B => {
  const rotation = box.rotation ?? 0;
  const centre = { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  const at = rotation === 0 ? clampPoint(pointer, size) : rotateAbout(pointer, centre, -rotation);
  let left = box.left;
  let top = box.top;
  let right = box.left + box.width;
  let bottom = box.top + box.height;
  if (handle.includes("w")) left = Math.min(at.x, right - minSize);
  if (handle.includes("e")) right = Math.max(at.x, left + minSize);
  if (handle.includes("n")) top = Math.min(at.y, bottom - minSize);
  if (handle.includes("s")) bottom = Math.max(at.y, top + minSize);
  const width = right - left;
  const height = bottom - top;
  if (rotation === 0) return { ...box, left, top, width, height };
  // The new centre, found in the turned frame, is turned back; the box is then described about it.
  const newCentre = rotateAbout({ x: left + width / 2, y: top + height / 2 }, centre, rotation);
  return {
    ...box,
    left: newCentre.x - width / 2,
    top: newCentre.y - height / 2,
    width,
    height,
  };
};

/** Radians in (-π, π]. */
export const normalizeAngle = (radians: number): number => {
  const turn = 2 * Math.PI;
  let angle = radians % turn;
  if (angle <= -Math.PI) angle += turn;
  if (angle > Math.PI) angle -= turn;
  return angle;
};

/** The rotation that puts the rotation handle (above the top edge) under the pointer. */
export const rotationTowards = (box: Rect, pointer: Point): number => {
  const centre = { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  return normalizeAngle(Math.atan2(pointer.y - centre.y, pointer.x - centre.x) + Math.PI / 2);
};

/** The furthest a shape may move by (dx, dy) and stay inside the image. */
export const clampTranslation = (
  points: readonly Point[],
  dx: number,
  dy: number,
  size: Size | undefined,
): { dx: number; dy: number } => {
  if (!size || points.length === 0) return { dx, dy };
  const xs = points.map((point) => point.x);
  const ys = points.map((point) => point.y);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  return {
    dx: clamp(dx, Math.min(0, -minX), Math.max(0, size.width - maxX)),
    dy: clamp(dy, Math.min(0, -minY), Math.max(0, size.height - maxY)),
  };
};

const shiftPoint = <P extends Point>(point: P, dx: number, dy: number): P => ({
  ...point,
  x: point.x + dx,
  y: point.y + dy,
});

/** The annotation moved by (dx, dy), stopped at the image's edges. */
export const translateAnnotation = <A extends Annotation>(
  original: A,
  dx: number,
  dy: number,
  size: Size | undefined,
): A => {
  const move = clampTranslation(annotationPoints(original), dx, dy, size);
  // A generic parameter does not narrow in a switch; the union does.
  const annotation: Annotation = original;
  const shifted: Annotation = (() => {
    switch (annotation.type) {
      case "box":
        return { ...annotation, left: annotation.left + move.dx, top: annotation.top + move.dy };
      case "point":
      case "ellipse":
        return shiftPoint(annotation, move.dx, move.dy);
      case "polygon":
      case "line":
        return {
          ...annotation,
          vertices: annotation.vertices.map((v) => shiftPoint(v, move.dx, move.dy)),
        };
      case "cuboid":
        return {
          ...annotation,
          vertices: annotation.vertices.map((v) => shiftPoint(v, move.dx, move.dy)),
        };
    }
  })();
  return shifted as A;
};

/** An ellipse filling the rectangle of a drag. */
export const ellipseFromRect = (rect: Rect): { x: number; y: number; rx: number; ry: number } => ({
  x: rect.left + rect.width / 2,
  y: rect.top + rect.height / 2,
  rx: rect.width / 2,
  ry: rect.height / 2,
});

/**
 * Scale's 6-vertex 2D cuboid from its front face and the offset of the visible side: the side
 * starts at the face's right edge when the offset points right, else at its left edge.
 */
export const cuboidFromFace = (
  face: Rect,
  offset: Point,
  size: Size | undefined,
): CuboidAnnotation["vertices"] => {
  const right = face.left + face.width;
  const bottom = face.top + face.height;
  const edgeX = offset.x >= 0 ? right : face.left;
  const side = (y: number) => clampPoint({ x: edgeX + offset.x, y: y + offset.y }, size);
  return [
    { description: "face-topleft", x: face.left, y: face.top },
    { description: "face-topright", x: right, y: face.top },
    { description: "face-bottomright", x: right, y: bottom },
    { description: "face-bottomleft", x: face.left, y: bottom },
    { description: "side-topcorner", ...side(face.top) },
    { description: "side-bottomcorner", ...side(bottom) },
  ];
};

/**
 * Coordinates as stored: 2 decimals (enough below a pixel, short and stable in responses), or whole pixels for unrotated boxes when the params ask for
 * `integer_pixels`. Box `vertices` (Scale's derived corners) are dropped: left/top/width/height
 * are authoritative and stale corners would contradict them after an edit.
 */
export const roundAnnotation = <A extends Annotation>(original: A, integerPixels = false): A => {
  const r = round2;
  const annotation: Annotation = original;
  const rounded: Annotation = (() => {
    switch (annotation.type) {
      case "box": {
        const { vertices: _derived, ...box } = annotation;
        const whole = integerPixels && !box.rotation ? Math.round : r;
        const result: BoxAnnotation = {
          ...box,
          left: whole(box.left),
          top: whole(box.top),
          width: Math.max(whole === r ? 0.01 : 1, whole(box.width)),
          height: Math.max(whole === r ? 0.01 : 1, whole(box.height)),
        };
        if (box.rotation !== undefined) result.rotation = Math.round(box.rotation * 1e4) / 1e4;
        return result;
      }
      case "point":
        return { ...annotation, x: r(annotation.x), y: r(annotation.y) };
      case "ellipse": {
        const ellipse = {
          ...annotation,
          x: r(annotation.x),
          y: r(annotation.y),
          rx: Math.max(0.01, r(annotation.rx)),
          ry: Math.max(0.01, r(annotation.ry)),
        };
        if (annotation.rotation !== undefined)
          ellipse.rotation = Math.round(annotation.rotation * 1e4) / 1e4;
        return ellipse;
      }
      case "polygon":
      case "line":
        return {
          ...annotation,
          vertices: annotation.vertices.map((v) => ({ x: r(v.x), y: r(v.y) })),
        };
      case "cuboid": {
        const { edges: _derived, ...cuboid } = annotation;
        return {
          ...cuboid,
          vertices: cuboid.vertices.map((v) => ({ ...v, x: r(v.x), y: r(v.y) })),
        };
      }
    }
  })();
  return rounded as A;
};
