"use client";

import type { VideoAnnotationParams, VideoAnnotationResponse } from "@taskforge/schema";
import { useState } from "react";

import { labelColors } from "../colors";
import { KeyValues, Legend, NoResponse, Section } from "../components/common";
import { ImageStage } from "../components/image-stage";
import { AnnotationLayer } from "../components/shapes";
import { useVideoClip } from "../editors/videoannotation/use-video-clip";
import {
  DEFAULT_FRAME_LIST_RATE,
  DEFAULT_VIDEO_FRAME_RATE,
  formatFrameRate,
} from "../editors/videoannotation/video-time";
import { drawingSize } from "../geometry";
import { AnnotationTable, geometryLabels, legendEntries } from "./imageannotation";
import { VideoStage } from "./video-stage";

/** Frame indices to offer: every frame image, else the frames the response mentions. */
export const videoFrameIndices = (
  params: Pick<VideoAnnotationParams, "attachments">,
  response: VideoAnnotationResponse | undefined,
): number[] => {
  if (params.attachments) return params.attachments.map((_, index) => index);
  const listed = (response?.frames ?? []).map((frame) => frame.frame);
  return [...new Set(listed)].sort((a, b) => a - b);
};

/**
 * A strip of frames (those with annotations marked), the selected frame with its annotations
 * drawn, and the events. A video file (no frame images) plays in a player with the shapes of the
 * frame on screen drawn over it; a click on a frame seeks the video to it.
 */
export const VideoAnnotationRenderer = ({
  params,
  response,
}: {
  params: VideoAnnotationParams;
  response: VideoAnnotationResponse | undefined;
}) => {
  const frames = videoFrameIndices(params, response);
  const byFrame = new Map((response?.frames ?? []).map((frame) => [frame.frame, frame]));
  const [selected, setSelected] = useState(frames[0] ?? 0);
  const annotations = byFrame.get(selected)?.annotations ?? [];
  const all = (response?.frames ?? []).flatMap((frame) => frame.annotations);
  const labels = geometryLabels(params.geometries);
  const colors = labelColors([...labels, ...all.map((annotation) => annotation.label)]);
  const size =
    params.frame_width !== undefined && params.frame_height !== undefined
      ? { width: params.frame_width, height: params.frame_height }
      : undefined;
  const fallback = drawingSize(size, all);
  const clip = useVideoClip(params.attachments ? undefined : params.attachment, params.frame_rate);
  // A video file's rate, when the task leaves it out, is known once the file is read.
  const videoRate = params.frame_rate ?? (clip.state === "ready" ? clip.frameRate : undefined);
  const frameRate =
    params.frame_rate ??
    (params.attachments ? DEFAULT_FRAME_LIST_RATE : (videoRate ?? DEFAULT_VIDEO_FRAME_RATE));
  const seconds = (frame: number) => (frame / frameRate).toFixed(2);
  const stageLabel = `Frame ${selected} with ${annotations.length} annotation${annotations.length === 1 ? "" : "s"}`;
  const drawing = (
    <AnnotationLayer
      annotations={annotations}
      colors={colors}
      size={size ?? fallback}
      connections={params.geometries.point?.connections}
    />
  );

  return (
    <div className="space-y-4">
      <Section title={`Frames (${frames.length}, ${formatFrameRate(frameRate)} per second)`}>
        <div role="group" aria-label="Frames" className="flex gap-1 overflow-x-auto pb-1">
          {frames.map((frame) => {
            const count = byFrame.get(frame)?.annotations.length ?? 0;
            const src = params.attachments?.[frame];
            return (
              <button
                key={frame}
                type="button"
                onClick={() => setSelected(frame)}
                aria-pressed={frame === selected}
                aria-label={`Frame ${frame}, ${count} annotation${count === 1 ? "" : "s"}`}
                className={`flex shrink-0 flex-col items-center rounded-md border p-1 text-xs focus-visible:outline-2 focus-visible:outline-brand-600 ${
                  frame === selected
                    ? "border-brand-600 bg-brand-50 text-brand-800"
                    : "border-slate-200 bg-white text-slate-700 hover:bg-slate-50"
                }`}
              >
                {src ? (
                  <img
                    src={src}
                    alt=""
                    className="h-10 w-16 rounded-sm bg-slate-200 object-cover"
                  />
                ) : null}
                <span className="tabular-nums">
                  #{frame}
                  {count > 0 ? ` · ${count}` : ""}
                </span>
              </button>
            );
          })}
        </div>
      </Section>
      <Section title={`Frame ${selected} (${seconds(selected)} s)`}>
        {params.attachments ? (
          <ImageStage
            key={selected}
            src={params.attachments[selected]}
            alt={`Frame ${selected}`}
            size={size}
            fallbackSize={fallback}
            label={stageLabel}
          >
            {drawing}
          </ImageStage>
        ) : clip.state === "failed" ? (
          <p role="alert" className="text-sm text-red-700">
            {clip.message}
          </p>
        ) : videoRate === undefined || params.attachment === undefined ? (
          <p className="text-sm text-slate-600">Loading the video…</p>
        ) : (
          <VideoStage
            src={params.attachment}
            fps={videoRate}
            frame={selected}
            onFrame={setSelected}
            size={size ?? (clip.state === "ready" ? clip.size : undefined)}
            fallbackSize={fallback}
            label={stageLabel}
          >
            {drawing}
          </VideoStage>
        )}
        <Legend entries={legendEntries(labels, annotations, colors)} />
        {response === undefined ? <NoResponse /> : <AnnotationTable annotations={annotations} />}
      </Section>
      {response?.events !== undefined || params.events_to_annotate !== undefined ? (
        <Section title="Events">
          {(response?.events ?? []).length === 0 ? (
            <p className="text-sm text-slate-600">No events.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {(response?.events ?? []).map((event) => (
                <li key={event.uuid} className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{event.label}</span>
                  <span className="text-slate-600">
                    {event.type === "range"
                      ? `frames ${event.start_frame}–${event.end_frame ?? "?"}`
                      : `frame ${event.start_frame}`}
                  </span>
                  <KeyValues values={event.attributes} />
                </li>
              ))}
            </ul>
          )}
        </Section>
      ) : null}
    </div>
  );
};
