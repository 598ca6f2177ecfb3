import type { Point } from "./geometry-polygon";
import { sameGeometry } from "./geometry-similarity";
import type { Annotation, CuboidVertex } from "./geometry-shapes";

/**
 * Averaging the geometry of one cluster (same object drawn by several Taskers).
 *
 * - boxes: mean of each edge (left, top, right, bottom), when all share one rotation;
 * - points: mean position; ellipses: mean centre and radii, when all share one rotation;
 * - polygons and lines with equal vertex counts: vertex-wise mean after aligning each to the
 *   representative (polygons: best cyclic start and direction; lines: best direction);
 * - cuboids with the same vertex set: mean per vertex description.
 * Anything else (differing rotations or vertex counts, integer_pixels boxes whose mean would
 * not be whole pixels) takes the representative's geometry: the medoid, a real drawing rather
 * than an average of incompatible shapes.
 */
export type MergeOptions = { integerPixels: boolean };

/** Mean that returns the common value exactly when all are equal (no 0.1·3/3 drift). */
const meanOf = (values: readonly number[]): number => {
  const first = values[0] ?? 0;
  if (values.every((value) => value === first)) return first;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
};

const meanPoint = (points: readonly Point[]): Point => ({
  x: meanOf(points.map((p) => p.x)),
  y: meanOf(points.map((p) => p.y)),
});

const squaredCost = (candidate: readonly Point[], reference: readonly Point[]): number =>
  reference.reduce((sum, r, i) => {
    const c = candidate[i] ?? r;
    return sum + (c.x - r.x) ** 2 + (c.y - r.y) ** 2;
  }, 0);

/** `vertices` re-ordered to best overlay `reference`; cyclic shifts only for closed polygons. */
const alignVertices = (
  vertices: readonly Point[],
  reference: readonly Point[],
  closed: boolean,
) => {
  const n = vertices.length;
  let best: Point[] = [...vertices];
  let bestCost = squaredCost(best, reference);
  for (const direction of [1, -1]) {
    for (let shift = 0; shift < (closed ? n : 1); shift += 1) {
      const candidate = Array.from({ length: n }, (_, i) => {
        const index = closed
          ? (((shift + direction * i) % n) + n) % n
          : direction === 1
            ? i
            : n - 1 - i;
        return vertices[index] ?? { x: 0, y: 0 };
      });
      const cost = squaredCost(candidate, reference);
      if (cost < bestCost) {
        best = candidate;
        bestCost = cost;
      }
    }
  }
  return best;
};

const meanVertices = (
  lists: readonly (readonly Point[])[],
  reference: readonly Point[],
  closed: boolean,
) => {
  const aligned = lists.map((list) => alignVertices(list, reference, closed));
  return reference.map((_, i) => meanPoint(aligned.map((list) => list[i] ?? { x: 0, y: 0 })));
};

const sameRotation = (rotations: readonly (number | undefined)[]) =>
  rotations.every((rotation) => (rotation ?? 0) === (rotations[0] ?? 0));

/**
 * The merged geometry for members of one cluster (all of the representative's type). Returns an
 * annotation carrying the representative's uuid, label and attributes; callers replace those.
 */
export const mergeGeometry = (
  members: readonly Annotation[],
  representative: number,
  options: MergeOptions,
): Annotation => {
  const rep = members[representative] ?? members[0];
  if (rep === undefined) throw new Error("mergeGeometry needs at least one member");
  if (members.every((member) => sameGeometry(member, rep))) return rep;
  switch (rep.type) {
    case "box": {
      const boxes = members.flatMap((m) => (m.type === "box" ? [m] : []));
      if (options.integerPixels || !sameRotation(boxes.map((b) => b.rotation))) return rep;
      const left = meanOf(boxes.map((b) => b.left));
      const top = meanOf(boxes.map((b) => b.top));
      const right = meanOf(boxes.map((b) => b.left + b.width));
      const bottom = meanOf(boxes.map((b) => b.top + b.height));
      // Scale's echoed corner `vertices` would no longer match the averaged box: drop them.
      const { vertices: _vertices, ...rest } = rep;
      return { ...rest, left, top, width: right - left, height: bottom - top };
    }
    case "point": {
      const points = members.flatMap((m) => (m.type === "point" ? [m] : []));
      return { ...rep, ...meanPoint(points) };
    }
    case "ellipse": {
      const ellipses = members.flatMap((m) => (m.type === "ellipse" ? [m] : []));
      if (!sameRotation(ellipses.map((e) => e.rotation))) return rep;
      return {
        ...rep,
        ...meanPoint(ellipses),
        rx: meanOf(ellipses.map((e) => e.rx)),
        ry: meanOf(ellipses.map((e) => e.ry)),
      };
    }
    case "polygon":
    case "line": {
      const lists = members.flatMap((m) =>
        m.type === rep.type && "vertices" in m ? [m.vertices] : [],
      );
      if (!lists.every((list) => list.length === rep.vertices.length)) return rep;
      return { ...rep, vertices: meanVertices(lists, rep.vertices, rep.type === "polygon") };
    }
    case "cuboid": {
      const cuboids = members.flatMap((m) => (m.type === "cuboid" ? [m] : []));
      const shape = (vertices: readonly CuboidVertex[]) =>
        vertices
          .map((v) => v.description)
          .sort()
          .join(",");
      if (!cuboids.every((c) => shape(c.vertices) === shape(rep.vertices))) return rep;
      const vertices = rep.vertices.map((vertex) => {
        const same = cuboids.flatMap((c) =>
          c.vertices.filter((v) => v.description === vertex.description),
        );
        return { ...vertex, ...meanPoint(same) };
      });
      // Edges are derived from the vertices and would be stale after averaging.
      const { edges: _edges, ...rest } = rep;
      return { ...rest, vertices };
    }
  }
};
