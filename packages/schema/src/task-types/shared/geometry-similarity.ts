import { annotationRegion } from "./geometry-bounds";
import type { ImageSize } from "./geometry-bounds";
import { distance, polygonIoU, polylineDistance, rectIoU } from "./geometry-polygon";
import type { Annotation, Vertex } from "./geometry-shapes";

/**
 * Points and lines have no area, so they are compared by distance: within `pointRadius` pixels
 * they count as the same object. The radius is 1% of the image diagonal when the size is known
 * (≈ 22 px on a 1920×1080 image, 8 px on 640×480), else 10 px.
 */
export const DEFAULT_POINT_RADIUS = 10;
export const POINT_RADIUS_FRACTION = 0.01;

export type SimilarityContext = { pointRadius: number };

export const similarityContextFor = (size: ImageSize | undefined): SimilarityContext => ({
  pointRadius:
    size === undefined
      ? DEFAULT_POINT_RADIUS
      : Math.max(1, POINT_RADIUS_FRACTION * Math.hypot(size.width, size.height)),
});

/**
 * Maps a distance to [0, 1] so that it sits on the IoU scale: 1 at 0 px, exactly the match
 * threshold 0.5 at `radius`, 0 from twice the radius on.
 */
export const distanceSimilarity = (d: number, radius: number): number =>
  Math.max(0, 1 - d / (2 * radius));

const sameVertices = (a: readonly Vertex[], b: readonly Vertex[]): boolean =>
  a.length === b.length && a.every((v, i) => v.x === b[i]?.x && v.y === b[i]?.y);

/**
 * Whether two annotations have exactly the same geometry (uuid, label and attributes aside).
 * Compared field by field rather than through a serialized key: it runs for every pair the
 * clustering looks at, and a cache keyed on objects would go stale if an editor mutated one.
 */
export const sameGeometry = (a: Annotation, b: Annotation): boolean => {
  switch (a.type) {
    case "box":
      return (
        b.type === "box" &&
        a.left === b.left &&
        a.top === b.top &&
        a.width === b.width &&
        a.height === b.height &&
        (a.rotation ?? 0) === (b.rotation ?? 0)
      );
    case "point":
      return b.type === "point" && a.x === b.x && a.y === b.y;
    case "ellipse":
      return (
        b.type === "ellipse" &&
        a.x === b.x &&
        a.y === b.y &&
        a.rx === b.rx &&
        a.ry === b.ry &&
        (a.rotation ?? 0) === (b.rotation ?? 0)
      );
    case "polygon":
    case "line":
      return b.type === a.type && sameVertices(a.vertices, b.vertices);
    case "cuboid":
      return (
        b.type === "cuboid" &&
        sameVertices(a.vertices, b.vertices) &&
        a.vertices.every((v, i) => v.description === b.vertices[i]?.description)
      );
  }
};

const isAxisAligned = (annotation: Annotation): boolean =>
  annotation.type === "box" && (annotation.rotation ?? 0) === 0;

/**
 * Similarity of two annotations in [0, 1]: IoU for area shapes (exact for axis-aligned boxes,
 * polygon IoU for rotated boxes, polygons, ellipses and cuboid hulls), distance similarity for
 * points (Euclidean) and lines (symmetric mean vertex-to-polyline distance). Different types or
 * labels never match. Identical geometry is 1 exactly, free of floating-point noise.
 */
export const annotationSimilarity = (
  a: Annotation,
  b: Annotation,
  context: SimilarityContext,
): number => {
  if (a.type !== b.type || a.label !== b.label) return 0;
  if (sameGeometry(a, b)) return 1;
  if (a.type === "point" && b.type === "point") {
    return distanceSimilarity(distance(a, b), context.pointRadius);
  }
  if (a.type === "line" && b.type === "line") {
    return distanceSimilarity(polylineDistance(a.vertices, b.vertices), context.pointRadius);
  }
  if (a.type === "box" && b.type === "box" && isAxisAligned(a) && isAxisAligned(b)) {
    return rectIoU(a, b);
  }
  const regionA = annotationRegion(a);
  const regionB = annotationRegion(b);
  return regionA === undefined || regionB === undefined ? 0 : polygonIoU(regionA, regionB);
};

/** Annotations are only ever compared within the same geometry type and label. */
export const annotationGroup = (annotation: Annotation): string =>
  `${annotation.type}\u0000${annotation.label}`;
