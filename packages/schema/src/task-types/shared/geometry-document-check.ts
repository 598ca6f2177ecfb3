import type { ResponseIssue } from "../issues";
import { prefixIssues } from "../issues";
import type { DocumentAnnotation, DocumentTranscriptionResponse } from "../documenttranscription";
import { featureLabels, pageCountOf } from "./geometry-document-features";
import type { DocumentFeature, DocumentParamsBase } from "./geometry-document-features";

/** Which optional answer fields a feature's flags allow. */
const FIELD_FLAGS = [
  ["key", ["key", "value"]],
  ["value", ["key", "value"]],
  ["money", ["money"]],
  ["date", ["date"]],
  ["checked", ["checkbox"]],
] as const;

const checkDocumentAnnotation = (
  features: Map<string, DocumentFeature>,
  pages: number | undefined,
  annotation: DocumentAnnotation,
  uuids: Set<string>,
) => {
  const issues: ResponseIssue[] = [];
  if (pages !== undefined && annotation.page >= pages) {
    issues.push({ path: ["page"], message: `must be below the number of pages (${pages})` });
  }
  const { location } = annotation;
  for (const key of ["top", "left", "width", "height"] as const) {
    if (location[key] < 0)
      issues.push({ path: ["location", key], message: "must not be negative" });
  }
  const feature = features.get(annotation.label);
  if (feature === undefined) {
    const known = [...features.keys()].map((label) => `"${label}"`).join(", ");
    issues.push({
      path: ["label"],
      message: `"${annotation.label}" is not a feature label; expected one of ${known}`,
    });
  } else {
    for (const [field, flags] of FIELD_FLAGS) {
      if (annotation[field] !== undefined && !flags.some((flag) => feature.flags?.includes(flag))) {
        issues.push({
          path: [field],
          message: `is only allowed on features flagged ${flags.join(" or ")}`,
        });
      }
    }
    const keys = feature.fields?.map((f) => f.key);
    if (annotation.key !== undefined && keys !== undefined && !keys.includes(annotation.key)) {
      issues.push({
        path: ["key"],
        message: `"${annotation.key}" is not one of the feature's fields: ${keys.join(", ")}`,
      });
    }
  }
  annotation.refs?.forEach((ref, i) => {
    if (ref === annotation.uuid)
      issues.push({ path: ["refs", i], message: "an annotation cannot refer to itself" });
    else if (!uuids.has(ref))
      issues.push({
        path: ["refs", i],
        message: `"${ref}" is not the uuid of an annotation in this response`,
      });
  });
  return issues;
};

export const checkDocumentTranscriptionResponse = (
  params: DocumentParamsBase,
  response: DocumentTranscriptionResponse,
): ResponseIssue[] => {
  const features = featureLabels(params.features);
  const pages = pageCountOf(params);
  const uuids = new Set(response.annotations.map((annotation) => annotation.uuid));
  const seen = new Set<string>();
  return response.annotations.flatMap((annotation, i) => {
    const duplicate = seen.has(annotation.uuid);
    seen.add(annotation.uuid);
    return prefixIssues(
      ["annotations", i],
      [
        ...(duplicate ? [{ path: ["uuid"], message: `duplicate uuid "${annotation.uuid}"` }] : []),
        ...checkDocumentAnnotation(features, pages, annotation, uuids),
      ],
    );
  });
};
