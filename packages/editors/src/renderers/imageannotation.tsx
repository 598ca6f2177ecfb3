import { GEOMETRY_TYPES, indexLabels } from "@taskforge/schema";
import type {
  Annotation,
  Geometries,
  ImageAnnotationParams,
  ImageAnnotationResponse,
} from "@taskforge/schema";

import { colorOf, labelColors } from "../colors";
import { KeyValues, Legend, NoResponse, Section } from "../components/common";
import { ImageStage } from "../components/image-stage";
import { AnnotationLayer } from "../components/shapes";
import { drawingSize } from "../geometry";

/** Every selectable label of the enabled geometries, in the params' order. */
export const geometryLabels = (geometries: Geometries): string[] =>
  GEOMETRY_TYPES.flatMap((type) => {
    const geometry = geometries[type];
    return geometry ? indexLabels(geometry.objects_to_annotate).leaves : [];
  });

/** A legend entry per label used (or offered), with how many annotations carry it. */
export const legendEntries = (
  labels: readonly string[],
  annotations: readonly Annotation[],
  colors: ReadonlyMap<string, string>,
) =>
  [...new Set([...labels, ...annotations.map((annotation) => annotation.label)])].map((label) => ({
    label,
    color: colorOf(colors, label),
    count: annotations.filter((annotation) => annotation.label === label).length,
  }));

/** A table of annotations: what the drawing shows, in words (ids, types, attributes). */
export const AnnotationTable = ({ annotations }: { annotations: readonly Annotation[] }) =>
  annotations.length === 0 ? (
    <p className="text-sm text-slate-600">No annotations.</p>
  ) : (
    <div className="overflow-x-auto">
      <table className="min-w-full text-left text-xs">
        <thead className="text-slate-500">
          <tr>
            <th scope="col" className="py-1 pr-3 font-medium">
              Label
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              Type
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              uuid
            </th>
            <th scope="col" className="py-1 font-medium">
              Attributes
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 text-slate-800">
          {annotations.map((annotation, index) => (
            <tr key={`${annotation.uuid}-${index}`}>
              <td className="py-1 pr-3 font-medium">{annotation.label}</td>
              <td className="py-1 pr-3">{annotation.type}</td>
              <td className="py-1 pr-3 font-mono">{annotation.uuid}</td>
              <td className="py-1">
                <KeyValues values={annotation.attributes} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

/** The image with the response's shapes drawn on it, a legend, and the annotations listed. */
export const ImageAnnotationRenderer = ({
  params,
  response,
}: {
  params: ImageAnnotationParams;
  response: ImageAnnotationResponse | undefined;
}) => {
  const annotations = response?.annotations ?? [];
  const labels = geometryLabels(params.geometries);
  const colors = labelColors([...labels, ...annotations.map((annotation) => annotation.label)]);
  const size =
    params.image_width !== undefined && params.image_height !== undefined
      ? { width: params.image_width, height: params.image_height }
      : undefined;
  const fallback = drawingSize(size, annotations);
  return (
    <div className="space-y-4">
      <ImageStage
        src={params.attachment}
        alt="Task image"
        size={size}
        fallbackSize={fallback}
        label={`Image with ${annotations.length} annotation${annotations.length === 1 ? "" : "s"}`}
      >
        <AnnotationLayer
          annotations={annotations}
          colors={colors}
          size={size ?? fallback}
          connections={params.geometries.point?.connections}
        />
      </ImageStage>
      <Legend entries={legendEntries(labels, annotations, colors)} />
      {response === undefined ? (
        <NoResponse />
      ) : (
        <Section title="Annotations">
          <AnnotationTable annotations={annotations} />
          {response.global_attributes ? (
            <div className="text-xs">
              <span className="font-medium text-slate-700">Global attributes</span>
              <KeyValues values={response.global_attributes} />
            </div>
          ) : null}
        </Section>
      )}
    </div>
  );
};
