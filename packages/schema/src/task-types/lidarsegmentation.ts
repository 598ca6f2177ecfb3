/**
 * Lidar segmentation: one label per point of every frame of a point-cloud sequence.
 *
 * Frame format. Each URL in `params.attachments` points to one frame, a JSON document
 * (validated by `LidarFrameSchema`):
 *
 *   {
 *     "points": [[x, y, z], [x, y, z, intensity], ...],
 *     "timestamp": 1700000000.1,
 *     "images": [{
 *       "url": "https://…/front.jpg",
 *       "fx": 1000, "fy": 1000, "cx": 960, "cy": 540,
 *       "position": {"x": 0, "y": 0, "z": 1.6},
 *       "heading": {"w": 1, "x": 0, "y": 0, "z": 0}
 *     }]
 *   }
 *
 * - `points`: world coordinates in meters (right-handed, z up), with an optional intensity;
 *   a point's position in this array is its index in the response's labels.
 * - `timestamp` (optional): seconds since the Unix epoch.
 * - `images` (optional): camera images for context; `fx, fy, cx, cy` are pinhole intrinsics
 *   in pixels, `position` the camera's position in world coordinates and `heading` its
 *   orientation as a unit quaternion (camera to world).
 * Unknown keys are allowed, so the format can grow without breaking old frames.
 *
 * Label indices. Index 0 is reserved for "unlabeled" (accepted only with `allow_unlabeled`);
 * a response's `label_map` maps each index it uses from 1 up to a label name of the params.
 * Responses may number labels as they like; the consolidated answer numbers the params' labels
 * in order from 1.
 */
import { z } from "zod";

import { requiredFieldError } from "../common";
import type { TaskTypeExample } from "./definition";
import { defineTaskType } from "./definition";
import {
  canonicalLabelMap,
  consolidateLidarSegmentation,
  scoreLidarSegmentation,
} from "./lidarsegmentation-consensus";
import { checkLidarSegmentationResponse } from "./lidarsegmentation-check";
import { ATTACHMENT_URL_PROTOCOL } from "./shared/image-attachment";
import { MAX_LABEL_INDEX, encodeLabels } from "./shared/lidar-rle";

const Vector3Schema = z.looseObject({ x: z.number(), y: z.number(), z: z.number() });
const QuaternionSchema = z.looseObject({
  w: z.number(),
  x: z.number(),
  y: z.number(),
  z: z.number(),
});

export const LidarCameraImageSchema = z.looseObject({
  url: z.string(requiredFieldError("a URL")).min(1, { error: "must not be empty" }),
  fx: z.number(requiredFieldError("a number")),
  fy: z.number(requiredFieldError("a number")),
  cx: z.number(requiredFieldError("a number")),
  cy: z.number(requiredFieldError("a number")),
  position: Vector3Schema,
  heading: QuaternionSchema,
});

export const LidarFrameSchema = z.looseObject({
  points: z.array(
    z.union(
      [
        z.tuple([z.number(), z.number(), z.number()]),
        z.tuple([z.number(), z.number(), z.number(), z.number()]),
      ],
      {
        error: "must be [x, y, z] or [x, y, z, intensity]",
      },
    ),
    requiredFieldError("an array of points"),
  ),
  timestamp: z.number().optional(),
  images: z.array(LidarCameraImageSchema).optional(),
});
export type LidarFrame = z.output<typeof LidarFrameSchema>;

// Frames may live in customers' buckets, as Scale allows for images.
const FrameUrlSchema = z.url({
  protocol: ATTACHMENT_URL_PROTOCOL,
  error: "must be an http(s), s3 or gs URL",
});

export const LidarLabelSchema = z
  .union(
    [
      z.string().min(1, { error: "must not be empty" }),
      z.looseObject({
        name: z.string(requiredFieldError("a string")).min(1, { error: "must not be empty" }),
        color: z
          .string()
          .regex(/^#[0-9a-fA-F]{6}$/, { error: 'must be a color like "#ff8800"' })
          .optional(),
      }),
    ],
    { error: "must be a label name or an object {name, color?}" },
  )
  .transform((label) => (typeof label === "string" ? { name: label } : label));

export const LidarSegmentationParamsSchema = z
  .looseObject({
    attachments: z
      .array(
        z.string(requiredFieldError("a URL")).pipe(FrameUrlSchema),
        requiredFieldError("an array of frame URLs"),
      )
      .min(1, { error: "must have at least 1 frame" }),
    labels: z
      .array(LidarLabelSchema, requiredFieldError("an array of labels"))
      .min(1, { error: "must have at least 1 label" })
      .max(MAX_LABEL_INDEX, { error: `must have at most ${MAX_LABEL_INDEX} labels` }),
    /** Whether points may keep label index 0 ("unlabeled"); false as in Scale's segmentation. */
    allow_unlabeled: z.boolean().default(false),
    /** Points per frame, when known: responses must then label exactly that many. */
    frame_point_counts: z.array(z.int().min(0, { error: "must not be negative" })).optional(),
  })
  .superRefine((params, ctx) => {
    const seen = new Set<string>();
    params.labels.forEach((label, index) => {
      if (seen.has(label.name)) {
        ctx.addIssue({
          code: "custom",
          path: ["labels", index, "name"],
          message: `duplicate label "${label.name}"`,
        });
      }
      seen.add(label.name);
    });
    const counts = params.frame_point_counts;
    if (counts !== undefined && counts.length !== params.attachments.length) {
      ctx.addIssue({
        code: "custom",
        path: ["frame_point_counts"],
        message: `must have one count per attachment (${params.attachments.length}), got ${counts.length}`,
      });
    }
  });
export type LidarSegmentationParams = z.output<typeof LidarSegmentationParamsSchema>;

export const LidarFrameLabelsSchema = z.strictObject({
  frame: z.int(requiredFieldError("a frame index")).min(0, { error: "must not be negative" }),
  encoding: z.literal("rle", { error: 'must be "rle"' }),
  /** base64 of little-endian uint32 (count, label index) pairs; see shared/lidar-rle.ts. */
  labels: z.string(requiredFieldError("a base64 string")),
});
export type LidarFrameLabels = z.output<typeof LidarFrameLabelsSchema>;

export const LidarSegmentationResponseSchema = z.strictObject({
  frames: z.array(LidarFrameLabelsSchema, requiredFieldError("an array with one entry per frame")),
  /** Label index (a decimal string, JSON keys being strings) → label name. */
  label_map: z.record(
    z.string(),
    z.string(),
    requiredFieldError("an object mapping label indices to labels"),
  ),
});
export type LidarSegmentationResponse = z.output<typeof LidarSegmentationResponseSchema>;

/** Every point gets the first label; frames of unknown size get zero points. */
const placeholderLidarSegmentationResponse = (
  params: LidarSegmentationParams,
): LidarSegmentationResponse => ({
  frames: params.attachments.map((_, frame) => ({
    frame,
    encoding: "rle",
    labels: encodeLabels(new Uint16Array(params.frame_point_counts?.[frame] ?? 0).fill(1)),
  })),
  label_map: canonicalLabelMap(params),
});

export const LIDARSEGMENTATION_EXAMPLES: readonly TaskTypeExample[] = [
  {
    name: "one frame of 6 points: 3 road, 1 unlabeled, 2 car",
    params: {
      attachments: ["https://example.com/scene/frame-0.json"],
      labels: ["road", { name: "car", color: "#ff0000" }],
      allow_unlabeled: true,
      frame_point_counts: [6],
    },
    // encodeLabels([1, 1, 1, 0, 2, 2])
    response: {
      frames: [{ frame: 0, encoding: "rle", labels: "AwAAAAEAAAABAAAAAAAAAAIAAAACAAAA" }],
      label_map: { "1": "road", "2": "car" },
    },
  },
  {
    name: "two frames, the response numbering labels its own way",
    params: {
      attachments: ["s3://bucket/frame-0.json", "s3://bucket/frame-1.json"],
      labels: ["ground", "vegetation", "building"],
    },
    // Frame 0: encodeLabels([7, 7, 3]); frame 1: encodeLabels([3, 3, 3, 3]).
    response: {
      frames: [
        { frame: 0, encoding: "rle", labels: "AgAAAAcAAAABAAAAAwAAAA==" },
        { frame: 1, encoding: "rle", labels: "BAAAAAMAAAA=" },
      ],
      label_map: { "3": "ground", "7": "building" },
    },
  },
];

export const lidarsegmentationTaskType = defineTaskType({
  id: "lidarsegmentation",
  title: "Lidar segmentation",
  description: "Label every point of a sequence of lidar point-cloud frames.",
  params: LidarSegmentationParamsSchema,
  response: LidarSegmentationResponseSchema,
  checkResponse: checkLidarSegmentationResponse,
  placeholderResponse: placeholderLidarSegmentationResponse,
  consolidate: consolidateLidarSegmentation,
  scoreAgainstGold: scoreLidarSegmentation,
  examples: LIDARSEGMENTATION_EXAMPLES,
});
