import type { GeometryTaskConfig } from "./geometry-check";
import { indexGeometryLabels, GEOMETRY_TYPES, vertexLimits } from "./geometry-params";
import type { GeometryType } from "./geometry-params";
import type { Annotation } from "./geometry-shapes";

/** Drawn inside this area when the task does not say how large the image is. */
const DEFAULT_AREA = { width: 100, height: 100 };

const circle = (count: number, cx: number, cy: number, r: number) =>
  Array.from({ length: count }, (_, i) => ({
    x: cx + r * Math.cos((2 * Math.PI * i) / count),
    y: cy + r * Math.sin((2 * Math.PI * i) / count),
  }));

/**
 * One annotation of `type` that passes every check (label, minimum size, vertex counts,
 * bounds), or undefined when the minimum size cannot fit in the image. Attributes are left out:
 * none is required, and a made-up value could violate a condition.
 */
const placeholderOf = (
  config: GeometryTaskConfig,
  type: GeometryType,
  label: string,
  uuid: string,
): Annotation | undefined => {
  const area = config.size ?? DEFAULT_AREA;
  const cx = area.width / 2;
  const cy = area.height / 2;
  const radius = Math.min(area.width, area.height) / 4;
  switch (type) {
    case "box": {
      const box = config.geometries.box;
      const width = Math.max(Math.ceil(box?.min_width ?? 0), 1, Math.floor(area.width / 2));
      const height = Math.max(Math.ceil(box?.min_height ?? 0), 1, Math.floor(area.height / 2));
      if (width > area.width || height > area.height) return undefined;
      return { uuid, type, label, left: 0, top: 0, width, height };
    }
    case "cuboid": {
      const cuboid = config.geometries.cuboid;
      const faceWidth = Math.max(cuboid?.min_width ?? 0, area.width / 2);
      const faceHeight = Math.max(cuboid?.min_height ?? 0, area.height / 2);
      const sideX = Math.min(area.width, faceWidth + area.width / 4);
      if (faceWidth > area.width || faceHeight > area.height) return undefined;
      const vertices = [
        { description: "face-topleft", x: 0, y: 0 },
        { description: "face-topright", x: faceWidth, y: 0 },
        { description: "face-bottomright", x: faceWidth, y: faceHeight },
        { description: "face-bottomleft", x: 0, y: faceHeight },
        { description: "side-topcorner", x: sideX, y: 0 },
        { description: "side-bottomcorner", x: sideX, y: faceHeight },
      ] as const;
      return { uuid, type, label, vertices: [...vertices] };
    }
    case "polygon":
      return {
        uuid,
        type,
        label,
        vertices: circle(vertexLimits(config.geometries, type).min, cx, cy, radius),
      };
    case "line": {
      const count = vertexLimits(config.geometries, type).min;
      const vertices = Array.from({ length: count }, (_, i) => ({
        x: (area.width * (i + 1)) / (count + 1),
        y: (area.height * (i + 1)) / (count + 1),
      }));
      return { uuid, type, label, vertices };
    }
    case "point":
      return { uuid, type, label, x: cx, y: cy };
    case "ellipse":
      return { uuid, type, label, x: cx, y: cy, rx: radius, ry: radius / 2 };
  }
};

/** The first enabled geometry that fits, with its first selectable label; [] if none fits. */
export const placeholderAnnotations = (config: GeometryTaskConfig, uuid: string): Annotation[] => {
  const labels = indexGeometryLabels(config.geometries);
  for (const type of GEOMETRY_TYPES) {
    const label = labels[type]?.leaves[0];
    if (label === undefined) continue;
    const annotation = placeholderOf(config, type, label, uuid);
    if (annotation !== undefined) return [annotation];
  }
  return [];
};
