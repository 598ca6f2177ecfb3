import {
  convexHull,
  ellipseBounds,
  ellipsePolygon,
  pointsBounds,
  rotatedRectCorners,
} from "./geometry-polygon";
import type { Bounds, Point } from "./geometry-polygon";
import type { Annotation } from "./geometry-shapes";

/** Image or frame size, when the task knows it. */
export type ImageSize = { width: number; height: number };

/**
 * Coordinates computed through cos/sin (rotated corners, ellipse extents) are off by a few ulps;
 * a shape drawn flush against the border must not fail for that.
 */
export const BOUNDS_TOLERANCE = 1e-6;

/** The axis-aligned extents of an annotation, rotation included. */
export const annotationBounds = (annotation: Annotation): Bounds => {
  switch (annotation.type) {
    case "box":
      return pointsBounds(rotatedRectCorners(annotation, annotation.rotation ?? 0));
    case "polygon":
    case "line":
    case "cuboid":
      return pointsBounds(annotation.vertices);
    case "point":
      return { minX: annotation.x, maxX: annotation.x, minY: annotation.y, maxY: annotation.y };
    case "ellipse":
      return ellipseBounds(annotation);
  }
};

export const boundsInside = (bounds: Bounds, size: ImageSize): boolean =>
  bounds.minX >= -BOUNDS_TOLERANCE &&
  bounds.minY >= -BOUNDS_TOLERANCE &&
  bounds.maxX <= size.width + BOUNDS_TOLERANCE &&
  bounds.maxY <= size.height + BOUNDS_TOLERANCE;

/**
 * The region an area-like annotation covers, as a polygon, for IoU: a box's (rotated) corners, an
 * ellipse sampled at 64 points, a cuboid's convex hull (the area its projection covers).
 * Undefined for points and lines, which have no area and are compared by distance instead.
 */
export const annotationRegion = (annotation: Annotation): Point[] | undefined => {
  switch (annotation.type) {
    case "box":
      return rotatedRectCorners(annotation, annotation.rotation ?? 0);
    case "polygon":
      return annotation.vertices;
    case "ellipse":
      return ellipsePolygon(annotation);
    case "cuboid":
      return convexHull(annotation.vertices);
    case "point":
    case "line":
      return undefined;
  }
};
