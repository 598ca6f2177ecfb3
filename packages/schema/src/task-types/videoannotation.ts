import { z } from "zod";

import { requiredFieldError } from "../common";
import type { ConsolidationResult } from "./definition";
import { defineTaskType } from "./definition";
import type { ResponseIssue } from "./issues";
import { AnnotationAttributesSchema } from "./shared/geometry-attributes";
import { checkAnnotationList } from "./shared/geometry-check";
import type { GeometryTaskConfig } from "./shared/geometry-check";
import {
  checkVideoEvents,
  consolidateVideoEvents,
  scoreVideoEvents,
  videoEventAgreement,
  VideoEventSchema,
} from "./shared/geometry-events";
import type { EventConfig } from "./shared/geometry-events";
import { GeometriesSchema, geometryAttributeIssues } from "./shared/geometry-params";
import { placeholderAnnotations } from "./shared/geometry-placeholder";
import { AnnotationSchema } from "./shared/geometry-shapes";
import { consolidateFrames, scoreFrames } from "./shared/geometry-tracks";
import { videoAnnotationExamples } from "./shared/geometry-video-examples";
import { ImageUrlSchema, PixelSizeSchema } from "./shared/image-attachment";

/**
 * Scale's videoannotation: `attachments` (one image URL per frame, `attachment_type: "image"`)
 * or `attachment` (a video file, MP4 or WebM, labeled in the editor's player). `frame_rate` maps
 * frame indices to the video's time; without it a frame list plays at 1 per second and a video
 * file at the rate the editor learns from the file (else 30). A video's frame count is known
 * only to the player (duration × rate), so its frame indices are checked to be non-negative here.
 * `frame_width`/`frame_height` are our addition, like imageannotation's image size.
 */
export const VideoAnnotationParamsSchema = z
  .looseObject({
    attachments: z
      .array(ImageUrlSchema, { error: "must be an array of frame image URLs" })
      .min(1, { error: "must have at least 1 frame" })
      .optional(),
    attachment: ImageUrlSchema.optional(),
    attachment_type: z.enum(["image", "video"], { error: 'must be "image" or "video"' }).optional(),
    frame_rate: z
      .number({ error: "must be a number" })
      .positive({ error: "must be greater than 0" })
      .optional(),
    frame_width: PixelSizeSchema.optional(),
    frame_height: PixelSizeSchema.optional(),
    geometries: GeometriesSchema,
    annotation_attributes: AnnotationAttributesSchema.optional(),
    events_to_annotate: z
      .array(z.string().min(1, { error: "must not be empty" }), {
        error: "must be an array of event labels",
      })
      .optional(),
  })
  .superRefine((params, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: "custom", path, message });
    if ((params.attachments === undefined) === (params.attachment === undefined)) {
      issue(
        ["attachments"],
        "give either attachments (frame images) or attachment (a video), exactly one",
      );
    }
    if (params.attachment_type === "image" && params.attachments === undefined) {
      issue(["attachments"], 'is required when attachment_type is "image"');
    }
    if (params.attachment_type === "video" && params.attachment === undefined) {
      issue(["attachment"], 'is required when attachment_type is "video"');
    }
    if ((params.frame_width === undefined) !== (params.frame_height === undefined)) {
      issue(
        [params.frame_width === undefined ? "frame_width" : "frame_height"],
        "frame_width and frame_height must be given together",
      );
    }
    const seen = new Set<string>();
    params.events_to_annotate?.forEach((label, i) => {
      if (seen.has(label)) issue(["events_to_annotate", i], `duplicate event label "${label}"`);
      seen.add(label);
    });
    // Global attributes belong to events in video tasks; their label conditions name events.
    const globalLabels = params.events_to_annotate ?? [];
    for (const found of geometryAttributeIssues(
      params.geometries,
      params.annotation_attributes,
      globalLabels,
      ["annotation_attributes"],
    )) {
      issue(found.path, found.message);
    }
  });
export type VideoAnnotationParams = z.output<typeof VideoAnnotationParamsSchema>;

/**
 * Our form: frames listed by index (frames without annotations may be left out), annotations as
 * in imageannotation, tracks keeping one uuid (and label) across frames. Scale delivers the same
 * content as a file of per-frame annotation lists plus an events file.
 */
export const VideoFrameSchema = z.strictObject({
  frame: z.int({ error: "must be a whole frame index" }).min(0, { error: "must not be negative" }),
  annotations: z.array(AnnotationSchema, requiredFieldError("an array of annotations")),
});

export const VideoAnnotationResponseSchema = z.strictObject({
  frames: z.array(VideoFrameSchema, requiredFieldError("an array of frames")),
  events: z.array(VideoEventSchema, { error: "must be an array of events" }).optional(),
});
export type VideoAnnotationResponse = z.output<typeof VideoAnnotationResponseSchema>;

const frameConfigOf = (params: VideoAnnotationParams): GeometryTaskConfig => ({
  geometries: params.geometries,
  annotation_attributes: params.annotation_attributes,
  size:
    params.frame_width !== undefined && params.frame_height !== undefined
      ? { width: params.frame_width, height: params.frame_height }
      : undefined,
});

const eventConfigOf = (params: VideoAnnotationParams): EventConfig => ({
  events_to_annotate: params.events_to_annotate,
  annotation_attributes: params.annotation_attributes,
  frameCount: params.attachments?.length,
});

const checkVideoAnnotationResponse = (
  params: VideoAnnotationParams,
  response: VideoAnnotationResponse,
): ResponseIssue[] => {
  const config = frameConfigOf(params);
  const frameCount = params.attachments?.length;
  const issues: ResponseIssue[] = [];
  const framesSeen = new Map<number, number>();
  const tracks = new Map<string, { label: string; type: string; frame: number }>();
  response.frames.forEach((frame, i) => {
    const at = ["frames", i];
    const earlier = framesSeen.get(frame.frame);
    if (earlier !== undefined) {
      issues.push({
        path: [...at, "frame"],
        message: `frame ${frame.frame} is listed twice (also frames[${earlier}])`,
      });
    }
    framesSeen.set(frame.frame, i);
    if (frameCount !== undefined && frame.frame >= frameCount) {
      issues.push({
        path: [...at, "frame"],
        message: `must be below the number of frames (${frameCount})`,
      });
    }
    issues.push(...checkAnnotationList(config, frame.annotations, [...at, "annotations"]));
    frame.annotations.forEach((annotation, j) => {
      const track = tracks.get(annotation.uuid);
      if (track === undefined) {
        tracks.set(annotation.uuid, {
          label: annotation.label,
          type: annotation.type,
          frame: frame.frame,
        });
      } else if (track.label !== annotation.label || track.type !== annotation.type) {
        issues.push({
          path: [...at, "annotations", j, track.label !== annotation.label ? "label" : "type"],
          message: `track "${annotation.uuid}" is a ${track.type} "${track.label}" in frame ${track.frame}; a uuid keeps its type and label across frames`,
        });
      }
    });
  });
  if (response.events !== undefined) {
    issues.push(...checkVideoEvents(eventConfigOf(params), response.events, ["events"]));
  }
  return issues;
};

const placeholderVideoAnnotationResponse = (
  params: VideoAnnotationParams,
): VideoAnnotationResponse => ({
  frames: [
    { frame: 0, annotations: placeholderAnnotations(frameConfigOf(params), "placeholder-1") },
  ],
});

const mean = (values: readonly number[]): number =>
  values.length === 0 ? 1 : values.reduce((sum, value) => sum + value, 0) / values.length;

const hasEvents = (responses: readonly VideoAnnotationResponse[]) =>
  responses.some((response) => (response.events?.length ?? 0) > 0);

/**
 * Frames: `consolidateFrames` (per-frame image consolidation, stable track ids). Events: the
 * same clustering on temporal IoU. Agreement: mean over frames of the per-frame agreement, with
 * the events' agreement counted as one more frame when any response marked events.
 */
const consolidateVideoAnnotation = (
  params: VideoAnnotationParams,
  responses: readonly VideoAnnotationResponse[],
): ConsolidationResult<VideoAnnotationResponse> => {
  const frames = consolidateFrames(
    frameConfigOf(params),
    responses.map((response) => response.frames),
  );
  const agreements = [...frames.frameAgreements];
  const response: VideoAnnotationResponse = { frames: frames.frames };
  let tied = frames.tied;
  const notes = [...frames.notes];
  if (hasEvents(responses) || responses[0]?.events !== undefined) {
    const eventLists = responses.map((r) => r.events ?? []);
    const events = consolidateVideoEvents(eventConfigOf(params), eventLists);
    response.events = events.events;
    tied ||= events.tied;
    notes.push(...events.notes);
    if (hasEvents(responses)) agreements.push(videoEventAgreement(eventLists));
  }
  return { response, agreement: mean(agreements), tied, notes };
};

const scoreVideoAnnotation = (
  params: VideoAnnotationParams,
  response: VideoAnnotationResponse,
  gold: VideoAnnotationResponse,
): number => {
  const scores = scoreFrames(frameConfigOf(params), response.frames, gold.frames);
  if (hasEvents([response, gold]))
    scores.push(scoreVideoEvents(response.events ?? [], gold.events ?? []));
  return mean(scores);
};

export const videoannotationTaskType = defineTaskType({
  id: "videoannotation",
  title: "Video annotation",
  description:
    "Track objects across the frames of a video with boxes, polygons, lines, points, ellipses or cuboids, and mark events.",
  params: VideoAnnotationParamsSchema,
  response: VideoAnnotationResponseSchema,
  checkResponse: checkVideoAnnotationResponse,
  placeholderResponse: placeholderVideoAnnotationResponse,
  consolidate: consolidateVideoAnnotation,
  scoreAgainstGold: scoreVideoAnnotation,
  examples: videoAnnotationExamples,
});
