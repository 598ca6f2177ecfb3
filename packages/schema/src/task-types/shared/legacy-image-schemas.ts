import { z } from "zod";

import { requiredFieldError } from "../../common";
import { AnnotationAttributesSchema, AttributeValuesSchema } from "./geometry-attributes";
import { LabelListSchema } from "./geometry-labels";
import { CuboidGeometrySchema, VertexGeometrySchema } from "./geometry-params";
import {
  BoxAnnotationSchema,
  CuboidAnnotationSchema,
  LineAnnotationSchema,
  PointAnnotationSchema,
  PolygonAnnotationSchema,
  VertexSchema,
} from "./geometry-shapes";
import { ContextAttachmentsSchema, ImageUrlSchema, PixelSizeSchema } from "./image-attachment";

/**
 * Scale's single-shape image types that came before `imageannotation`, and the one geometry of
 * `imageannotation` each of them is.
 */
export const LEGACY_IMAGE_GEOMETRY = {
  annotation: "box",
  polygonannotation: "polygon",
  lineannotation: "line",
  pointannotation: "point",
  cuboidannotation: "cuboid",
} as const;
export type LegacyImageType = keyof typeof LEGACY_IMAGE_GEOMETRY;
export type LegacyGeometry = (typeof LEGACY_IMAGE_GEOMETRY)[LegacyImageType];

export const isLegacyImageType = (type: string): type is LegacyImageType =>
  Object.hasOwn(LEGACY_IMAGE_GEOMETRY, type);

/**
 * Legacy annotations are imageannotation's without `type` (the task type says it), with `uuid`
 * optional (old responses had none) and `label` left out when the task asked for no labels.
 * A `type` naming the same geometry is accepted, so an imageannotation answer replays as-is.
 */
const legacyFields = <G extends LegacyGeometry>(geometry: G) => ({
  type: z.literal(geometry, { error: `must be "${geometry}" or left out` }).optional(),
  uuid: z.string({ error: "must be a string" }).min(1, { error: "must not be empty" }).optional(),
  label: z.string({ error: "must be a string" }).min(1, { error: "must not be empty" }).optional(),
  attributes: AttributeValuesSchema.optional(),
});
const inherited = { type: true, uuid: true, label: true, attributes: true } as const;

export const LegacyBoxSchema = BoxAnnotationSchema.omit({
  ...inherited,
  rotation: true,
  vertices: true,
}).extend(legacyFields("box"));
export const LegacyPolygonSchema = PolygonAnnotationSchema.omit(inherited).extend(
  legacyFields("polygon"),
);
export const LegacyLineSchema = LineAnnotationSchema.omit(inherited).extend(legacyFields("line"));
export const LegacyPointSchema = PointAnnotationSchema.omit(inherited).extend(
  legacyFields("point"),
);
export const LegacyCuboidSchema = CuboidAnnotationSchema.omit(inherited).extend(
  legacyFields("cuboid"),
);

const legacyResponse = <A extends z.ZodType>(annotation: A) =>
  z.strictObject({
    annotations: z.array(annotation, requiredFieldError("an array of annotations")),
    global_attributes: AttributeValuesSchema.optional(),
  });

export const LegacyBoxResponseSchema = legacyResponse(LegacyBoxSchema);
export const LegacyPolygonResponseSchema = legacyResponse(LegacyPolygonSchema);
export const LegacyLineResponseSchema = legacyResponse(LegacyLineSchema);
export const LegacyPointResponseSchema = legacyResponse(LegacyPointSchema);
export const LegacyCuboidResponseSchema = legacyResponse(LegacyCuboidSchema);

export type LegacyAnnotation =
  | z.output<typeof LegacyBoxSchema>
  | z.output<typeof LegacyPolygonSchema>
  | z.output<typeof LegacyLineSchema>
  | z.output<typeof LegacyPointSchema>
  | z.output<typeof LegacyCuboidSchema>;
/** Any of the five legacy responses (each type's own schema admits only its shape). */
export type LegacyImageResponse = {
  annotations: LegacyAnnotation[];
  global_attributes?: z.output<typeof AttributeValuesSchema> | undefined;
};

/** The old SDKs send sizes as strings (`min_width: "30"`); Scale took them as numbers. */
const LegacySizeSchema = z
  .union(
    [
      z.number(),
      z
        .string()
        .trim()
        .regex(/^\d+(\.\d+)?$/)
        .transform(Number),
    ],
    {
      error: "must be a number of pixels",
    },
  )
  .pipe(z.number().min(0, { error: "must not be negative" }));

/** Scale's `examples`: images shown to the Tasker as right or wrong ways to label. */
export const LegacyExampleSchema = z.looseObject({
  image: ImageUrlSchema,
  correct: z.boolean({ error: "must be true or false" }).optional(),
  explanation: z.string({ error: "must be a string" }).optional(),
});
export type LegacyExample = z.output<typeof LegacyExampleSchema>;

const layerLabel = { label: z.string({ error: "must be a string" }).optional() };
const LayerVerticesSchema = z.array(
  VertexSchema,
  requiredFieldError("an array of {x, y} vertices"),
);

/**
 * Scale's `layers`: shapes already known (by the customer or an earlier task) drawn under the
 * work as read-only context; the Tasker neither edits them nor returns them.
 */
export const LegacyLayersSchema = z.strictObject(
  {
    boxes: z
      .array(
        z.looseObject({
          ...layerLabel,
          left: BoxAnnotationSchema.shape.left,
          top: BoxAnnotationSchema.shape.top,
          width: BoxAnnotationSchema.shape.width,
          height: BoxAnnotationSchema.shape.height,
        }),
      )
      .optional(),
    polygons: z.array(z.looseObject({ ...layerLabel, vertices: LayerVerticesSchema })).optional(),
    lines: z.array(z.looseObject({ ...layerLabel, vertices: LayerVerticesSchema })).optional(),
    points: z
      .array(
        z.looseObject({
          ...layerLabel,
          x: PointAnnotationSchema.shape.x,
          y: PointAnnotationSchema.shape.y,
        }),
      )
      .optional(),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown layer ${issue.keys.map((key) => `"${key}"`).join(", ")}; expected boxes, polygons, lines, points`
        : "must be an object of boxes, polygons, lines and points",
  },
);
export type LegacyLayers = z.output<typeof LegacyLayersSchema>;

/**
 * What every legacy type takes. `with_labels` (Scale's default false) asks for each annotation's
 * label; without it annotations carry none.
 */
export const legacyBaseParams = {
  attachment: ImageUrlSchema,
  attachment_type: z.literal("image", { error: 'must be "image"' }).optional(),
  image_width: PixelSizeSchema.optional(),
  image_height: PixelSizeSchema.optional(),
  objects_to_annotate: LabelListSchema,
  with_labels: z.boolean({ error: "must be true or false" }).default(false),
  annotation_attributes: AnnotationAttributesSchema.optional(),
  examples: z.array(LegacyExampleSchema, { error: "must be an array of examples" }).optional(),
  context_attachments: ContextAttachmentsSchema.optional(),
  layers: LegacyLayersSchema.optional(),
};

export const legacySizeParams = {
  min_width: LegacySizeSchema.optional(),
  min_height: LegacySizeSchema.optional(),
};

export const legacyVertexParams = {
  min_vertices: VertexGeometrySchema.shape.min_vertices,
  max_vertices: VertexGeometrySchema.shape.max_vertices,
};

export const legacyCuboidParams = {
  ...legacySizeParams,
  camera_intrinsics: CuboidGeometrySchema.shape.camera_intrinsics,
  camera_rotation_quaternion: CuboidGeometrySchema.shape.camera_rotation_quaternion,
  camera_height: CuboidGeometrySchema.shape.camera_height,
};

/** The fields of any legacy type's stored params, as the adapter reads them. */
export type LegacyImageParams = {
  attachment: string;
  attachment_type?: "image" | undefined;
  image_width?: number | undefined;
  image_height?: number | undefined;
  objects_to_annotate: z.output<typeof LabelListSchema>;
  with_labels: boolean;
  annotation_attributes?: z.output<typeof AnnotationAttributesSchema> | undefined;
  examples?: LegacyExample[] | undefined;
  context_attachments?: z.output<typeof ContextAttachmentsSchema> | undefined;
  hypothesis?: LegacyImageResponse | undefined;
  layers?: LegacyLayers | undefined;
  min_width?: number | undefined;
  min_height?: number | undefined;
  min_vertices?: number | undefined;
  max_vertices?: number | null | undefined;
  camera_intrinsics?: z.output<typeof CuboidGeometrySchema>["camera_intrinsics"];
  camera_rotation_quaternion?: z.output<typeof CuboidGeometrySchema>["camera_rotation_quaternion"];
  camera_height?: number | undefined;
};
