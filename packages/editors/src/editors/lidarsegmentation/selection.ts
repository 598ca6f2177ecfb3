/**
 * Selection geometry for the lidar editor, pure so it can be unit-tested and shared with tests
 * that must predict what a gesture selects. Screen coordinates are CSS pixels from the canvas's
 * top-left corner, y down.
 */

export type ScreenPoint = { x: number; y: number };

/**
 * Projects every point with a column-major 4×4 view-projection matrix (three.js's
 * `projectionMatrix × matrixWorldInverse`, `.elements`) onto a `width`×`height` canvas. Points
 * behind the camera or outside its near/far range get NaN, so no selection can pick them.
 * Returns interleaved x, y pairs.
 */
export const projectPoints = (
  positions: Float32Array,
  matrix: ArrayLike<number>,
  width: number,
  height: number,
): Float64Array => {
  const m = Array.from({ length: 16 }, (_, i) => matrix[i] ?? 0);
  const [m0, m1, , m3, m4, m5, , m7, m8, m9, , m11, m12, m13, , m15] = m as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const m2 = m[2] ?? 0;
  const m6 = m[6] ?? 0;
  const m10 = m[10] ?? 0;
  const m14 = m[14] ?? 0;
  const count = positions.length / 3;
  const screen = new Float64Array(count * 2);
  for (let i = 0; i < count; i += 1) {
    const x = positions[i * 3] ?? 0;
    const y = positions[i * 3 + 1] ?? 0;
    const z = positions[i * 3 + 2] ?? 0;
    const w = m3 * x + m7 * y + m11 * z + m15;
    const depth = (m2 * x + m6 * y + m10 * z + m14) / w;
    if (!(w > 0) || depth < -1 || depth > 1) {
      screen[i * 2] = Number.NaN;
      screen[i * 2 + 1] = Number.NaN;
      continue;
    }
    const ndcX = (m0 * x + m4 * y + m8 * z + m12) / w;
    const ndcY = (m1 * x + m5 * y + m9 * z + m13) / w;
    screen[i * 2] = ((ndcX + 1) / 2) * width;
    screen[i * 2 + 1] = ((1 - ndcY) / 2) * height;
  }
  return screen;
};

/** Even-odd rule: whether (x, y) lies inside the closed polygon. */
export const polygonContains = (polygon: readonly ScreenPoint[], x: number, y: number): boolean => {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i, i += 1) {
    const a = polygon[i];
    const b = polygon[j];
    if (!a || !b) continue;
    if (a.y > y !== b.y > y && x < ((b.x - a.x) * (y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
};

/** Indices of the projected points inside a lasso polygon (at least 3 vertices). */
export const selectInPolygon = (
  screen: Float64Array,
  polygon: readonly ScreenPoint[],
): Uint32Array => {
  if (polygon.length < 3) return new Uint32Array(0);
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const vertex of polygon) {
    minX = Math.min(minX, vertex.x);
    maxX = Math.max(maxX, vertex.x);
    minY = Math.min(minY, vertex.y);
    maxY = Math.max(maxY, vertex.y);
  }
  const selected: number[] = [];
  for (let i = 0; i < screen.length / 2; i += 1) {
    const x = screen[i * 2] ?? Number.NaN;
    const y = screen[i * 2 + 1] ?? Number.NaN;
    // NaN fails every comparison, so points off screen drop out here.
    if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) continue;
    if (polygonContains(polygon, x, y)) selected.push(i);
  }
  return Uint32Array.from(selected);
};

const distanceToSegmentSquared = (px: number, py: number, a: ScreenPoint, b: ScreenPoint) => {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0
      ? 0
      : Math.max(0, Math.min(1, ((px - a.x) * dx + (py - a.y) * dy) / lengthSquared));
  const x = a.x + t * dx - px;
  const y = a.y + t * dy - py;
  return x * x + y * y;
};

/**
 * Marks (in `hits`, one byte per point) the projected points within `radius` pixels of the
 * brush stroke segment from `from` to `to`; a single dab passes the same point twice. Called per
 * pointer move, so a stroke costs one pass over the points per move.
 */
export const markBrushSegment = (
  screen: Float64Array,
  from: ScreenPoint,
  to: ScreenPoint,
  radius: number,
  hits: Uint8Array,
): void => {
  const minX = Math.min(from.x, to.x) - radius;
  const maxX = Math.max(from.x, to.x) + radius;
  const minY = Math.min(from.y, to.y) - radius;
  const maxY = Math.max(from.y, to.y) + radius;
  const radiusSquared = radius * radius;
  for (let i = 0; i < hits.length; i += 1) {
    if (hits[i]) continue;
    const x = screen[i * 2] ?? Number.NaN;
    const y = screen[i * 2 + 1] ?? Number.NaN;
    if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) continue;
    if (distanceToSegmentSquared(x, y, from, to) <= radiusSquared) hits[i] = 1;
  }
};

/** Indices of the points a whole brush stroke (a polyline of pointer positions) touches. */
export const selectInBrushStroke = (
  screen: Float64Array,
  stroke: readonly ScreenPoint[],
  radius: number,
): Uint32Array => {
  const hits = new Uint8Array(screen.length / 2);
  stroke.forEach((point, i) =>
    markBrushSegment(screen, stroke[i - 1] ?? point, point, radius, hits),
  );
  return indicesOf(hits);
};

export const indicesOf = (hits: Uint8Array): Uint32Array => {
  const selected: number[] = [];
  for (let i = 0; i < hits.length; i += 1) if (hits[i]) selected.push(i);
  return Uint32Array.from(selected);
};

/** A box in world coordinates: its centre, its size along its own axes, and a turn about z. */
export type SelectionBox = {
  center: { x: number; y: number; z: number };
  size: { x: number; y: number; z: number };
  /** Radians, counter-clockwise about z. */
  yaw: number;
};

/** Indices of the points inside the box (faces included). */
export const selectInBox = (positions: Float32Array, box: SelectionBox): Uint32Array => {
  const cos = Math.cos(box.yaw);
  const sin = Math.sin(box.yaw);
  const halfX = box.size.x / 2;
  const halfY = box.size.y / 2;
  const halfZ = box.size.z / 2;
  const selected: number[] = [];
  for (let i = 0; i < positions.length / 3; i += 1) {
    const dx = (positions[i * 3] ?? 0) - box.center.x;
    const dy = (positions[i * 3 + 1] ?? 0) - box.center.y;
    const dz = (positions[i * 3 + 2] ?? 0) - box.center.z;
    // Into the box's frame: rotate by -yaw.
    const localX = cos * dx + sin * dy;
    const localY = -sin * dx + cos * dy;
    if (Math.abs(localX) <= halfX && Math.abs(localY) <= halfY && Math.abs(dz) <= halfZ) {
      selected.push(i);
    }
  }
  return Uint32Array.from(selected);
};

/**
 * Gives `label` to the selected points, skipping points whose current label is hidden and, when
 * `onlyUnlabeled`, points that already have a label. Returns how many points changed.
 */
export const applyLabel = (
  labels: Uint16Array,
  selected: ArrayLike<number>,
  label: number,
  options: { onlyUnlabeled: boolean; hidden: ReadonlySet<number> },
): number => {
  let changed = 0;
  for (let k = 0; k < selected.length; k += 1) {
    const i = selected[k] ?? 0;
    const current = labels[i] ?? 0;
    if (current === label || options.hidden.has(current)) continue;
    if (options.onlyUnlabeled && current !== 0) continue;
    labels[i] = label;
    changed += 1;
  }
  return changed;
};
