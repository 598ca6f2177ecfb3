"use client";

import {
  imageToLegacyValue,
  layerAnnotations,
  legacyToImageParams,
  legacyToImageValue,
} from "@taskforge/schema";
import type { LegacyExample, LegacyImageParams, LegacyImageType } from "@taskforge/schema";
import { useMemo } from "react";

import { ImageAnnotationEditor } from "../imageannotation/editor";
import type { EditorProps } from "../types";

/** Scale's `examples`: images the customer marked as right or wrong ways to label. */
const LegacyExamples = ({ examples }: { examples: readonly LegacyExample[] | undefined }) =>
  examples === undefined || examples.length === 0 ? null : (
    <details className="rounded border border-slate-200 p-2 text-sm" open>
      <summary className="cursor-pointer font-medium text-slate-700">
        Examples ({examples.length})
      </summary>
      <ul className="mt-2 flex flex-wrap gap-3">
        {examples.map((example, index) => (
          <li key={`${example.image}-${index}`} className="w-48 space-y-1">
            <img src={example.image} alt={`Example ${index + 1}`} className="w-full rounded" />
            <p
              className={example.correct === false ? "text-red-800" : "text-emerald-800"}
              data-correct={example.correct !== false}
            >
              {example.correct === false ? "Wrong" : "Right"}
              {example.explanation ? `: ${example.explanation}` : ""}
            </p>
          </li>
        ))}
      </ul>
    </details>
  );

/**
 * A legacy single-shape task is labeled in the image editor restricted to its one geometry: the
 * value (autosaved, submitted) stays in the legacy shape, and is shown to the image editor through
 * the schema's adapter, with the task's `layers` drawn underneath. Annotations keep their positions both ways, so issue paths still point
 * at the right shape.
 */
export const LegacyImageEditor = <T extends LegacyImageType>({
  type,
  params,
  value,
  onChange,
  issues,
  readOnly,
}: EditorProps<T> & { type: T }) => {
  const legacyParams = params as LegacyImageParams;
  const imageParams = useMemo(() => legacyToImageParams(type, legacyParams), [type, legacyParams]);
  return (
    <div className="space-y-3" data-editor={type}>
      <LegacyExamples examples={legacyParams.examples} />
      <ImageAnnotationEditor
        params={imageParams}
        value={legacyToImageValue(type, legacyParams, value)}
        onChange={(next) => onChange(imageToLegacyValue(type, legacyParams, next))}
        issues={issues}
        readOnly={readOnly}
        backdrop={layerAnnotations(legacyParams)}
      />
    </div>
  );
};
