/**
 * Pixel operations of the mask editor on a label-index mask (one Uint16 per pixel, row-major,
 * 0 = unlabeled). Coordinates are image pixels, continuous: pixel (x, y) covers [x, x+1) ×
 * [y, y+1) and counts as inside a shape when its centre (x + 0.5, y + 0.5) is.
 */
import { polygonContains } from "../lidarsegmentation/selection";
import type { ScreenPoint } from "../lidarsegmentation/selection";

export type Mask = { width: number; height: number; indices: Uint16Array };
/** The pixels an operation changed, as a box to redraw (inclusive-exclusive), or null. */
export type DirtyRect = { left: number; top: number; right: number; bottom: number } | null;

const clampRect = (mask: Mask, left: number, top: number, right: number, bottom: number) => ({
  left: Math.max(0, Math.floor(left)),
  top: Math.max(0, Math.floor(top)),
  right: Math.min(mask.width, Math.ceil(right)),
  bottom: Math.min(mask.height, Math.ceil(bottom)),
});

/**
 * Paints with a round brush of `radius` dragged from `from` to `to` (a dab when they are equal):
 * every pixel whose centre lies within `radius` of the segment gets `index` (0 erases).
 */
export const paintStroke = (
  mask: Mask,
  from: ScreenPoint,
  to: ScreenPoint,
  radius: number,
  index: number,
): DirtyRect => {
  const rect = clampRect(
    mask,
    Math.min(from.x, to.x) - radius - 1,
    Math.min(from.y, to.y) - radius - 1,
    Math.max(from.x, to.x) + radius + 1,
    Math.max(from.y, to.y) + radius + 1,
  );
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const lengthSquared = dx * dx + dy * dy;
  const radiusSquared = radius * radius;
  for (let y = rect.top; y < rect.bottom; y += 1) {
    for (let x = rect.left; x < rect.right; x += 1) {
      const px = x + 0.5;
      const py = y + 0.5;
      const t =
        lengthSquared === 0
          ? 0
          : Math.max(0, Math.min(1, ((px - from.x) * dx + (py - from.y) * dy) / lengthSquared));
      const ex = from.x + t * dx - px;
      const ey = from.y + t * dy - py;
      if (ex * ex + ey * ey <= radiusSquared) mask.indices[y * mask.width + x] = index;
    }
  }
  return rect.right > rect.left && rect.bottom > rect.top ? rect : null;
};

/** Fills the pixels whose centres lie inside the polygon (even-odd rule). */
export const fillPolygon = (
  mask: Mask,
  polygon: readonly ScreenPoint[],
  index: number,
): DirtyRect => {
  if (polygon.length < 3) return null;
  const xs = polygon.map((point) => point.x);
  const ys = polygon.map((point) => point.y);
  const rect = clampRect(
    mask,
    Math.min(...xs),
    Math.min(...ys),
    Math.max(...xs) + 1,
    Math.max(...ys) + 1,
  );
  for (let y = rect.top; y < rect.bottom; y += 1) {
    for (let x = rect.left; x < rect.right; x += 1) {
      if (polygonContains(polygon, x + 0.5, y + 0.5)) mask.indices[y * mask.width + x] = index;
    }
  }
  return rect;
};

/**
 * Flood fill by colour similarity: from the seed pixel, spreads (4-connected) over pixels whose
 * colour differs from the seed's by at most `tolerance` in every RGB channel, and gives them
 * `index`. Without image pixels (`rgba` null: an image that cannot be read back), it spreads over
 * the seed's current mask index instead. Returns the number of pixels filled and their box.
 */
export const floodFill = (
  mask: Mask,
  rgba: Uint8ClampedArray | Uint8Array | null,
  seed: { x: number; y: number },
  tolerance: number,
  index: number,
): { filled: number; dirty: DirtyRect } => {
  const { width, height, indices } = mask;
  const sx = Math.floor(seed.x);
  const sy = Math.floor(seed.y);
  if (sx < 0 || sy < 0 || sx >= width || sy >= height) return { filled: 0, dirty: null };
  const start = sy * width + sx;
  const seedIndex = indices[start] ?? 0;
  const r = rgba?.[start * 4] ?? 0;
  const g = rgba?.[start * 4 + 1] ?? 0;
  const b = rgba?.[start * 4 + 2] ?? 0;
  const similar = (pixel: number) =>
    rgba === null
      ? indices[pixel] === seedIndex
      : Math.abs((rgba[pixel * 4] ?? 0) - r) <= tolerance &&
        Math.abs((rgba[pixel * 4 + 1] ?? 0) - g) <= tolerance &&
        Math.abs((rgba[pixel * 4 + 2] ?? 0) - b) <= tolerance;
  const visited = new Uint8Array(width * height);
  const stack = [start];
  visited[start] = 1;
  let filled = 0;
  let left = sx;
  let right = sx;
  let top = sy;
  let bottom = sy;
  while (stack.length > 0) {
    const pixel = stack.pop() ?? 0;
    indices[pixel] = index;
    filled += 1;
    const x = pixel % width;
    const y = (pixel - x) / width;
    left = Math.min(left, x);
    right = Math.max(right, x);
    top = Math.min(top, y);
    bottom = Math.max(bottom, y);
    const neighbours = [
      x > 0 ? pixel - 1 : -1,
      x < width - 1 ? pixel + 1 : -1,
      y > 0 ? pixel - width : -1,
      y < height - 1 ? pixel + width : -1,
    ];
    for (const next of neighbours) {
      if (next < 0 || visited[next]) continue;
      visited[next] = 1;
      if (similar(next)) stack.push(next);
    }
  }
  return { filled, dirty: { left, top, right: right + 1, bottom: bottom + 1 } };
};
