import { z } from "zod";

import { requiredFieldError } from "../common";
import type { ConsolidationResult } from "./definition";
import { defineTaskType } from "./definition";
import { prefixIssues } from "./issues";
import type { ResponseIssue } from "./issues";
import { checkAttributeValues } from "./shared/geometry-attribute-values";
import { voteAttributeValues } from "./shared/geometry-attribute-votes";
import { AnnotationAttributesSchema, AttributeValuesSchema } from "./shared/geometry-attributes";
import { checkAnnotationList } from "./shared/geometry-check";
import type { GeometryTaskConfig } from "./shared/geometry-check";
import {
  annotationListAgreement,
  consolidateAnnotationLists,
  scoreAnnotationList,
} from "./shared/geometry-consolidate";
import { GeometriesSchema, geometryAttributeIssues } from "./shared/geometry-params";
import { placeholderAnnotations } from "./shared/geometry-placeholder";
import { AnnotationSchema } from "./shared/geometry-shapes";
import { imageAnnotationExamples } from "./shared/image-annotation-examples";
import {
  ContextAttachmentsSchema,
  ImageUrlSchema,
  PixelSizeSchema,
} from "./shared/image-attachment";

// The shared building blocks editors and other packages need, reachable through the index.
export { AnnotationSchema, CUBOID_VERTEX_DESCRIPTIONS } from "./shared/geometry-shapes";
export type {
  Annotation,
  BoxAnnotation,
  CuboidAnnotation,
  EllipseAnnotation,
  LineAnnotation,
  PointAnnotation,
  PolygonAnnotation,
} from "./shared/geometry-shapes";
export { GEOMETRY_TYPES, GeometriesSchema } from "./shared/geometry-params";
export type { Geometries, GeometryType } from "./shared/geometry-params";
export {
  ATTRIBUTE_TYPES,
  AnnotationAttributesSchema,
  isGlobalAttribute,
} from "./shared/geometry-attributes";
export { unmetCondition } from "./shared/geometry-attribute-values";
export type { AnnotationAttribute, AttributeValue } from "./shared/geometry-attributes";
export { indexLabels, labelMatches, LabelListSchema } from "./shared/geometry-labels";
export type { LabelChoice, LabelDescription } from "./shared/geometry-labels";

/**
 * Scale's response: `annotations` plus `global_attributes` (attributes with
 * `conditions.is_global`). Scale's real responses also carried `links` and `is_customer_fix`;
 * both are accepted so a Scale response replays as-is, but they are not interpreted.
 */
export const ImageAnnotationResponseSchema = z.strictObject({
  annotations: z.array(AnnotationSchema, requiredFieldError("an array of annotations")),
  global_attributes: AttributeValuesSchema.optional(),
  links: z.array(z.unknown()).optional(),
  is_customer_fix: z.boolean().optional(),
});
export type ImageAnnotationResponse = z.output<typeof ImageAnnotationResponseSchema>;

type ImageAnnotationParamsBase = {
  geometries: z.output<typeof GeometriesSchema>;
  annotation_attributes?: z.output<typeof AnnotationAttributesSchema> | undefined;
  image_width?: number | undefined;
  image_height?: number | undefined;
};

/** The part of the params that annotation checks and consolidation read. */
export const imageConfigOf = (params: ImageAnnotationParamsBase): GeometryTaskConfig => ({
  geometries: params.geometries,
  annotation_attributes: params.annotation_attributes,
  size:
    params.image_width !== undefined && params.image_height !== undefined
      ? { width: params.image_width, height: params.image_height }
      : undefined,
});

const checkImageAnnotationResponse = (
  params: ImageAnnotationParamsBase,
  response: ImageAnnotationResponse,
): ResponseIssue[] => [
  ...checkAnnotationList(imageConfigOf(params), response.annotations, ["annotations"]),
  ...checkAttributeValues(
    params.annotation_attributes,
    response.global_attributes,
    { global: true },
    ["global_attributes"],
  ),
];

/**
 * `image_width`/`image_height` are our addition (Scale infers the size from the image): when
 * given, every annotation must lie inside the image. `hypothesis` is a pre-label in response
 * form, held to the same schema and checks as a Tasker's answer.
 */
export const ImageAnnotationParamsSchema = z
  .looseObject({
    attachment: ImageUrlSchema,
    attachment_type: z.literal("image", { error: 'must be "image"' }).optional(),
    image_width: PixelSizeSchema.optional(),
    image_height: PixelSizeSchema.optional(),
    geometries: GeometriesSchema,
    annotation_attributes: AnnotationAttributesSchema.optional(),
    hypothesis: ImageAnnotationResponseSchema.optional(),
    context_attachments: ContextAttachmentsSchema.optional(),
  })
  .superRefine((params, ctx) => {
    if ((params.image_width === undefined) !== (params.image_height === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [params.image_width === undefined ? "image_width" : "image_height"],
        message: "image_width and image_height must be given together",
      });
    }
    const issues = geometryAttributeIssues(
      params.geometries,
      params.annotation_attributes,
      undefined,
      ["annotation_attributes"],
    );
    if (params.hypothesis !== undefined) {
      issues.push(
        ...prefixIssues(["hypothesis"], checkImageAnnotationResponse(params, params.hypothesis)),
      );
    }
    for (const issue of issues) ctx.addIssue({ code: "custom", ...issue });
  });
export type ImageAnnotationParams = z.output<typeof ImageAnnotationParamsSchema>;

/** Test mode answers with the hypothesis when there is one, else one drawn annotation. */
const placeholderImageAnnotationResponse = (
  params: ImageAnnotationParams,
): ImageAnnotationResponse =>
  params.hypothesis ?? {
    annotations: placeholderAnnotations(imageConfigOf(params), "placeholder-1"),
  };

/**
 * Annotations: see `consolidateAnnotationLists` (IoU ≥ 0.5 clusters kept by a strict majority,
 * geometry averaged, attributes voted). Global attributes: plurality vote per attribute, ties to
 * the first response. Agreement: mean pairwise IoU-weighted F1 of the annotations (global
 * attributes are voted but do not enter the agreement).
 */
const consolidateImageAnnotation = (
  params: ImageAnnotationParams,
  responses: readonly ImageAnnotationResponse[],
): ConsolidationResult<ImageAnnotationResponse> => {
  const config = imageConfigOf(params);
  const lists = responses.map((response) => response.annotations);
  const merged = consolidateAnnotationLists(config, lists);
  const global = voteAttributeValues(
    responses.map((response) => response.global_attributes),
    0,
    params.annotation_attributes,
    { global: true },
  );
  const notes = [
    ...merged.notes,
    ...global.tied.map(
      (name) => `global attribute "${name}" was a tie; took the first response's value`,
    ),
  ];
  return {
    response:
      global.values === undefined
        ? { annotations: merged.annotations }
        : { annotations: merged.annotations, global_attributes: global.values },
    agreement: annotationListAgreement(config, lists),
    tied: merged.tied || global.tied.length > 0,
    notes,
  };
};

/** IoU-weighted F1 between the response's annotations and the gold ones (same as agreement). */
const scoreImageAnnotation = (
  params: ImageAnnotationParams,
  response: ImageAnnotationResponse,
  gold: ImageAnnotationResponse,
): number => scoreAnnotationList(imageConfigOf(params), response.annotations, gold.annotations);

export const imageannotationTaskType = defineTaskType({
  id: "imageannotation",
  title: "Image annotation",
  description:
    "Draw boxes, polygons, lines, points, ellipses or cuboids around the objects in an image, with labels and attributes.",
  params: ImageAnnotationParamsSchema,
  response: ImageAnnotationResponseSchema,
  checkResponse: checkImageAnnotationResponse,
  placeholderResponse: placeholderImageAnnotationResponse,
  consolidate: consolidateImageAnnotation,
  scoreAgainstGold: scoreImageAnnotation,
  examples: imageAnnotationExamples,
});
