/**
 * Label propagation between frames: a point of the next frame takes the label of its nearest
 * neighbour in the previous frame when that neighbour lies within a tolerance. Static objects
 * are sampled at (nearly) the same places each sweep, so they carry over; moving objects and
 * newly seen surfaces find no neighbour close enough and stay as they are.
 */

/**
 * A uniform grid over 3D points hashed into a fixed table (counting sort, no per-cell arrays), so
 * building it and querying a neighbourhood are linear in the points involved.
 */
export class PointGrid {
  private readonly cellStart: Uint32Array;
  private readonly order: Uint32Array;
  private readonly mask: number;

  constructor(
    private readonly positions: Float32Array,
    private readonly cellSize: number,
  ) {
    const count = positions.length / 3;
    let tableSize = 1;
    while (tableSize < count * 2) tableSize *= 2;
    this.mask = tableSize - 1;
    const cellOf = new Uint32Array(count);
    const counts = new Uint32Array(tableSize + 1);
    for (let i = 0; i < count; i += 1) {
      const cell = this.hash(
        this.cell(positions[i * 3] ?? 0),
        this.cell(positions[i * 3 + 1] ?? 0),
        this.cell(positions[i * 3 + 2] ?? 0),
      );
      cellOf[i] = cell;
      counts[cell + 1] = (counts[cell + 1] ?? 0) + 1;
    }
    for (let cell = 0; cell < tableSize; cell += 1) {
      counts[cell + 1] = (counts[cell + 1] ?? 0) + (counts[cell] ?? 0);
    }
    this.cellStart = counts.slice();
    const next = counts.slice(0, tableSize);
    this.order = new Uint32Array(count);
    for (let i = 0; i < count; i += 1) {
      const cell = cellOf[i] ?? 0;
      this.order[next[cell] ?? 0] = i;
      next[cell] = (next[cell] ?? 0) + 1;
    }
  }

  private cell(coordinate: number): number {
    return Math.floor(coordinate / this.cellSize);
  }

  private hash(ix: number, iy: number, iz: number): number {
    return (
      (Math.imul(ix, 73856093) ^ Math.imul(iy, 19349663) ^ Math.imul(iz, 83492791)) & this.mask
    );
  }

  /** The index of the nearest point within `radius` (at most the cell size), or -1. */
  nearest(x: number, y: number, z: number, radius: number): number {
    const ix = this.cell(x);
    const iy = this.cell(y);
    const iz = this.cell(z);
    let best = -1;
    let bestDistance = radius * radius;
    for (let dx = -1; dx <= 1; dx += 1) {
      for (let dy = -1; dy <= 1; dy += 1) {
        for (let dz = -1; dz <= 1; dz += 1) {
          const cell = this.hash(ix + dx, iy + dy, iz + dz);
          const end = this.cellStart[cell + 1] ?? 0;
          for (let k = this.cellStart[cell] ?? 0; k < end; k += 1) {
            const j = this.order[k] ?? 0;
            const ex = (this.positions[j * 3] ?? 0) - x;
            const ey = (this.positions[j * 3 + 1] ?? 0) - y;
            const ez = (this.positions[j * 3 + 2] ?? 0) - z;
            const distance = ex * ex + ey * ey + ez * ez;
            // Ties go to the lower index, so the result does not depend on the hash order.
            if (distance < bestDistance || (distance === bestDistance && best !== -1 && j < best)) {
              best = j;
              bestDistance = distance;
            }
          }
        }
      }
    }
    return best;
  }
}

/**
 * Copies labels from the previous frame onto the next one in place: each next point whose
 * nearest previous point within `tolerance` metres is labelled takes that label (only unlabelled
 * next points when `onlyUnlabeled`). Returns how many points changed.
 */
export const propagateLabels = (
  previous: { positions: Float32Array; labels: Uint16Array },
  next: { positions: Float32Array; labels: Uint16Array },
  options: { tolerance: number; onlyUnlabeled: boolean },
): number => {
  if (!(options.tolerance > 0)) return 0;
  const grid = new PointGrid(previous.positions, options.tolerance);
  let changed = 0;
  for (let i = 0; i < next.labels.length; i += 1) {
    const current = next.labels[i] ?? 0;
    if (options.onlyUnlabeled && current !== 0) continue;
    const neighbour = grid.nearest(
      next.positions[i * 3] ?? 0,
      next.positions[i * 3 + 1] ?? 0,
      next.positions[i * 3 + 2] ?? 0,
      options.tolerance,
    );
    if (neighbour < 0) continue;
    const label = previous.labels[neighbour] ?? 0;
    if (label !== 0 && label !== current) {
      next.labels[i] = label;
      changed += 1;
    }
  }
  return changed;
};
