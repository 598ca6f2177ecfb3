/**
 * Plane geometry on plain `{x, y}` points, in image pixels (y grows downwards). Pure functions
 * with no dependencies, so the browser editors and the server compute identical numbers.
 */
export type Point = { x: number; y: number };
export type Rect = { left: number; top: number; width: number; height: number };

/**
 * Shoelace formula. Positive for counter-clockwise order in a y-up frame (clockwise on screen);
 * only the consistency of the sign matters to the callers.
 */
export const signedArea = (polygon: readonly Point[]): number => {
  let sum = 0;
  for (let i = 0; i < polygon.length; i += 1) {
    const a = polygon[i];
    const b = polygon[(i + 1) % polygon.length];
    if (a === undefined || b === undefined) continue;
    sum += a.x * b.y - b.x * a.y;
  }
  return sum / 2;
};

export const polygonArea = (polygon: readonly Point[]): number => Math.abs(signedArea(polygon));

const cross = (o: Point, a: Point, b: Point): number =>
  (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);

/**
 * Sutherland–Hodgman: clips `subject` by the convex polygon `clip`; both must be wound with a
 * positive signed area. Exact for convex inputs, which is all `polygonIntersectionArea` feeds it.
 */
export const clipConvex = (subject: readonly Point[], clip: readonly Point[]): Point[] => {
  let output: Point[] = [...subject];
  for (let i = 0; i < clip.length && output.length > 0; i += 1) {
    const edgeStart = clip[i];
    const edgeEnd = clip[(i + 1) % clip.length];
    if (edgeStart === undefined || edgeEnd === undefined) continue;
    const input = output;
    output = [];
    for (let j = 0; j < input.length; j += 1) {
      const current = input[j];
      const previous = input[(j + input.length - 1) % input.length];
      if (current === undefined || previous === undefined) continue;
      const currentInside = cross(edgeStart, edgeEnd, current) >= 0;
      const previousInside = cross(edgeStart, edgeEnd, previous) >= 0;
      if (currentInside !== previousInside) {
        output.push(segmentLineIntersection(previous, current, edgeStart, edgeEnd));
      }
      if (currentInside) output.push(current);
    }
  }
  return output;
};

const segmentLineIntersection = (p: Point, q: Point, a: Point, b: Point): Point => {
  const dp = cross(a, b, p);
  const dq = cross(a, b, q);
  const t = dp / (dp - dq);
  return { x: p.x + t * (q.x - p.x), y: p.y + t * (q.y - p.y) };
};

type Triangle = { sign: number; points: [Point, Point, Point]; bounds: Bounds };

/** Fan triangles from the first vertex, each with the sign of its own winding, wound positively. */
const fanTriangles = (polygon: readonly Point[]): Triangle[] => {
  const apex = polygon[0];
  if (apex === undefined) return [];
  const triangles: Triangle[] = [];
  for (let i = 1; i + 1 < polygon.length; i += 1) {
    const b = polygon[i];
    const c = polygon[i + 1];
    if (b === undefined || c === undefined) continue;
    const area = signedArea([apex, b, c]);
    if (area === 0) continue;
    const points: [Point, Point, Point] = area > 0 ? [apex, b, c] : [apex, c, b];
    triangles.push({ sign: Math.sign(area), points, bounds: pointsBounds(points) });
  }
  return triangles;
};

export const boundsOverlap = (a: Bounds, b: Bounds): boolean =>
  a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;

/**
 * Intersection area of two simple polygons, convex or not. Sutherland–Hodgman alone is only
 * exact when the clip polygon is convex, so each polygon is split into signed fan triangles: a
 * polygon's indicator function is the signed sum of its fan triangles' indicators, hence
 * area(P ∩ Q) = Σᵢ Σⱼ sᵢ sⱼ area(Tᵢ ∩ Tⱼ), and each term is a convex clip. O(n·m) clips (pairs
 * whose bounds miss each other are skipped), cheap for hand-drawn polygons. Self-intersecting
 * input gets a winding-weighted area.
 */
export const polygonIntersectionArea = (a: readonly Point[], b: readonly Point[]): number => {
  if (a.length < 3 || b.length < 3) return 0;
  const orientation = Math.sign(signedArea(a)) * Math.sign(signedArea(b));
  if (orientation === 0 || !boundsOverlap(pointsBounds(a), pointsBounds(b))) return 0;
  const trianglesB = fanTriangles(b);
  let sum = 0;
  for (const ta of fanTriangles(a)) {
    for (const tb of trianglesB) {
      if (!boundsOverlap(ta.bounds, tb.bounds)) continue;
      sum += ta.sign * tb.sign * polygonArea(clipConvex(ta.points, tb.points));
    }
  }
  const limit = Math.min(polygonArea(a), polygonArea(b));
  return Math.min(Math.max(orientation * sum, 0), limit);
};

export type Bounds = { minX: number; minY: number; maxX: number; maxY: number };

export const pointsBounds = (points: readonly Point[]): Bounds => {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const { x, y } of points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return { minX, minY, maxX, maxY };
};

/** Intersection over union of two polygons; 0 when either has no area. */
export const polygonIoU = (a: readonly Point[], b: readonly Point[]): number => {
  const areaA = polygonArea(a);
  const areaB = polygonArea(b);
  if (areaA === 0 || areaB === 0) return 0;
  const intersection = polygonIntersectionArea(a, b);
  const union = areaA + areaB - intersection;
  return union > 0 ? Math.min(1, Math.max(0, intersection / union)) : 0;
};

/** Exact IoU of two axis-aligned rectangles. */
export const rectIoU = (a: Rect, b: Rect): number => {
  const overlapWidth = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
  const overlapHeight = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
  if (overlapWidth <= 0 || overlapHeight <= 0) return 0;
  const intersection = overlapWidth * overlapHeight;
  const union = a.width * a.height + b.width * b.height - intersection;
  return union > 0 ? Math.min(1, intersection / union) : 0;
};

/**
 * Corners of a box rotated by `rotation` radians about its centre, in drawing order. With y
 * pointing down, a positive angle turns the box clockwise on screen (as canvas `rotate()` does).
 */
export const rotatedRectCorners = (rect: Rect, rotation = 0): Point[] => {
  const cx = rect.left + rect.width / 2;
  const cy = rect.top + rect.height / 2;
  const cos = Math.cos(rotation);
  const sin = Math.sin(rotation);
  const halfW = rect.width / 2;
  const halfH = rect.height / 2;
  return [
    [-halfW, -halfH],
    [halfW, -halfH],
    [halfW, halfH],
    [-halfW, halfH],
  ].map(([dx = 0, dy = 0]) => ({ x: cx + dx * cos - dy * sin, y: cy + dx * sin + dy * cos }));
};

/** Enough segments that the polygon's area is within 0.2% of the ellipse's. */
export const ELLIPSE_SEGMENTS = 64;

export type EllipseShape = { x: number; y: number; rx: number; ry: number; rotation?: number };

export const ellipsePolygon = (ellipse: EllipseShape, segments = ELLIPSE_SEGMENTS): Point[] => {
  const cos = Math.cos(ellipse.rotation ?? 0);
  const sin = Math.sin(ellipse.rotation ?? 0);
  return Array.from({ length: segments }, (_, i) => {
    const t = (2 * Math.PI * i) / segments;
    const dx = ellipse.rx * Math.cos(t);
    const dy = ellipse.ry * Math.sin(t);
    return { x: ellipse.x + dx * cos - dy * sin, y: ellipse.y + dx * sin + dy * cos };
  });
};

/** Axis-aligned extents of a rotated ellipse (exact, from its parametric form). */
export const ellipseBounds = (ellipse: EllipseShape): Bounds => {
  const theta = ellipse.rotation ?? 0;
  const halfW = Math.hypot(ellipse.rx * Math.cos(theta), ellipse.ry * Math.sin(theta));
  const halfH = Math.hypot(ellipse.rx * Math.sin(theta), ellipse.ry * Math.cos(theta));
  return {
    minX: ellipse.x - halfW,
    maxX: ellipse.x + halfW,
    minY: ellipse.y - halfH,
    maxY: ellipse.y + halfH,
  };
};

/** Andrew's monotone chain; used to compare cuboids by the region their vertices cover. */
export const convexHull = (points: readonly Point[]): Point[] => {
  const sorted = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  if (sorted.length < 3) return sorted;
  const half = (input: readonly Point[]): Point[] => {
    const hull: Point[] = [];
    for (const point of input) {
      while (hull.length >= 2) {
        const o = hull[hull.length - 2];
        const a = hull[hull.length - 1];
        if (o === undefined || a === undefined || cross(o, a, point) > 0) break;
        hull.pop();
      }
      hull.push(point);
    }
    hull.pop();
    return hull;
  };
  return [...half(sorted), ...half([...sorted].reverse())];
};

export const distance = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);

export const pointSegmentDistance = (p: Point, a: Point, b: Point): number => {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSquared = dx * dx + dy * dy;
  if (lengthSquared === 0) return distance(p, a);
  const t = Math.min(1, Math.max(0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared));
  return distance(p, { x: a.x + t * dx, y: a.y + t * dy });
};

export const pointPolylineDistance = (p: Point, line: readonly Point[]): number => {
  if (line.length === 1 && line[0] !== undefined) return distance(p, line[0]);
  let best = Infinity;
  for (let i = 0; i + 1 < line.length; i += 1) {
    const a = line[i];
    const b = line[i + 1];
    if (a !== undefined && b !== undefined) best = Math.min(best, pointSegmentDistance(p, a, b));
  }
  return best;
};

/** Mean distance from each vertex of one polyline to the other, both ways (symmetric Chamfer). */
export const polylineDistance = (a: readonly Point[], b: readonly Point[]): number => {
  if (a.length === 0 || b.length === 0) return Infinity;
  let sum = 0;
  for (const p of a) sum += pointPolylineDistance(p, b);
  for (const p of b) sum += pointPolylineDistance(p, a);
  return sum / (a.length + b.length);
};
