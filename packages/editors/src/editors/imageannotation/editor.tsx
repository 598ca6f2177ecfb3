"use client";

import type { Annotation } from "@taskforge/schema";
import { useState } from "react";

import { issuesUnder } from "../issues";
import { AttributesForm } from "../image-tools/attributes-form";
import type { AttributeValues } from "../image-tools/attributes";
import { newUuid } from "../image-tools/tools";
import { Workbench } from "../image-tools/workbench";
import type { EditorProps } from "../types";
import {
  drawableAnnotations,
  rawAnnotations,
  removeAnnotation,
  replaceAnnotation,
  withAnnotations,
} from "./value";

/** Draws and edits the image's annotations; each finished gesture is one committed change. */
export const ImageAnnotationEditor = ({
  params,
  value,
  onChange,
  issues,
  readOnly = false,
  backdrop,
}: EditorProps<"imageannotation"> & {
  /** Read-only context shapes drawn under the work (a legacy task's `layers`). */
  backdrop?: readonly Annotation[] | undefined;
}) => {
  const [selected, setSelected] = useState<string | undefined>();
  const drawable = drawableAnnotations(value);
  const annotations = drawable.map((entry) => entry.annotation);
  const size =
    params.image_width !== undefined && params.image_height !== undefined
      ? { width: params.image_width, height: params.image_height }
      : undefined;
  const shapeIndexes = new Set(drawable.map((entry) => entry.index));
  const otherIssues = issues.filter(
    (issue) =>
      !(
        issue.path[0] === "annotations" &&
        typeof issue.path[1] === "number" &&
        shapeIndexes.has(issue.path[1])
      ) && issue.path[0] !== "global_attributes",
  );
  const globalAttributes = value.global_attributes as AttributeValues | undefined;

  return (
    <Workbench
      geometries={params.geometries}
      annotationAttributes={params.annotation_attributes}
      media={{ kind: "image", src: params.attachment }}
      size={size}
      annotations={annotations}
      issuesOf={(_, index) => issuesUnder(issues, ["annotations", drawable[index]?.index ?? -1])}
      otherIssues={otherIssues}
      selected={selected}
      onSelect={setSelected}
      readOnly={readOnly}
      backdrop={backdrop}
      canvasLabel={`Image with ${annotations.length} annotation${annotations.length === 1 ? "" : "s"}`}
      onCreate={(annotation: Annotation) => {
        const created = { ...annotation, uuid: newUuid() };
        onChange(withAnnotations(value, [...rawAnnotations(value), created]));
        setSelected(created.uuid);
      }}
      onUpdate={(annotation) => onChange(replaceAnnotation(value, annotation))}
      onDelete={(uuid) => {
        onChange(removeAnnotation(value, uuid));
        if (uuid === selected) setSelected(undefined);
      }}
      footer={
        <AttributesForm
          title="Image attributes"
          definitions={params.annotation_attributes}
          values={globalAttributes}
          scope={{ global: true }}
          issues={issuesUnder(issues, ["global_attributes"])}
          readOnly={readOnly}
          onChange={(attributes) => {
            const next = { ...value };
            if (attributes === undefined) delete next.global_attributes;
            else next.global_attributes = attributes;
            onChange(next);
          }}
        />
      }
    />
  );
};
