import { isRecord } from "@taskforge/schema";

import { leafLabels } from "./labels";

/** The parts of an image annotation task the image formats read. */
export type ImageTask = {
  taskId: string;
  attachment: string;
  /** Every leaf label the params declare, over all geometries. */
  declaredLabels: string[];
  annotations: Record<string, unknown>[];
};

export type Point = [number, number];

export const num = (value: unknown): number | null =>
  typeof value === "number" && Number.isFinite(value) ? value : null;

/** The four corners of a box, turned by `rotation` radians about its centre. */
export const boxCorners = (box: Record<string, unknown>): Point[] | null => {
  const left = num(box.left);
  const top = num(box.top);
  const width = num(box.width);
  const height = num(box.height);
  if (left === null || top === null || width === null || height === null) return null;
  const corners: Point[] = [
    [left, top],
    [left + width, top],
    [left + width, top + height],
    [left, top + height],
  ];
  const rotation = num(box.rotation) ?? 0;
  if (rotation === 0) return corners;
  const cx = left + width / 2;
  const cy = top + height / 2;
  const cos = Math.cos(rotation);
  const sin = Math.sin(rotation);
  return corners.map(([x, y]) => [
    cx + (x - cx) * cos - (y - cy) * sin,
    cy + (x - cx) * sin + (y - cy) * cos,
  ]);
};

export const verticesOf = (annotation: Record<string, unknown>): Point[] => {
  const vertices = annotation.vertices;
  if (!Array.isArray(vertices)) return [];
  return vertices.flatMap((vertex: unknown): Point[] => {
    if (!isRecord(vertex)) return [];
    const x = num(vertex.x);
    const y = num(vertex.y);
    return x === null || y === null ? [] : [[x, y]];
  });
};

export const pointOf = (annotation: Record<string, unknown>): Point | null => {
  const x = num(annotation.x);
  const y = num(annotation.y);
  return x === null || y === null ? null : [x, y];
};

const ELLIPSE_SEGMENTS = 32;

/** An ellipse as a 32-gon, for formats that only know polygons. */
export const ellipsePolygon = (ellipse: Record<string, unknown>): Point[] | null => {
  const centre = pointOf(ellipse);
  const rx = num(ellipse.rx);
  const ry = num(ellipse.ry);
  if (centre === null || rx === null || ry === null) return null;
  const rotation = num(ellipse.rotation) ?? 0;
  const cos = Math.cos(rotation);
  const sin = Math.sin(rotation);
  return Array.from({ length: ELLIPSE_SEGMENTS }, (_, step): Point => {
    const angle = (2 * Math.PI * step) / ELLIPSE_SEGMENTS;
    const px = rx * Math.cos(angle);
    const py = ry * Math.sin(angle);
    return [centre[0] + px * cos - py * sin, centre[1] + px * sin + py * cos];
  });
};

/** Axis-aligned bounds as [x, y, width, height]. */
export const boundsOf = (points: readonly Point[]): [number, number, number, number] => {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  return [minX, minY, Math.max(...xs) - minX, Math.max(...ys) - minY];
};

/** Shoelace area of a simple polygon. */
export const polygonArea = (points: readonly Point[]): number => {
  let twice = 0;
  points.forEach(([x1, y1], index) => {
    const [x2, y2] = points[(index + 1) % points.length] as Point;
    twice += x1 * y2 - x2 * y1;
  });
  return Math.abs(twice) / 2;
};

/** Radians (Scale's rotations) as degrees in [0, 360) (CVAT's and Label Studio's). */
export const degrees = (radians: number) => round((((radians * 180) / Math.PI) % 360) + 360) % 360;

/** Rounds coordinates so files carry no float noise (1/1000 pixel is below any tool's use). */
export const round = (value: number, digits = 3): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/**
 * The axis-aligned box of a `box` annotation (rotated boxes: the bounds of their corners), as
 * [x, y, width, height]; null for other shapes. YOLO and VOC only know these.
 */
export const axisAlignedBox = (
  annotation: Record<string, unknown>,
): [number, number, number, number] | null => {
  if (annotation.type !== "box") return null;
  const corners = boxCorners(annotation);
  return corners ? boundsOf(corners) : null;
};

const GEOMETRY_KEYS = ["box", "polygon", "line", "point", "ellipse", "cuboid"];

/** Null when the task has no image annotation response to export. */
export const imageTaskOf = (task: {
  task_id: string;
  params: Record<string, unknown>;
  response?: Record<string, unknown> | undefined;
}): ImageTask | null => {
  const annotations = task.response?.annotations;
  if (!Array.isArray(annotations)) return null;
  const { params } = task;
  const geometries = isRecord(params.geometries) ? params.geometries : {};
  const declaredLabels = GEOMETRY_KEYS.flatMap((key) => {
    const geometry = geometries[key];
    return isRecord(geometry) ? leafLabels(geometry.objects_to_annotate) : [];
  });
  return {
    taskId: task.task_id,
    attachment: typeof params.attachment === "string" ? params.attachment : "",
    declaredLabels,
    annotations: annotations.filter(isRecord),
  };
};

/** The image's file extension from its URL (".jpg"), or "" when it has none. */
export const imageExtension = (url: string): string => {
  const match = /\.([A-Za-z0-9]{1,5})$/.exec(url.split(/[?#]/)[0] ?? "");
  return match ? `.${(match[1] ?? "").toLowerCase()}` : "";
};

export const NO_RESPONSE = "no response yet (the task is not completed)";
export const NO_SIZE = "no image size (not in params and not readable from the image)";

/** A note listing left-out tasks, added to archives so their users see what is missing. */
export const skippedNote = (skipped: readonly { taskId: string; reason: string }[]): string =>
  skipped.map((note) => `${note.taskId}\t${note.reason}\n`).join("");
