import type { Annotation } from "@taskforge/schema";

import { roundAnnotation } from "../image-tools/shape-geometry";

/**
 * Tracks and keyframes. A track is one uuid across frames. The response stores every frame's
 * shape (Scale's video responses list each frame's annotations), so keyframes are not stored
 * separately: a frame is a keyframe when interpolation could not have produced it, i.e. it starts
 * or ends a run of frames, or differs from the straight line through its neighbours (or carries
 * other attributes). Between two keyframes every number of the shape moves linearly (a box's
 * left/top/width/height and rotation, a point's x/y, each vertex of same-sized polygons...).
 */

export type TrackFrame = { frame: number; annotation: Annotation };

/** Coordinates are stored with 2 decimals, so "on the line" allows a little rounding. */
const TOLERANCE = 0.02;

/** The shape's numbers in a fixed order, or undefined for types without them. */
const numbersOf = (annotation: Annotation): number[] => {
  switch (annotation.type) {
    case "box":
      return [
        annotation.left,
        annotation.top,
        annotation.width,
        annotation.height,
        annotation.rotation ?? 0,
      ];
    case "point":
      return [annotation.x, annotation.y];
    case "ellipse":
      return [annotation.x, annotation.y, annotation.rx, annotation.ry, annotation.rotation ?? 0];
    case "polygon":
    case "line":
      return annotation.vertices.flatMap((vertex) => [vertex.x, vertex.y]);
    case "cuboid":
      return annotation.vertices.flatMap((vertex) => [vertex.x, vertex.y]);
  }
};

/** Whether two shapes can be blended number by number (same type, same vertex layout). */
export const blendable = (a: Annotation, b: Annotation): boolean => {
  if (a.type !== b.type) return false;
  if (a.type === "cuboid" && b.type === "cuboid") {
    return (
      a.vertices.length === b.vertices.length &&
      a.vertices.every((vertex, i) => vertex.description === b.vertices[i]?.description)
    );
  }
  return numbersOf(a).length === numbersOf(b).length;
};

/** The shortest turn from one angle to another, so a box turning past ±π does not spin back. */
const shortestTurn = (from: number, to: number): number => {
  const turn = 2 * Math.PI;
  let delta = (to - from) % turn;
  if (delta > Math.PI) delta -= turn;
  if (delta < -Math.PI) delta += turn;
  return delta;
};

const lerp = (a: number, b: number, t: number) => a + (b - a) * t;

/**
 * The shape at fraction t (0..1) of the way from keyframe a to keyframe b. It keeps a's uuid,
 * label and attributes; shapes that cannot be blended hold a's shape until b.
 */
export const interpolate = (a: Annotation, b: Annotation, t: number): Annotation => {
  if (!blendable(a, b)) return a;
  const angle = (from: number | undefined, to: number | undefined) => {
    if (from === undefined && to === undefined) return undefined;
    const start = from ?? 0;
    return start + shortestTurn(start, to ?? 0) * t;
  };
  switch (a.type) {
    case "box": {
      if (b.type !== "box") return a;
      const box = {
        ...a,
        left: lerp(a.left, b.left, t),
        top: lerp(a.top, b.top, t),
        width: lerp(a.width, b.width, t),
        height: lerp(a.height, b.height, t),
      };
      const rotation = angle(a.rotation, b.rotation);
      return rotation === undefined ? box : { ...box, rotation };
    }
    case "point":
      return b.type === "point" ? { ...a, x: lerp(a.x, b.x, t), y: lerp(a.y, b.y, t) } : a;
    case "ellipse": {
      if (b.type !== "ellipse") return a;
      const ellipse = {
        ...a,
        x: lerp(a.x, b.x, t),
        y: lerp(a.y, b.y, t),
        rx: lerp(a.rx, b.rx, t),
        ry: lerp(a.ry, b.ry, t),
      };
      const rotation = angle(a.rotation, b.rotation);
      return rotation === undefined ? ellipse : { ...ellipse, rotation };
    }
    case "polygon":
    case "line":
      return b.type === a.type
        ? {
            ...a,
            vertices: a.vertices.map((vertex, i) => ({
              x: lerp(vertex.x, b.vertices[i]?.x ?? vertex.x, t),
              y: lerp(vertex.y, b.vertices[i]?.y ?? vertex.y, t),
            })),
          }
        : a;
    case "cuboid":
      return b.type === "cuboid"
        ? {
            ...a,
            vertices: a.vertices.map((vertex, i) => ({
              ...vertex,
              x: lerp(vertex.x, b.vertices[i]?.x ?? vertex.x, t),
              y: lerp(vertex.y, b.vertices[i]?.y ?? vertex.y, t),
            })),
          }
        : a;
  }
};

const sameAttributes = (a: Annotation, b: Annotation) =>
  JSON.stringify(a.attributes ?? {}) === JSON.stringify(b.attributes ?? {});

/** Whether `middle` lies on the straight line from `before` to `after` (one frame each side). */
const onLine = (before: Annotation, middle: Annotation, after: Annotation): boolean => {
  if (!blendable(before, middle) || !blendable(middle, after)) return false;
  const [a, m, b] = [numbersOf(before), numbersOf(middle), numbersOf(after)];
  return m.every((value, i) => Math.abs(value - ((a[i] ?? 0) + (b[i] ?? 0)) / 2) <= TOLERANCE);
};

/** The frames of a track (sorted by frame) that interpolation could not have produced. */
export const keyframesOf = (track: readonly TrackFrame[]): TrackFrame[] =>
  track.filter((current, i) => {
    const previous = track[i - 1];
    const next = track[i + 1];
    if (!previous || !next) return true;
    if (previous.frame !== current.frame - 1 || next.frame !== current.frame + 1) return true;
    if (
      !sameAttributes(previous.annotation, current.annotation) ||
      !sameAttributes(current.annotation, next.annotation)
    )
      return true;
    return !onLine(previous.annotation, current.annotation, next.annotation);
  });

/** Every frame from each keyframe to the next, keyframes included, shapes rounded as stored. */
export const fillBetween = (from: TrackFrame, to: TrackFrame): TrackFrame[] => {
  const frames: TrackFrame[] = [];
  for (let frame = from.frame; frame < to.frame; frame++) {
    const t = (frame - from.frame) / (to.frame - from.frame);
    frames.push({
      frame,
      annotation: roundAnnotation(interpolate(from.annotation, to.annotation, t)),
    });
  }
  return frames;
};

/**
 * The track with a keyframe set: the frames between it and its neighbouring keyframes are
 * interpolated anew. Elsewhere the track is untouched. A gap (the object out of sight) stays a
 * gap when an existing frame is edited; a keyframe placed where the track has no shape (in a gap,
 * or past either end) is joined to its neighbouring keyframes.
 */
export const setKeyframe = (track: readonly TrackFrame[], key: TrackFrame): TrackFrame[] => {
  const present = new Set(track.map((entry) => entry.frame));
  const others = keyframesOf(track).filter((entry) => entry.frame !== key.frame);
  const keys = [...others, key].sort((a, b) => a.frame - b.frame);
  const position = keys.indexOf(key);
  const joins = (from: number, to: number) => {
    if (!present.has(key.frame)) return true;
    for (let frame = from + 1; frame < to; frame++) if (!present.has(frame)) return false;
    return true;
  };
  const before = keys[position - 1];
  const after = keys[position + 1];
  const result = new Map(track.map((entry) => [entry.frame, entry]));
  if (before && joins(before.frame, key.frame)) {
    for (const entry of fillBetween(before, key)) result.set(entry.frame, entry);
  }
  result.set(key.frame, key);
  if (after && joins(key.frame, after.frame)) {
    for (const entry of fillBetween(key, after)) result.set(entry.frame, entry);
  }
  return [...result.values()].sort((a, b) => a.frame - b.frame);
};
