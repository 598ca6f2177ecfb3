import { AnnotationSchema } from "@taskforge/schema";
import type { Annotation, VideoAnnotationParams, VideoAnnotationResponse } from "@taskforge/schema";

import type { EditorValue } from "../types";
import { setKeyframe } from "./interpolation";
import type { TrackFrame } from "./interpolation";

export type VideoEvent = NonNullable<VideoAnnotationResponse["events"]>[number];

/** One listed frame of the value: its position in `frames` (issue paths use it) and its shapes. */
export type FrameEntry = {
  frame: number;
  index: number;
  annotations: { annotation: Annotation; index: number }[];
};

/** The value's frames the editor can draw (a restored draft may hold malformed entries). */
export const readFrames = (value: EditorValue): FrameEntry[] => {
  const frames = Array.isArray(value.frames) ? (value.frames as unknown[]) : [];
  return frames.flatMap((item, index) => {
    if (typeof item !== "object" || item === null) return [];
    const { frame, annotations } = item as { frame?: unknown; annotations?: unknown };
    if (typeof frame !== "number" || !Number.isInteger(frame) || frame < 0) return [];
    const list = Array.isArray(annotations) ? (annotations as unknown[]) : [];
    return [
      {
        frame,
        index,
        annotations: list.flatMap((raw, i) => {
          const parsed = AnnotationSchema.safeParse(raw);
          return parsed.success ? [{ annotation: parsed.data, index: i }] : [];
        }),
      },
    ];
  });
};

export const annotationsAt = (value: EditorValue, frame: number): Annotation[] =>
  readFrames(value)
    .filter((entry) => entry.frame === frame)
    .flatMap((entry) => entry.annotations.map((item) => item.annotation));

/** Every frame's shapes of one track, by frame. */
export const trackOf = (value: EditorValue, uuid: string): TrackFrame[] =>
  readFrames(value)
    .flatMap((entry) =>
      entry.annotations
        .filter((item) => item.annotation.uuid === uuid)
        .map((item) => ({ frame: entry.frame, annotation: item.annotation })),
    )
    .sort((a, b) => a.frame - b.frame);

export type TrackSummary = {
  uuid: string;
  label: string;
  type: Annotation["type"];
  first: number;
  last: number;
  frames: number;
};

/** The tracks in the order they first appear. */
export const tracksOf = (value: EditorValue): TrackSummary[] => {
  const tracks = new Map<string, TrackSummary>();
  for (const entry of [...readFrames(value)].sort((a, b) => a.frame - b.frame)) {
    for (const { annotation } of entry.annotations) {
      const known = tracks.get(annotation.uuid);
      if (known) {
        known.first = Math.min(known.first, entry.frame);
        known.last = Math.max(known.last, entry.frame);
        known.frames += 1;
      } else {
        tracks.set(annotation.uuid, {
          uuid: annotation.uuid,
          label: annotation.label,
          type: annotation.type,
          first: entry.frame,
          last: entry.frame,
          frames: 1,
        });
      }
    }
  }
  return [...tracks.values()];
};

/**
 * The value with one track's frames replaced. Frames are listed in frame order, each shape kept
 * in its place (a new one last); frames left without shapes are dropped, as the schema allows.
 */
export const withTrack = (
  value: EditorValue,
  uuid: string,
  track: readonly TrackFrame[],
): EditorValue => {
  const byFrame = new Map<number, Annotation[]>();
  for (const entry of readFrames(value)) {
    const kept = entry.annotations
      .map((item) => item.annotation)
      .filter((annotation) => annotation.uuid !== uuid);
    byFrame.set(entry.frame, [...(byFrame.get(entry.frame) ?? []), ...kept]);
  }
  const previous = new Map(trackOf(value, uuid).map((entry) => [entry.frame, entry]));
  for (const entry of track) {
    const list = byFrame.get(entry.frame) ?? [];
    // The shape goes back where it was in its frame, so issue positions stay meaningful.
    const at = previous.has(entry.frame)
      ? readFrames(value)
          .find((frame) => frame.frame === entry.frame)
          ?.annotations.findIndex((item) => item.annotation.uuid === uuid)
      : undefined;
    const position = at === undefined || at < 0 ? list.length : Math.min(at, list.length);
    byFrame.set(entry.frame, [
      ...list.slice(0, position),
      entry.annotation,
      ...list.slice(position),
    ]);
  }
  const frames = [...byFrame.entries()]
    .filter(([, annotations]) => annotations.length > 0)
    .sort(([a], [b]) => a - b)
    .map(([frame, annotations]) => ({ frame, annotations }));
  return { ...value, frames };
};

/** A drawn or edited shape becomes a keyframe of its track; the frames around it follow. */
export const putKeyframe = (
  value: EditorValue,
  frame: number,
  annotation: Annotation,
): EditorValue =>
  withTrack(
    value,
    annotation.uuid,
    setKeyframe(trackOf(value, annotation.uuid), { frame, annotation }),
  );

/** A track's label is the same in every frame (the schema's check), so it changes everywhere. */
export const relabelTrack = (value: EditorValue, uuid: string, label: string): EditorValue =>
  withTrack(
    value,
    uuid,
    trackOf(value, uuid).map((entry) => ({ ...entry, annotation: { ...entry.annotation, label } })),
  );

/** The track stops before `frame` (from its first frame on, it is gone). */
export const endTrackBefore = (value: EditorValue, uuid: string, frame: number): EditorValue =>
  withTrack(
    value,
    uuid,
    trackOf(value, uuid).filter((entry) => entry.frame < frame),
  );

export const removeTrack = (value: EditorValue, uuid: string): EditorValue =>
  withTrack(value, uuid, []);

/** A fresh assignment: no frames yet, and an events list when the task asks for events. */
export const initialVideoValue = (params: VideoAnnotationParams): EditorValue =>
  params.events_to_annotate === undefined ? { frames: [] } : { frames: [], events: [] };

export const eventsOf = (value: EditorValue): VideoEvent[] =>
  Array.isArray(value.events) ? (value.events as VideoEvent[]) : [];

export const withEvents = (value: EditorValue, events: VideoEvent[]): EditorValue => ({
  ...value,
  events,
});

/** Whether an event covers a frame (an instant only its own frame). */
export const eventCovers = (event: VideoEvent, frame: number): boolean =>
  event.type === "range"
    ? frame >= event.start_frame && frame <= (event.end_frame ?? event.start_frame)
    : frame === event.start_frame;
