import type { IssuePath, ResponseIssue } from "../issues";
import { checkAttributeValues } from "./geometry-attribute-values";
import type { AnnotationAttributes } from "./geometry-attributes";
import { annotationBounds, boundsInside } from "./geometry-bounds";
import type { ImageSize } from "./geometry-bounds";
import { labelMatches, leafLabelProblem } from "./geometry-labels";
import { GEOMETRY_TYPES, indexGeometryLabels, vertexLimits } from "./geometry-params";
import type { Geometries, GeometryLabelIndexes } from "./geometry-params";
import { pointsBounds } from "./geometry-polygon";
import {
  CUBOID_BACK_VERTICES,
  CUBOID_FACE_VERTICES,
  CUBOID_SIDE_VERTICES,
} from "./geometry-shapes";
import type { Annotation, BoxAnnotation, CuboidAnnotation, Vertex } from "./geometry-shapes";

/** What image and video tasks share: the enabled geometries, attributes and (maybe) the size. */
export type GeometryTaskConfig = {
  geometries: Geometries;
  annotation_attributes?: AnnotationAttributes | undefined;
  size?: ImageSize | undefined;
};

const sizeText = (size: ImageSize) => `${size.width}×${size.height}`;

const checkBox = (config: GeometryTaskConfig, box: BoxAnnotation, path: IssuePath) => {
  const geometry = config.geometries.box;
  const issues: ResponseIssue[] = [];
  if (geometry === undefined) return issues;
  if (box.width < geometry.min_width) {
    issues.push({
      path: [...path, "width"],
      message: `must be at least min_width (${geometry.min_width})`,
    });
  }
  if (box.height < geometry.min_height) {
    issues.push({
      path: [...path, "height"],
      message: `must be at least min_height (${geometry.min_height})`,
    });
  }
  const rotated = box.rotation !== undefined && box.rotation !== 0;
  if (rotated && !geometry.can_rotate) {
    issues.push({
      path: [...path, "rotation"],
      message: "is only allowed when box.can_rotate is true",
    });
  }
  if (geometry.integer_pixels && !rotated) {
    for (const key of ["left", "top", "width", "height"] as const) {
      if (!Number.isInteger(box[key])) {
        issues.push({
          path: [...path, key],
          message: "must be a whole number of pixels (integer_pixels)",
        });
      }
    }
  }
  return issues;
};

const CUBOID_SHAPES = [
  [...CUBOID_FACE_VERTICES, ...CUBOID_SIDE_VERTICES],
  [...CUBOID_FACE_VERTICES, ...CUBOID_BACK_VERTICES],
] as const;

const checkCuboid = (config: GeometryTaskConfig, cuboid: CuboidAnnotation, path: IssuePath) => {
  const geometry = config.geometries.cuboid;
  if (geometry === undefined) return [];
  const given = cuboid.vertices.map((vertex) => vertex.description);
  const unique = new Set(given);
  const matches = CUBOID_SHAPES.some(
    (shape) =>
      shape.length === given.length &&
      unique.size === given.length &&
      shape.every((d) => unique.has(d)),
  );
  if (!matches) {
    return [
      {
        path: [...path, "vertices"],
        message:
          "must be the 4 face-* corners plus side-topcorner and side-bottomcorner (6 vertices), " +
          "or the 4 face-* plus the 4 back-* corners (8 vertices), each once",
      },
    ];
  }
  const face = pointsBounds(cuboid.vertices.filter((v) => v.description.startsWith("face-")));
  const issues: ResponseIssue[] = [];
  if (face.maxX - face.minX < geometry.min_width) {
    issues.push({
      path: [...path, "vertices"],
      message: `face must be at least min_width (${geometry.min_width}) wide`,
    });
  }
  if (face.maxY - face.minY < geometry.min_height) {
    issues.push({
      path: [...path, "vertices"],
      message: `face must be at least min_height (${geometry.min_height}) tall`,
    });
  }
  return issues;
};

const checkVertexCount = (
  config: GeometryTaskConfig,
  type: "polygon" | "line",
  vertices: readonly Vertex[],
  path: IssuePath,
) => {
  const { min, max } = vertexLimits(config.geometries, type);
  if (vertices.length < min)
    return [{ path: [...path, "vertices"], message: `must have at least ${min} vertices` }];
  if (max !== undefined && vertices.length > max) {
    return [
      { path: [...path, "vertices"], message: `must have at most ${max} vertices (max_vertices)` },
    ];
  }
  return [];
};

const checkBounds = (annotation: Annotation, size: ImageSize, path: IssuePath): ResponseIssue[] => {
  if ("vertices" in annotation && annotation.type !== "box") {
    const outside = annotation.vertices.findIndex(
      (vertex) => !boundsInside(pointsBounds([vertex]), size),
    );
    return outside === -1
      ? []
      : [
          {
            path: [...path, "vertices", outside],
            message: `must lie inside the ${sizeText(size)} image`,
          },
        ];
  }
  if (boundsInside(annotationBounds(annotation), size)) return [];
  const what = annotation.type === "box" && annotation.rotation ? "rotated box" : annotation.type;
  return [{ path, message: `${what} must lie inside the ${sizeText(size)} image` }];
};

export const checkAnnotation = (
  config: GeometryTaskConfig,
  labels: GeometryLabelIndexes,
  annotation: Annotation,
  path: IssuePath,
): ResponseIssue[] => {
  const index = labels[annotation.type];
  if (index === undefined) {
    const enabled = GEOMETRY_TYPES.filter((type) => labels[type] !== undefined).join(", ");
    return [
      {
        path: [...path, "type"],
        message: `"${annotation.type}" is not enabled in params.geometries (enabled: ${enabled})`,
      },
    ];
  }
  const issues: ResponseIssue[] = [];
  const labelProblem = leafLabelProblem(annotation.label, index, `a label for ${annotation.type}`);
  if (labelProblem !== undefined) issues.push({ path: [...path, "label"], message: labelProblem });
  if (annotation.type === "box") issues.push(...checkBox(config, annotation, path));
  if (annotation.type === "cuboid") issues.push(...checkCuboid(config, annotation, path));
  if (annotation.type === "polygon" || annotation.type === "line") {
    issues.push(...checkVertexCount(config, annotation.type, annotation.vertices, path));
  }
  if (config.size !== undefined) issues.push(...checkBounds(annotation, config.size, path));
  issues.push(
    ...checkAttributeValues(
      config.annotation_attributes,
      annotation.attributes,
      {
        global: false,
        label: annotation.label,
        matchesLabel: (target) => labelMatches(annotation.label, target, index),
      },
      [...path, "attributes"],
    ),
  );
  return issues;
};

/** Every annotation's own checks plus uuid uniqueness within the list (one image or frame). */
export const checkAnnotationList = (
  config: GeometryTaskConfig,
  annotations: readonly Annotation[],
  path: IssuePath,
): ResponseIssue[] => {
  const labels = indexGeometryLabels(config.geometries);
  const issues: ResponseIssue[] = [];
  const firstIndex = new Map<string, number>();
  annotations.forEach((annotation, i) => {
    const first = firstIndex.get(annotation.uuid);
    if (first !== undefined) {
      issues.push({
        path: [...path, i, "uuid"],
        message: `duplicate uuid "${annotation.uuid}" (also used by annotation ${first})`,
      });
    } else {
      firstIndex.set(annotation.uuid, i);
    }
    issues.push(...checkAnnotation(config, labels, annotation, [...path, i]));
  });
  return issues;
};
