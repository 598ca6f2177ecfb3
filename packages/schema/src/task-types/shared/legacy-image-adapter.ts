import type {
  Annotation,
  ImageAnnotationParams,
  ImageAnnotationResponse,
} from "../imageannotation";
import { ImageAnnotationParamsSchema } from "../imageannotation";
import type { IssuePath, ResponseIssue } from "../issues";
import { isRecord } from "../../is-record";
import { indexLabels, labelTreeIssues } from "./geometry-labels";
import { LEGACY_IMAGE_GEOMETRY } from "./legacy-image-schemas";
import type {
  LegacyImageParams,
  LegacyImageResponse,
  LegacyImageType,
} from "./legacy-image-schemas";

/**
 * The one adapter between a legacy single-shape type and `imageannotation`: params become
 * imageannotation params with the single geometry, and responses map both ways annotation by
 * annotation (same order, so issue paths like `annotations[2].width` mean the same in both).
 * Checks, consensus, gold scoring, placeholders, the editor and the renderer are
 * imageannotation's; only the wire shape is the legacy one.
 */

/**
 * Without `with_labels` the Tasker is not asked to tell the objects apart: the geometry offers
 * one label naming them all, which the legacy response then leaves out.
 */
export const unlabeledChoiceOf = (params: LegacyImageParams): string =>
  indexLabels(params.objects_to_annotate).leaves.join(" / ");

const geometryParamsOf = (type: LegacyImageType, params: LegacyImageParams) => {
  const objects_to_annotate = params.with_labels
    ? params.objects_to_annotate
    : [unlabeledChoiceOf(params)];
  const geometry = LEGACY_IMAGE_GEOMETRY[type];
  switch (geometry) {
    case "box":
      return { objects_to_annotate, min_width: params.min_width, min_height: params.min_height };
    case "polygon":
    case "line":
      return {
        objects_to_annotate,
        min_vertices: params.min_vertices,
        max_vertices: params.max_vertices,
      };
    case "point":
      return { objects_to_annotate };
    case "cuboid":
      return {
        objects_to_annotate,
        min_width: params.min_width,
        min_height: params.min_height,
        camera_intrinsics: params.camera_intrinsics,
        camera_rotation_quaternion: params.camera_rotation_quaternion,
        camera_height: params.camera_height,
      };
  }
};

const withoutUndefined = (record: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));

/** The imageannotation params (input form) a legacy task stands for. */
export const legacyImageParamsInput = (
  type: LegacyImageType,
  params: LegacyImageParams,
): Record<string, unknown> =>
  withoutUndefined({
    attachment: params.attachment,
    attachment_type: "image",
    image_width: params.image_width,
    image_height: params.image_height,
    geometries: {
      [LEGACY_IMAGE_GEOMETRY[type]]: withoutUndefined(geometryParamsOf(type, params)),
    },
    annotation_attributes: params.annotation_attributes,
    context_attachments: params.context_attachments,
    hypothesis:
      params.hypothesis === undefined
        ? undefined
        : legacyToImageResponse(type, params, params.hypothesis),
  });

/**
 * The imageannotation params of valid legacy params. They parse by construction: the legacy
 * schema accepted the params only after these did (see `legacyImageParamsIssues`).
 */
export const legacyToImageParams = (
  type: LegacyImageType,
  params: LegacyImageParams,
): ImageAnnotationParams => ImageAnnotationParamsSchema.parse(legacyImageParamsInput(type, params));

/** Legacy paths for the issues of the imageannotation params: `geometries.box.x` is `x`. */
const legacyParamsPath = (path: IssuePath): IssuePath =>
  path[0] === "geometries" ? path.slice(2) : path;

/** The rules imageannotation's params hold (labels, attributes, hypothesis), on legacy paths. */
export const legacyImageParamsIssues = (
  type: LegacyImageType,
  params: LegacyImageParams,
): ResponseIssue[] => {
  const labelIssues =
    params.hypothesis === undefined
      ? []
      : legacyLabelIssues(params, params.hypothesis).map((issue) => ({
          path: ["hypothesis", ...issue.path],
          message: issue.message,
        }));
  // A hypothesis with misplaced labels is reported once, by the rule above.
  const checked = labelIssues.length === 0 ? params : { ...params, hypothesis: undefined };
  const parsed = ImageAnnotationParamsSchema.safeParse(legacyImageParamsInput(type, checked));
  const imageIssues: ResponseIssue[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        path: legacyParamsPath(issue.path.map((key) => (typeof key === "symbol" ? "" : key))),
        message: issue.message,
      }));
  // Unlabeled tasks hand imageannotation one joined label; the list itself must still be sound.
  const treeIssues = params.with_labels
    ? []
    : labelTreeIssues(params.objects_to_annotate, ["objects_to_annotate"]);
  return [...treeIssues, ...labelIssues, ...imageIssues];
};

/** `label` must be there exactly when the task asked for labels. */
export const legacyLabelIssues = (
  params: LegacyImageParams,
  response: { annotations: readonly unknown[] },
): ResponseIssue[] =>
  response.annotations.flatMap((annotation, index) => {
    const hasLabel = isRecord(annotation) && annotation.label !== undefined;
    if (params.with_labels && !hasLabel) {
      return [
        { path: ["annotations", index, "label"], message: "is required: with_labels is true" },
      ];
    }
    if (!params.with_labels && hasLabel) {
      return [
        {
          path: ["annotations", index, "label"],
          message: "must be left out: with_labels is false, so annotations carry no label",
        },
      ];
    }
    return [];
  });

/**
 * One legacy annotation as imageannotation's: its geometry as `type`, a `uuid` when it had none
 * (by position, as old responses carry none), the label the geometry offers when unlabeled.
 * Works on any JSON (an editor's draft may be incomplete): what is not an object stays as it is.
 */
export const legacyAnnotationToImage = (
  type: LegacyImageType,
  params: LegacyImageParams,
  annotation: unknown,
  index: number,
): unknown => {
  if (!isRecord(annotation)) return annotation;
  return {
    ...annotation,
    type: LEGACY_IMAGE_GEOMETRY[type],
    uuid: annotation.uuid ?? `legacy-${index + 1}`,
    ...(params.with_labels ? {} : { label: unlabeledChoiceOf(params) }),
  };
};

/**
 * One imageannotation annotation as the legacy one: no `type`, no label unless asked for, and for
 * boxes no derived corner `vertices` (legacy boxes are never rotated).
 */
export const imageAnnotationToLegacy = (
  type: LegacyImageType,
  params: LegacyImageParams,
  annotation: unknown,
): unknown => {
  if (!isRecord(annotation)) return annotation;
  const { type: _type, ...rest } = annotation;
  if (!params.with_labels) delete rest.label;
  if (LEGACY_IMAGE_GEOMETRY[type] === "box") delete rest.vertices;
  return rest;
};

/** A legacy response (or draft) as imageannotation's. */
export const legacyToImageValue = (
  type: LegacyImageType,
  params: LegacyImageParams,
  value: Record<string, unknown>,
): Record<string, unknown> =>
  Array.isArray(value.annotations)
    ? {
        ...value,
        annotations: value.annotations.map((annotation: unknown, index) =>
          legacyAnnotationToImage(type, params, annotation, index),
        ),
      }
    : value;

/**
 * An imageannotation response (or draft) as the legacy type's. Scale's `links` and
 * `is_customer_fix` have no legacy counterpart and are dropped.
 */
export const imageToLegacyValue = (
  type: LegacyImageType,
  params: LegacyImageParams,
  value: Record<string, unknown>,
): Record<string, unknown> => {
  const { links: _links, is_customer_fix: _fix, ...rest } = value;
  return Array.isArray(rest.annotations)
    ? {
        ...rest,
        annotations: rest.annotations.map((annotation: unknown) =>
          imageAnnotationToLegacy(type, params, annotation),
        ),
      }
    : rest;
};

// The typed forms: each legacy annotation schema is imageannotation's minus `type` (and, for
// boxes, rotation), so a parsed value of one side maps onto a valid value of the other.
export const legacyToImageResponse = (
  type: LegacyImageType,
  params: LegacyImageParams,
  response: LegacyImageResponse,
): ImageAnnotationResponse =>
  legacyToImageValue(type, params, response) as unknown as ImageAnnotationResponse;

export const imageToLegacyResponse = (
  type: LegacyImageType,
  params: LegacyImageParams,
  response: ImageAnnotationResponse,
): LegacyImageResponse =>
  withoutUndefined(imageToLegacyValue(type, params, response)) as unknown as LegacyImageResponse;

/**
 * `layers` as annotations an image canvas can draw (read-only context, never part of a
 * response); a layer without a label is shown as "layer".
 */
export const layerAnnotations = (params: LegacyImageParams): Annotation[] => {
  const layers = params.layers;
  if (layers === undefined) return [];
  const base = (kind: string, index: number, label: string | undefined) => ({
    uuid: `layer-${kind}-${index + 1}`,
    label: label ?? "layer",
  });
  return [
    ...(layers.boxes ?? []).map((box, i): Annotation => ({
      ...base("box", i, box.label),
      type: "box",
      left: box.left,
      top: box.top,
      width: box.width,
      height: box.height,
    })),
    ...(layers.polygons ?? []).map((polygon, i): Annotation => ({
      ...base("polygon", i, polygon.label),
      type: "polygon",
      vertices: polygon.vertices,
    })),
    ...(layers.lines ?? []).map((line, i): Annotation => ({
      ...base("line", i, line.label),
      type: "line",
      vertices: line.vertices,
    })),
    ...(layers.points ?? []).map((point, i): Annotation => ({
      ...base("point", i, point.label),
      type: "point",
      x: point.x,
      y: point.y,
    })),
  ];
};
