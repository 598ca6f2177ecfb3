"use client";

import type { Annotation, ResponseIssue } from "@taskforge/schema";
import { useEffect, useMemo, useRef, useState } from "react";

import { AttributesForm } from "../image-tools/attributes-form";
import { newUuid } from "../image-tools/tools";
import { issueText, Workbench } from "../image-tools/workbench";
import { issuesUnder } from "../issues";
import { isTypingTarget } from "../response-editor";
import type { EditorProps, EditorValue } from "../types";
import {
  endTrackBefore,
  eventCovers,
  eventsOf,
  putKeyframe,
  readFrames,
  relabelTrack,
  removeTrack,
  trackOf,
  tracksOf,
  withEvents,
} from "./frames";
import type { VideoEvent } from "./frames";
import { keyframesOf } from "./interpolation";
import { TimelineBar } from "./timeline-bar";
import { useVideoClip } from "./use-video-clip";
import type { VideoClip } from "./use-video-clip";
import { DEFAULT_FRAME_LIST_RATE, formatFrameRate, frameTime } from "./video-time";

const BUTTON =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600 disabled:opacity-50";

const EventsPanel = ({
  labels,
  events,
  frame,
  params,
  issues,
  readOnly,
  onChange,
  onGoTo,
}: {
  labels: readonly string[];
  events: VideoEvent[];
  frame: number;
  params: EditorProps<"videoannotation">["params"];
  issues: readonly ResponseIssue[];
  readOnly: boolean;
  onChange: (events: VideoEvent[]) => void;
  onGoTo: (frame: number) => void;
}) => {
  const update = (index: number, event: VideoEvent) =>
    onChange(events.map((item, i) => (i === index ? event : item)));
  return (
    <section aria-label="Events" className="space-y-2">
      <h3 className="text-sm font-semibold text-slate-800">Events</h3>
      {readOnly ? null : (
        <div className="space-y-1">
          {labels.map((label) => (
            <div key={label} className="flex flex-wrap gap-1">
              <button
                type="button"
                className={BUTTON}
                onClick={() =>
                  onChange([
                    ...events,
                    { uuid: newUuid(), label, type: "event", start_frame: frame },
                  ])
                }
              >
                Mark “{label}” at frame {frame}
              </button>
              <button
                type="button"
                className={BUTTON}
                onClick={() =>
                  onChange([
                    ...events,
                    { uuid: newUuid(), label, type: "range", start_frame: frame, end_frame: frame },
                  ])
                }
              >
                Start “{label}” here
              </button>
            </div>
          ))}
        </div>
      )}
      {events.length === 0 ? (
        <p className="text-slate-600">No events yet.</p>
      ) : (
        <ol aria-label="Marked events" className="space-y-1">
          {events.map((event, index) => {
            const problems = issuesUnder(issues, [index]);
            return (
              <li
                key={event.uuid}
                data-event={event.uuid}
                className={`space-y-1 rounded-md border px-2 py-1 ${problems.length > 0 ? "border-red-300 bg-red-50" : "border-slate-200"}`}
              >
                <div className="flex flex-wrap items-center gap-1">
                  <button
                    type="button"
                    className="flex-1 text-left focus-visible:outline-2 focus-visible:outline-brand-600"
                    onClick={() => onGoTo(event.start_frame)}
                  >
                    <span className="font-medium">{event.label}</span>{" "}
                    <span className="text-slate-600">
                      {event.type === "range"
                        ? `frames ${event.start_frame}–${event.end_frame ?? "?"}`
                        : `frame ${event.start_frame}`}
                    </span>
                  </button>
                  {event.type === "range" && !readOnly ? (
                    <button
                      type="button"
                      className={BUTTON}
                      disabled={frame < event.start_frame}
                      onClick={() => update(index, { ...event, end_frame: frame })}
                    >
                      End at frame {frame}
                    </button>
                  ) : null}
                  {readOnly ? null : (
                    <button
                      type="button"
                      aria-label={`Delete event ${event.label} at frame ${event.start_frame}`}
                      className="rounded px-1 text-slate-500 hover:bg-slate-100 hover:text-red-700 focus-visible:outline-2 focus-visible:outline-brand-600"
                      onClick={() => onChange(events.filter((_, i) => i !== index))}
                    >
                      ×
                    </button>
                  )}
                </div>
                <AttributesForm
                  title={`Attributes of ${event.label}`}
                  definitions={params.annotation_attributes}
                  values={event.attributes}
                  scope={{ global: true, label: event.label }}
                  issues={issuesUnder(problems, ["attributes"])}
                  readOnly={readOnly}
                  onChange={(attributes) => {
                    const next = { ...event };
                    if (attributes === undefined) delete next.attributes;
                    else next.attributes = attributes;
                    update(index, next);
                  }}
                />
                {problems
                  .filter((issue) => issue.path[0] !== "attributes")
                  .map((issue, i) => (
                    <p key={i} className="text-xs text-red-700">
                      {issueText(issue)}
                    </p>
                  ))}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
};

/**
 * Frames, playback and tracks around the image workbench. A shape drawn or edited on a frame is
 * a keyframe of its track; the frames between keyframes are interpolated and stored (see
 * interpolation.ts), so the value is always a complete frame-by-frame response.
 */
export const VideoAnnotationEditor = (props: EditorProps<"videoannotation">) =>
  props.params.attachments ? (
    <FramesEditor
      {...props}
      frameCount={props.params.attachments.length}
      frameRate={props.params.frame_rate ?? DEFAULT_FRAME_LIST_RATE}
      rateNote={undefined}
    />
  ) : (
    <VideoFileEditor {...props} />
  );

const RATE_NOTES = {
  task: undefined,
  file: "frame rate read from the video",
  default: "frame rate not given and not readable from the video: the default",
} as const;

/** A video file: its rate and frame count are learned before any frame can be drawn on. */
const VideoFileEditor = (props: EditorProps<"videoannotation">) => {
  const clip: VideoClip = useVideoClip(props.params.attachment, props.params.frame_rate);
  if (clip.state === "loading") {
    return (
      <p role="status" className="text-slate-600">
        Loading the video…
      </p>
    );
  }
  if (clip.state === "failed") {
    return (
      <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-800">
        {clip.message}
      </p>
    );
  }
  return (
    <FramesEditor
      {...props}
      frameCount={clip.frameCount}
      frameRate={clip.frameRate}
      rateNote={RATE_NOTES[clip.rateSource]}
      videoSize={clip.size}
    />
  );
};

/** Above this many frames the timeline is a bar, not one button per frame. */
const MAX_FRAME_BUTTONS = 300;

const FramesEditor = ({
  params,
  value,
  onChange,
  issues,
  readOnly = false,
  frameCount,
  frameRate,
  rateNote,
  videoSize,
}: EditorProps<"videoannotation"> & {
  frameCount: number;
  frameRate: number;
  /** Where the rate came from, when the task did not give it. */
  rateNote: string | undefined;
  videoSize?: { width: number; height: number } | undefined;
}) => {
  const [frame, setFrame] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [selected, setSelected] = useState<string | undefined>();
  const entries = useMemo(() => readFrames(value), [value]);
  const current = entries.find((entry) => entry.frame === frame);
  const annotations = current?.annotations.map((item) => item.annotation) ?? [];
  const tracks = useMemo(() => tracksOf(value), [value]);
  const selectedTrack = tracks.find((track) => track.uuid === selected);
  const continuing =
    selectedTrack && !annotations.some((annotation) => annotation.uuid === selected)
      ? selectedTrack
      : undefined;
  const events = eventsOf(value);
  const keyframes = new Set(
    selected ? keyframesOf(trackOf(value, selected)).map((entry) => entry.frame) : [],
  );
  const framesWithIssues = new Set(
    issues.flatMap((issue) => {
      const entry =
        issue.path[0] === "frames" ? entries.find((e) => e.index === issue.path[1]) : undefined;
      return entry ? [entry.frame] : [];
    }),
  );
  const shownIssuePrefixes = (current?.annotations ?? []).map((item) => [
    "frames",
    current?.index ?? -1,
    "annotations",
    item.index,
  ]);
  const otherIssues = issues.filter(
    (issue) =>
      issue.path[0] !== "events" &&
      !shownIssuePrefixes.some((prefix) => prefix.every((part, i) => issue.path[i] === part)),
  );

  // The current frame's button stays in view as the keyboard or playback moves along the strip.
  const strip = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const list = strip.current;
    const button = list?.querySelector<HTMLElement>('[aria-pressed="true"]');
    if (!button || !list) return;
    const left = button.offsetLeft - list.offsetLeft;
    if (left < list.scrollLeft || left + button.offsetWidth > list.scrollLeft + list.clientWidth) {
      list.scrollLeft = left - list.clientWidth / 2 + button.offsetWidth / 2;
    }
  }, [frame]);

  const goTo = (next: number) => setFrame(Math.min(frameCount - 1, Math.max(0, next)));

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      setFrame((now) => {
        if (now + 1 >= frameCount) {
          setPlaying(false);
          return now;
        }
        return now + 1;
      });
    }, 1000 / frameRate);
    return () => clearInterval(timer);
  }, [playing, frameCount, frameRate]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTypingTarget(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === "ArrowLeft") setFrame((now) => Math.max(0, now - 1));
      else if (event.key === "ArrowRight") setFrame((now) => Math.min(frameCount - 1, now + 1));
      else if (event.key === " " && event.shiftKey) setPlaying((now) => !now);
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [frameCount]);

  const commit = (next: EditorValue) => onChange(next);

  const onCreate = (annotation: Annotation) => {
    if (continuing && continuing.type === annotation.type) {
      // Drawn while a track absent from this frame is selected: the shape continues that track.
      const nearest = trackOf(value, continuing.uuid).reduce((best, entry) =>
        Math.abs(entry.frame - frame) < Math.abs(best.frame - frame) ? entry : best,
      );
      const key = { ...annotation, uuid: continuing.uuid, label: continuing.label };
      if (nearest.annotation.attributes) key.attributes = nearest.annotation.attributes;
      commit(putKeyframe(value, frame, key));
      return;
    }
    const created = { ...annotation, uuid: newUuid() };
    commit(putKeyframe(value, frame, created));
    setSelected(created.uuid);
  };

  const onUpdate = (annotation: Annotation) => {
    const before = annotations.find((item) => item.uuid === annotation.uuid);
    const relabeled =
      before && before.label !== annotation.label
        ? relabelTrack(value, annotation.uuid, annotation.label)
        : value;
    commit(putKeyframe(relabeled, frame, annotation));
  };

  const header = (
    <div className="space-y-2">
      <div role="group" aria-label="Playback" className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          className={BUTTON}
          aria-label="Previous frame"
          title="Previous frame (←)"
          disabled={frame === 0}
          onClick={() => goTo(frame - 1)}
        >
          ←
        </button>
        <button
          type="button"
          className={BUTTON}
          title="Play or pause (Shift+Space)"
          onClick={() => setPlaying(!playing)}
        >
          {playing ? "Pause" : "Play"}
        </button>
        <button
          type="button"
          className={BUTTON}
          aria-label="Next frame"
          title="Next frame (→)"
          disabled={frame >= frameCount - 1}
          onClick={() => goTo(frame + 1)}
        >
          →
        </button>
        <input
          type="range"
          aria-label="Frame"
          min={0}
          max={Math.max(0, frameCount - 1)}
          value={frame}
          onChange={(event) => goTo(Number(event.target.value))}
          className="min-w-32 flex-1"
        />
        <span className="text-sm text-slate-700 tabular-nums" aria-live="polite">
          Frame {frame} of {frameCount - 1} ({(frame / frameRate).toFixed(2)} s)
        </span>
        <span className="text-sm text-slate-500" title={rateNote}>
          {formatFrameRate(frameRate)} fps{rateNote ? ` (${rateNote})` : ""}
        </span>
      </div>
      {frameCount > MAX_FRAME_BUTTONS ? (
        <TimelineBar
          frameCount={frameCount}
          frame={frame}
          withShapes={entries.filter((entry) => entry.annotations.length > 0).map((e) => e.frame)}
          keyframes={keyframes}
          onGoTo={goTo}
        />
      ) : (
        <div
          ref={strip}
          role="group"
          aria-label="Frames"
          className="flex gap-0.5 overflow-x-auto pb-1"
          data-frame={frame}
        >
          {Array.from({ length: frameCount }, (_, index) => {
            const count = entries.find((entry) => entry.frame === index)?.annotations.length ?? 0;
            const eventHere = events.some((event) => eventCovers(event, index));
            const problem = framesWithIssues.has(index);
            return (
              <button
                key={index}
                type="button"
                aria-pressed={index === frame}
                aria-label={`Frame ${index}: ${count} shape${count === 1 ? "" : "s"}${keyframes.has(index) ? ", keyframe" : ""}${eventHere ? ", event" : ""}${problem ? ", has problems" : ""}`}
                onClick={() => goTo(index)}
                className={`relative h-8 min-w-7 shrink-0 rounded border text-xs tabular-nums focus-visible:outline-2 focus-visible:outline-brand-600 ${
                  index === frame
                    ? "border-brand-600 bg-brand-600 text-white"
                    : problem
                      ? "border-red-400 bg-red-50 text-red-800"
                      : count > 0
                        ? "border-brand-200 bg-brand-50 text-brand-800"
                        : "border-slate-200 bg-white text-slate-500"
                }`}
              >
                {index}
                {keyframes.has(index) ? (
                  <span
                    aria-hidden="true"
                    className="absolute -top-1 right-0 text-[10px] text-amber-500"
                  >
                    ◆
                  </span>
                ) : null}
                {eventHere ? (
                  <span
                    aria-hidden="true"
                    className="absolute inset-x-1 bottom-0 h-0.5 bg-purple-500"
                  />
                ) : null}
              </button>
            );
          })}
        </div>
      )}
    </div>
  );

  const footer = (
    <div className="space-y-4">
      <section aria-label="Tracks" className="space-y-1">
        <h3 className="text-sm font-semibold text-slate-800">Tracks ({tracks.length})</h3>
        {tracks.length === 0 ? (
          <p className="text-slate-600">No tracks yet.</p>
        ) : (
          <ol className="space-y-1">
            {tracks.map((track) => (
              <li
                key={track.uuid}
                data-track={track.uuid}
                className="flex items-center gap-1 rounded-md border border-slate-200 px-2 py-1"
              >
                <button
                  type="button"
                  aria-pressed={track.uuid === selected}
                  className="flex-1 truncate text-left focus-visible:outline-2 focus-visible:outline-brand-600"
                  onClick={() => setSelected(track.uuid === selected ? undefined : track.uuid)}
                >
                  <span className="font-medium">{track.label}</span>{" "}
                  <span className="text-slate-500">
                    {track.type}, frames {track.first}–{track.last}
                  </span>
                </button>
                {readOnly ? null : (
                  <button
                    type="button"
                    aria-label={`Delete track ${track.label} (frames ${track.first}–${track.last})`}
                    className="rounded px-1 text-slate-500 hover:bg-slate-100 hover:text-red-700 focus-visible:outline-2 focus-visible:outline-brand-600"
                    onClick={() => {
                      commit(removeTrack(value, track.uuid));
                      if (track.uuid === selected) setSelected(undefined);
                    }}
                  >
                    ×
                  </button>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
      {params.events_to_annotate !== undefined ? (
        <EventsPanel
          labels={params.events_to_annotate}
          events={events}
          frame={frame}
          params={params}
          issues={issuesUnder(issues, ["events"])}
          readOnly={readOnly}
          onChange={(next) => commit(withEvents(value, next))}
          onGoTo={goTo}
        />
      ) : null}
    </div>
  );

  const size =
    params.frame_width !== undefined && params.frame_height !== undefined
      ? { width: params.frame_width, height: params.frame_height }
      : videoSize;

  return (
    <Workbench
      geometries={params.geometries}
      annotationAttributes={params.annotation_attributes}
      media={
        params.attachments
          ? { kind: "image", src: params.attachments[frame] }
          : { kind: "video", src: params.attachment ?? "", time: frameTime(frame, frameRate) }
      }
      size={size}
      annotations={annotations}
      issuesOf={(_, index) =>
        issuesUnder(issues, [
          "frames",
          current?.index ?? -1,
          "annotations",
          current?.annotations[index]?.index ?? -1,
        ])
      }
      otherIssues={otherIssues}
      selected={selected}
      onSelect={setSelected}
      readOnly={readOnly}
      canvasLabel={`Frame ${frame} with ${annotations.length} shape${annotations.length === 1 ? "" : "s"}`}
      onCreate={onCreate}
      onUpdate={onUpdate}
      onDelete={(uuid) => commit(endTrackBefore(value, uuid, frame))}
      header={header}
      footer={footer}
      hint={
        continuing
          ? `A new ${continuing.type} here continues track “${continuing.label}” (frames ${continuing.first}–${continuing.last}); Esc for a new track.`
          : undefined
      }
    />
  );
};
