"use client";

import { decodeMask, indexLabels } from "@taskforge/schema";
import type { SegmentAnnotationParams, SegmentAnnotationResponse } from "@taskforge/schema";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";

import { colorOf, labelColors } from "../colors";
import { Legend, NoResponse } from "../components/common";
import { indexHistogram, maskToRgba, percent } from "../format";

const decode = (
  response: SegmentAnnotationResponse | undefined,
): { pixels: Uint32Array | undefined; error: string | undefined } => {
  if (!response) return { pixels: undefined, error: undefined };
  try {
    return { pixels: decodeMask(response.mask), error: undefined };
  } catch (error) {
    return { pixels: undefined, error: (error as Error).message };
  }
};

/**
 * The image with the decoded mask painted over it on a canvas (each label in its colour,
 * unlabeled pixels clear), an opacity toggle, and each label's share of the pixels.
 */
export const SegmentAnnotationRenderer = ({
  params,
  response,
}: {
  params: SegmentAnnotationParams;
  response: SegmentAnnotationResponse | undefined;
}) => {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [showMask, setShowMask] = useState(true);
  const [imageFailed, setImageFailed] = useState(false);
  const { pixels, error } = useMemo(() => decode(response), [response]);
  const labels = useMemo(() => indexLabels(params.labels).leaves, [params.labels]);
  const colors = useMemo(() => labelColors(labels), [labels]);
  const labelMap = useMemo(() => response?.label_map ?? {}, [response]);
  const colorOfIndex = useCallback(
    (index: number) => (index === 0 ? undefined : colorOf(colors, labelMap[String(index)] ?? "")),
    [colors, labelMap],
  );
  const width = response?.mask.width ?? params.image_width;
  const height = response?.mask.height ?? params.image_height;

  useEffect(() => {
    const context = canvas.current?.getContext("2d");
    if (!context || !pixels) return;
    const rgba = maskToRgba(pixels, colorOfIndex, 150);
    context.putImageData(new ImageData(rgba, width, height), 0, 0);
  }, [pixels, width, height, colorOfIndex]);

  const histogram = pixels ? indexHistogram(pixels, labelMap) : [];
  return (
    <div className="space-y-3">
      <figure
        className="relative w-full overflow-hidden rounded-md border border-slate-200 bg-slate-100"
        style={{ aspectRatio: `${params.image_width} / ${params.image_height}` }}
      >
        {imageFailed ? (
          <div className="absolute inset-0 flex items-end p-2 text-xs break-all text-slate-600">
            Image not loaded: {params.attachment}
          </div>
        ) : (
          <img
            src={params.attachment}
            alt="Task image"
            onError={() => setImageFailed(true)}
            className="absolute inset-0 h-full w-full object-fill"
          />
        )}
        {pixels ? (
          <canvas
            ref={canvas}
            width={width}
            height={height}
            role="img"
            aria-label={`Segmentation mask, ${width}×${height} pixels`}
            className={`absolute inset-0 h-full w-full [image-rendering:pixelated] ${showMask ? "" : "invisible"}`}
          />
        ) : null}
      </figure>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          The mask cannot be decoded: {error}
        </p>
      ) : null}
      {pixels ? (
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={showMask}
            onChange={(event) => setShowMask(event.target.checked)}
          />
          Show mask
        </label>
      ) : null}
      {response === undefined ? <NoResponse /> : null}
      <Legend
        entries={
          pixels
            ? histogram.map((entry) => ({
                label: entry.label,
                color: colorOfIndex(entry.index) ?? "#cbd5e1",
                count: `${entry.count} px, ${percent(entry.count, pixels.length)}`,
              }))
            : labels.map((label) => ({ label, color: colorOf(colors, label) }))
        }
      />
    </div>
  );
};
