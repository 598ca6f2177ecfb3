import { z } from "zod";

import type { IssuePath, ResponseIssue } from "../issues";
import { attributeDefinitionIssues } from "./geometry-attributes";
import type { AnnotationAttributes } from "./geometry-attributes";
import { indexLabels, LabelListSchema, labelTreeIssues, leafLabelProblem } from "./geometry-labels";
import type { LabelIndex } from "./geometry-labels";

export const GEOMETRY_TYPES = ["box", "polygon", "line", "point", "ellipse", "cuboid"] as const;
export type GeometryType = (typeof GEOMETRY_TYPES)[number];

const SizeSchema = z.number().min(0, { error: "must not be negative" }).default(0);
const VertexCountSchema = z
  .int({ error: "must be an integer" })
  .min(1, { error: "must be at least 1" });

export const BoxGeometrySchema = z.looseObject({
  objects_to_annotate: LabelListSchema,
  min_width: SizeSchema,
  min_height: SizeSchema,
  can_rotate: z.boolean().default(false),
  /** Scale's option: left/top/width/height must be whole pixels (not for rotated boxes). */
  integer_pixels: z.boolean().default(false),
});

/** Polygons and lines. Scale defaults: min_vertices 1, max_vertices null (unbounded). */
export const VertexGeometrySchema = z.looseObject({
  objects_to_annotate: LabelListSchema,
  min_vertices: VertexCountSchema.optional(),
  max_vertices: VertexCountSchema.nullable().optional(),
});

export const PointGeometrySchema = z.looseObject({
  objects_to_annotate: LabelListSchema,
  connections: z
    .array(
      z.looseObject({
        pair: z.tuple([z.string(), z.string()], { error: "must be a pair of two point labels" }),
        connection_attribute: z.string().optional(),
      }),
    )
    .optional(),
});

export const EllipseGeometrySchema = z.looseObject({ objects_to_annotate: LabelListSchema });

/** Camera data only matters to Scale's 3D cuboid output; we keep it but do not interpret it. */
export const CuboidGeometrySchema = z.looseObject({
  objects_to_annotate: LabelListSchema,
  min_width: SizeSchema,
  min_height: SizeSchema,
  camera_intrinsics: z
    .looseObject({ fx: z.number(), fy: z.number(), cx: z.number(), cy: z.number() })
    .optional(),
  camera_rotation_quaternion: z
    .looseObject({ w: z.number(), x: z.number(), y: z.number(), z: z.number() })
    .optional(),
  camera_height: z.number().optional(),
});

export const GeometriesSchema = z
  .strictObject(
    {
      box: BoxGeometrySchema.optional(),
      polygon: VertexGeometrySchema.optional(),
      line: VertexGeometrySchema.optional(),
      point: PointGeometrySchema.optional(),
      ellipse: EllipseGeometrySchema.optional(),
      cuboid: CuboidGeometrySchema.optional(),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `unknown geometry ${issue.keys.map((key) => `"${key}"`).join(", ")}; expected ${GEOMETRY_TYPES.join(", ")}`
          : issue.input === undefined
            ? "is required"
            : "must be an object of geometries",
    },
  )
  .superRefine((geometries, ctx) => {
    if (GEOMETRY_TYPES.every((type) => geometries[type] === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: `must enable at least one geometry: ${GEOMETRY_TYPES.join(", ")}`,
      });
    }
    for (const type of GEOMETRY_TYPES) {
      const geometry = geometries[type];
      if (geometry === undefined) continue;
      for (const issue of labelTreeIssues(geometry.objects_to_annotate, [
        type,
        "objects_to_annotate",
      ])) {
        ctx.addIssue({ code: "custom", ...issue });
      }
    }
    for (const type of ["polygon", "line"] as const) {
      const geometry = geometries[type];
      const max = geometry?.max_vertices;
      if (geometry?.min_vertices !== undefined && max != null && geometry.min_vertices > max) {
        ctx.addIssue({
          code: "custom",
          path: [type, "min_vertices"],
          message: "must not be greater than max_vertices",
        });
      }
    }
    const point = geometries.point;
    if (point?.connections !== undefined) {
      const labels = indexLabels(point.objects_to_annotate);
      point.connections.forEach((connection, i) => {
        connection.pair.forEach((label, j) => {
          const problem = leafLabelProblem(label, labels, "a label of the point geometry");
          if (problem !== undefined) {
            ctx.addIssue({
              code: "custom",
              path: ["point", "connections", i, "pair", j],
              message: problem,
            });
          }
        });
      });
    }
  });
export type Geometries = z.output<typeof GeometriesSchema>;

export type GeometryLabelIndexes = Partial<Record<GeometryType, LabelIndex>>;

export const indexGeometryLabels = (geometries: Geometries): GeometryLabelIndexes => {
  const indexes: GeometryLabelIndexes = {};
  for (const type of GEOMETRY_TYPES) {
    const geometry = geometries[type];
    if (geometry !== undefined) indexes[type] = indexLabels(geometry.objects_to_annotate);
  }
  return indexes;
};

/** Attribute conditions may name any label choice (leaf or parent) of any geometry. */
export const geometryAttributeIssues = (
  geometries: Geometries,
  attributes: AnnotationAttributes | undefined,
  globalLabels: readonly string[] | undefined,
  path: IssuePath,
): ResponseIssue[] => {
  if (attributes === undefined) return [];
  const indexes = Object.values(indexGeometryLabels(geometries));
  const isKnown = (label: string) => indexes.some((index) => index.all.has(label));
  return attributeDefinitionIssues(attributes, isKnown, globalLabels, path);
};

/** Polygons need 3 vertices and lines 2 to mean anything, whatever min_vertices says. */
export const vertexLimits = (
  geometries: Geometries,
  type: "polygon" | "line",
): { min: number; max: number | undefined } => {
  const geometry = geometries[type];
  const floor = type === "polygon" ? 3 : 2;
  return {
    min: Math.max(floor, geometry?.min_vertices ?? floor),
    max: geometry?.max_vertices ?? undefined,
  };
};
