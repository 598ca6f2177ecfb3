import { AnnotationSchema } from "@taskforge/schema";
import type { Annotation, ImageAnnotationParams } from "@taskforge/schema";

import type { EditorValue } from "../types";
import { roundAnnotation } from "../image-tools/shape-geometry";

/** The value's annotations as given (a restored draft may hold anything), with their positions. */
export const rawAnnotations = (value: EditorValue): unknown[] =>
  Array.isArray(value.annotations) ? (value.annotations as unknown[]) : [];

/** The annotations the canvas can draw, each with its index in the value (issue paths use it). */
export const drawableAnnotations = (
  value: EditorValue,
): { annotation: Annotation; index: number }[] =>
  rawAnnotations(value).flatMap((item, index) => {
    const parsed = AnnotationSchema.safeParse(item);
    return parsed.success ? [{ annotation: parsed.data, index }] : [];
  });

export const withAnnotations = (value: EditorValue, annotations: unknown[]): EditorValue => ({
  ...value,
  annotations,
});

/** The value with the annotation of the same uuid replaced (others, even undrawable, kept). */
export const replaceAnnotation = (value: EditorValue, annotation: Annotation): EditorValue =>
  withAnnotations(
    value,
    rawAnnotations(value).map((item) =>
      typeof item === "object" &&
      item !== null &&
      (item as { uuid?: unknown }).uuid === annotation.uuid
        ? annotation
        : item,
    ),
  );

export const removeAnnotation = (value: EditorValue, uuid: string): EditorValue =>
  withAnnotations(
    value,
    rawAnnotations(value).filter(
      (item) =>
        !(typeof item === "object" && item !== null && (item as { uuid?: unknown }).uuid === uuid),
    ),
  );

/**
 * A fresh assignment starts from the hypothesis: its annotations become ordinary editable ones.
 * They keep their uuids (unique: the params' check refuses repeats), so a customer can match
 * them to their own records; Scale's derived box corners and cuboid edges are dropped, the
 * numbers they derive from being authoritative.
 */
export const initialImageValue = (params: ImageAnnotationParams): EditorValue => {
  const annotations = (params.hypothesis?.annotations ?? []).map((annotation) =>
    roundAnnotation(annotation),
  );
  const value: EditorValue = { annotations };
  if (params.hypothesis?.global_attributes !== undefined) {
    value.global_attributes = params.hypothesis.global_attributes;
  }
  return value;
};
