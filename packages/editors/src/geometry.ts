import type { Annotation, CuboidAnnotation } from "@taskforge/schema";

export type Point = { x: number; y: number };
export type Segment = { from: Point; to: Point };

/** Radians (Scale's `rotation`, clockwise on screen) to the degrees SVG's rotate() takes. */
export const radiansToDegrees = (radians: number): number => (radians * 180) / Math.PI;

/** Rounds to 2 decimals so SVG attributes stay short and tests stay exact. */
export const round2 = (value: number): number => Math.round(value * 100) / 100;

/** A point rotated about a centre, clockwise on screen (y grows downwards). */
export const rotateAbout = (point: Point, centre: Point, radians: number): Point => {
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const dx = point.x - centre.x;
  const dy = point.y - centre.y;
  return { x: centre.x + dx * cos - dy * sin, y: centre.y + dx * sin + dy * cos };
};

/** The 4 corners of a (possibly rotated) box, clockwise from its top-left before rotation. */
export const boxCorners = (box: {
  left: number;
  top: number;
  width: number;
  height: number;
  rotation?: number | undefined;
}): Point[] => {
  const { left, top, width, height } = box;
  const centre = { x: left + width / 2, y: top + height / 2 };
  const corners = [
    { x: left, y: top },
    { x: left + width, y: top },
    { x: left + width, y: top + height },
    { x: left, y: top + height },
  ];
  const rotation = box.rotation ?? 0;
  return rotation === 0 ? corners : corners.map((corner) => rotateAbout(corner, centre, rotation));
};

/** An SVG `points` attribute: "x1,y1 x2,y2 …". */
export const pointsAttribute = (points: readonly Point[]): string =>
  points.map((point) => `${round2(point.x)},${round2(point.y)}`).join(" ");

/** `rotate(deg cx cy)` for a shape turned about its centre, or undefined when not rotated. */
export const rotateTransform = (radians: number | undefined, centre: Point): string | undefined =>
  radians === undefined || radians === 0
    ? undefined
    : `rotate(${round2(radiansToDegrees(radians))} ${round2(centre.x)} ${round2(centre.y)})`;

const vertexOf = (cuboid: CuboidAnnotation, description: string): Point | undefined =>
  cuboid.vertices.find((vertex) => vertex.description === description);

/**
 * The edges of a 2D cuboid. The front face is always drawn. With Scale's 6 vertices, the side
 * corners join the face's edge nearest to them (right when they lie right of the face's centre)
 * and each other; with 8, the back face is drawn and joined corner to corner to the front.
 */
export const cuboidSegments = (cuboid: CuboidAnnotation): Segment[] => {
  const face = ["face-topleft", "face-topright", "face-bottomright", "face-bottomleft"].map(
    (name) => vertexOf(cuboid, name),
  );
  const segments: Segment[] = [];
  const ring = (points: (Point | undefined)[]) =>
    points.forEach((from, index) => {
      const to = points[(index + 1) % points.length];
      if (from && to) segments.push({ from, to });
    });
  ring(face);
  const back = ["back-topleft", "back-topright", "back-bottomright", "back-bottomleft"].map(
    (name) => vertexOf(cuboid, name),
  );
  if (back.some((point) => point !== undefined)) {
    ring(back);
    face.forEach((from, index) => {
      const to = back[index];
      if (from && to) segments.push({ from, to });
    });
    return segments;
  }
  const sideTop = vertexOf(cuboid, "side-topcorner");
  const sideBottom = vertexOf(cuboid, "side-bottomcorner");
  const known = face.filter((point): point is Point => point !== undefined);
  const centreX = known.reduce((sum, point) => sum + point.x, 0) / Math.max(1, known.length);
  const onRight = (sideTop ?? sideBottom ?? { x: centreX }).x >= centreX;
  const [faceTop, faceBottom] = onRight ? [face[1], face[2]] : [face[0], face[3]];
  if (faceTop && sideTop) segments.push({ from: faceTop, to: sideTop });
  if (faceBottom && sideBottom) segments.push({ from: faceBottom, to: sideBottom });
  if (sideTop && sideBottom) segments.push({ from: sideTop, to: sideBottom });
  return segments;
};

/** Every point an annotation reaches, for sizing a drawing when the image size is unknown. */
export const annotationPoints = (annotation: Annotation): Point[] => {
  switch (annotation.type) {
    case "box":
      return boxCorners(annotation);
    case "polygon":
    case "line":
    case "cuboid":
      return annotation.vertices;
    case "point":
      return [annotation];
    case "ellipse": {
      const r = Math.max(annotation.rx, annotation.ry);
      return [
        { x: annotation.x - r, y: annotation.y - r },
        { x: annotation.x + r, y: annotation.y + r },
      ];
    }
  }
};

/** Where a shape's label goes: its top-most, then left-most point. */
export const labelAnchor = (annotation: Annotation): Point => {
  const points = annotationPoints(annotation);
  return points.reduce(
    (best, point) => (point.y < best.y || (point.y === best.y && point.x < best.x) ? point : best),
    points[0] ?? { x: 0, y: 0 },
  );
};

/**
 * The drawing's size: the known image size, else just past the furthest annotation (at least
 * 100×100), so shapes still show in proportion before (or without) the image loading.
 */
export const drawingSize = (
  size: { width: number; height: number } | undefined,
  annotations: readonly Annotation[],
): { width: number; height: number } => {
  if (size) return size;
  let width = 100;
  let height = 100;
  for (const point of annotations.flatMap(annotationPoints)) {
    width = Math.max(width, Math.ceil(point.x * 1.05));
    height = Math.max(height, Math.ceil(point.y * 1.05));
  }
  return { width, height };
};
