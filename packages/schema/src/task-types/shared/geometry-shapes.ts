import { z } from "zod";

import { requiredFieldError } from "../../common";
import { AttributeValuesSchema } from "./geometry-attributes";
import { GEOMETRY_TYPES } from "./geometry-params";

/**
 * Annotation objects as Scale returns them in image responses and video frames: `uuid`, `type`,
 * `label`, `attributes`, plus the geometry's own fields. Coordinates are image pixels with the
 * origin at the top-left corner. Objects are strict so a misspelt coordinate is an error rather
 * than a silently missing value.
 */
const CoordinateSchema = z.number(requiredFieldError("a finite number"));
const ExtentSchema = z
  .number(requiredFieldError("a finite number"))
  .positive({ error: "must be greater than 0" });
/** Radians, clockwise on screen, about the shape's centre (Scale's `rotation`). */
const RotationSchema = z.number({ error: "must be a finite number (radians)" }).optional();

export const VertexSchema = z.strictObject({ x: CoordinateSchema, y: CoordinateSchema });

const annotationBase = {
  uuid: z.string(requiredFieldError("a string")).min(1, { error: "must not be empty" }),
  label: z.string(requiredFieldError("a string")).min(1, { error: "must not be empty" }),
  attributes: AttributeValuesSchema.optional(),
};

/**
 * `left/top/width/height` describe the box before rotation. Scale also returns the rotated
 * corners as `vertices`; they are accepted (so Scale output can be replayed as a hypothesis) but
 * the numbers above are authoritative.
 */
export const BoxAnnotationSchema = z.strictObject({
  ...annotationBase,
  type: z.literal("box"),
  left: CoordinateSchema,
  top: CoordinateSchema,
  width: ExtentSchema,
  height: ExtentSchema,
  rotation: RotationSchema,
  vertices: z.array(VertexSchema).optional(),
});

export const PolygonAnnotationSchema = z.strictObject({
  ...annotationBase,
  type: z.literal("polygon"),
  vertices: z.array(VertexSchema, requiredFieldError("an array of {x, y} vertices")),
});

export const LineAnnotationSchema = z.strictObject({
  ...annotationBase,
  type: z.literal("line"),
  vertices: z.array(VertexSchema, requiredFieldError("an array of {x, y} vertices")),
});

export const PointAnnotationSchema = z.strictObject({
  ...annotationBase,
  type: z.literal("point"),
  x: CoordinateSchema,
  y: CoordinateSchema,
});

/**
 * Our own form: centre, radii and rotation. Scale returns an ellipse as its 4 extremal
 * vertices, which loses nothing but is awkward to check and average; an editor exporting to
 * Scale computes them as centre ± the rotated radii.
 */
export const EllipseAnnotationSchema = z.strictObject({
  ...annotationBase,
  type: z.literal("ellipse"),
  x: CoordinateSchema,
  y: CoordinateSchema,
  rx: ExtentSchema,
  ry: ExtentSchema,
  rotation: RotationSchema,
});

export const CUBOID_FACE_VERTICES = [
  "face-topleft",
  "face-topright",
  "face-bottomright",
  "face-bottomleft",
] as const;
export const CUBOID_SIDE_VERTICES = ["side-topcorner", "side-bottomcorner"] as const;
export const CUBOID_BACK_VERTICES = [
  "back-topleft",
  "back-topright",
  "back-bottomright",
  "back-bottomleft",
] as const;
export const CUBOID_VERTEX_DESCRIPTIONS = [
  ...CUBOID_FACE_VERTICES,
  ...CUBOID_SIDE_VERTICES,
  ...CUBOID_BACK_VERTICES,
] as const;

/**
 * Scale's 2D cuboid is 6 vertices: the front face's 4 corners plus the near side's top and
 * bottom corner. We also accept 8: the front face plus the 4 back corners (`back-*`, our names),
 * which some tools export. Which set was used is checked against the params in checkResponse.
 */
export const CuboidVertexSchema = z.strictObject({
  description: z.enum(CUBOID_VERTEX_DESCRIPTIONS, {
    error: `must be one of ${CUBOID_VERTEX_DESCRIPTIONS.join(", ")}`,
  }),
  x: CoordinateSchema,
  y: CoordinateSchema,
  type: z.literal("vertex").optional(),
});

/** Edges are derived from the vertices; kept for Scale compatibility, not interpreted. */
export const CuboidEdgeSchema = z.looseObject({
  description: z.string(),
  x1: CoordinateSchema,
  y1: CoordinateSchema,
  x2: CoordinateSchema,
  y2: CoordinateSchema,
  type: z.literal("edge").optional(),
});

export const CuboidAnnotationSchema = z.strictObject({
  ...annotationBase,
  type: z.literal("cuboid"),
  vertices: z.array(CuboidVertexSchema, requiredFieldError("an array of cuboid vertices")),
  edges: z.array(CuboidEdgeSchema).optional(),
});

export const AnnotationSchema = z.discriminatedUnion(
  "type",
  [
    BoxAnnotationSchema,
    PolygonAnnotationSchema,
    LineAnnotationSchema,
    PointAnnotationSchema,
    EllipseAnnotationSchema,
    CuboidAnnotationSchema,
  ],
  { error: `must be one of ${GEOMETRY_TYPES.join(", ")}` },
);

export type Vertex = z.output<typeof VertexSchema>;
export type BoxAnnotation = z.output<typeof BoxAnnotationSchema>;
export type PolygonAnnotation = z.output<typeof PolygonAnnotationSchema>;
export type LineAnnotation = z.output<typeof LineAnnotationSchema>;
export type PointAnnotation = z.output<typeof PointAnnotationSchema>;
export type EllipseAnnotation = z.output<typeof EllipseAnnotationSchema>;
export type CuboidAnnotation = z.output<typeof CuboidAnnotationSchema>;
export type CuboidVertex = z.output<typeof CuboidVertexSchema>;
export type Annotation = z.output<typeof AnnotationSchema>;
