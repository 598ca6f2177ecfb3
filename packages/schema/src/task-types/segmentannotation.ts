import { z } from "zod";

import { requiredFieldError } from "../common";
import type { ConsolidationResult } from "./definition";
import { defineTaskType } from "./definition";
import { prefixIssues } from "./issues";
import type { ResponseIssue } from "./issues";
import {
  indexLabels,
  LabelListSchema,
  labelTreeIssues,
  leafLabelProblem,
} from "./shared/geometry-labels";
import { ImageUrlSchema, PixelSizeSchema } from "./shared/image-attachment";
import { consolidateMasks, pixelAccuracy } from "./shared/mask-consolidate";
import type { LabeledMask } from "./shared/mask-consolidate";
import { decodeRuns, encodeRuns } from "./shared/mask-rle";
import type { MaskRun } from "./shared/mask-rle";
import { segmentAnnotationExamples } from "./shared/mask-examples";

export { decodeMask, encodeMask } from "./shared/mask-rle";
export type { MaskRle } from "./shared/mask-rle";

/** 8192×8192: a decoded mask (4 bytes a pixel) stays within 256 MB in a browser tab. */
export const MAX_MASK_PIXELS = 8192 * 8192;

/**
 * Our compact response, not Scale's. Scale answers with URLs of PNG files
 * (`{annotations: {unlabeled, labeled: {label: url}, combined: {image, indexedImage}},
 * labelMapping: {label: {index, color}}}`), which needs file storage to check or merge. Ours
 * carries the indexed image itself, run-length encoded (see shared/mask-rle.ts), and
 * `label_map` from index (a positive integer as a string) to label; index 0 is unlabeled.
 * An export to Scale's form renders `indexedImage` from the same runs.
 */
export const SegmentAnnotationResponseSchema = z.strictObject({
  mask: z.strictObject({
    width: PixelSizeSchema,
    height: PixelSizeSchema,
    encoding: z.literal("rle", { error: 'must be "rle"' }),
    data: z.string(requiredFieldError("a base64 string")),
  }),
  label_map: z.record(
    z.string().regex(/^[1-9][0-9]*$/, {
      error: "keys must be positive integers (index 0 means unlabeled)",
    }),
    z.string().min(1, { error: "must not be empty" }),
    requiredFieldError("an object of {index: label}"),
  ),
});
export type SegmentAnnotationResponse = z.output<typeof SegmentAnnotationResponseSchema>;

type SegmentParamsBase = {
  labels: z.output<typeof LabelListSchema>;
  allow_unlabeled: boolean;
  image_width: number;
  image_height: number;
};

const checkSegmentAnnotationResponse = (
  params: SegmentParamsBase,
  response: SegmentAnnotationResponse,
): ResponseIssue[] => {
  const issues: ResponseIssue[] = [];
  const labels = indexLabels(params.labels);
  for (const [index, label] of Object.entries(response.label_map)) {
    const problem = leafLabelProblem(label, labels, "a label of this task");
    if (problem !== undefined) issues.push({ path: ["label_map", index], message: problem });
  }
  const { mask } = response;
  if (mask.width !== params.image_width)
    issues.push({
      path: ["mask", "width"],
      message: `must be the image_width, ${params.image_width}`,
    });
  if (mask.height !== params.image_height)
    issues.push({
      path: ["mask", "height"],
      message: `must be the image_height, ${params.image_height}`,
    });
  let runs: MaskRun[];
  try {
    runs = decodeRuns(mask.data);
  } catch (error) {
    return [
      ...issues,
      { path: ["mask", "data"], message: error instanceof Error ? error.message : String(error) },
    ];
  }
  const pixels = params.image_width * params.image_height;
  const covered = runs.reduce((sum, run) => sum + run.count, 0);
  if (covered !== pixels) {
    issues.push({
      path: ["mask", "data"],
      message: `runs cover ${covered} pixels; the image has ${params.image_width}×${params.image_height} = ${pixels}`,
    });
  }
  const unknown = [...new Set(runs.map((run) => run.index))].filter(
    (index) => index !== 0 && response.label_map[String(index)] === undefined,
  );
  if (unknown.length > 0) {
    issues.push({
      path: ["mask", "data"],
      message: `uses index ${unknown.slice(0, 5).join(", ")} with no entry in label_map`,
    });
  }
  const unlabeled = runs.reduce((sum, run) => (run.index === 0 ? sum + run.count : sum), 0);
  if (unlabeled > 0 && !params.allow_unlabeled) {
    issues.push({
      path: ["mask", "data"],
      message: `leaves ${unlabeled} pixels unlabeled (index 0), but allow_unlabeled is false`,
    });
  }
  return issues;
};

const segmentAnnotationParamsShape = {
  attachment: ImageUrlSchema,
  attachment_type: z.literal("image", { error: 'must be "image"' }).optional(),
  labels: LabelListSchema,
  allow_unlabeled: z.boolean().default(false),
  image_width: PixelSizeSchema,
  image_height: PixelSizeSchema,
  hypothesis: SegmentAnnotationResponseSchema.optional(),
};

/** The rules between params: labels form a tree, the image is not too large, a hypothesis fits it. */
const segmentParamsIssues = (
  params: Omit<SegmentParamsBase, "image_width" | "image_height"> & {
    image_width?: number | undefined;
    image_height?: number | undefined;
    hypothesis?: SegmentAnnotationResponse | undefined;
  },
): ResponseIssue[] => {
  const issues = labelTreeIssues(params.labels, ["labels"]);
  const { image_width: width, image_height: height } = params;
  // Without a size (it is read from the image later), the stored params are checked again then.
  if (width === undefined || height === undefined) return issues;
  if (width * height > MAX_MASK_PIXELS) {
    issues.push({
      path: ["image_width"],
      message: `image_width × image_height must be at most ${MAX_MASK_PIXELS} pixels`,
    });
  } else if (params.hypothesis !== undefined) {
    const sized = { ...params, image_width: width, image_height: height };
    issues.push(
      ...prefixIssues(["hypothesis"], checkSegmentAnnotationResponse(sized, params.hypothesis)),
    );
  }
  return issues;
};

/**
 * The params as stored: `image_width`/`image_height` are always there, so a mask's size can be
 * checked without downloading the attachment. `instance_labels` (legacy) is kept but not
 * interpreted: several indices may map to one label, and consensus compares labels.
 */
export const SegmentAnnotationParamsSchema = z
  .looseObject(segmentAnnotationParamsShape)
  .superRefine((params, ctx) => {
    for (const issue of segmentParamsIssues(params)) ctx.addIssue({ code: "custom", ...issue });
  });

const givenWithout = (given: string, missing: string) => ({
  path: [missing],
  message: `is required when ${given} is given (or leave both out to have the image size read from attachment)`,
});

/**
 * The params as a caller sends them: Scale does not ask for the image size, so it may be left out
 * (the server reads it from the attachment); given, both dimensions go together.
 */
export const SegmentAnnotationParamsInputSchema = z
  .looseObject({
    ...segmentAnnotationParamsShape,
    image_width: PixelSizeSchema.optional().describe(
      "Width in pixels; when both sizes are left out, read from the attachment's image.",
    ),
    image_height: PixelSizeSchema.optional().describe(
      "Height in pixels; when both sizes are left out, read from the attachment's image.",
    ),
  })
  .superRefine((params, ctx) => {
    const issues = segmentParamsIssues(params);
    const { image_width: width, image_height: height } = params;
    if (width !== undefined && height === undefined)
      issues.push(givenWithout("image_width", "image_height"));
    if (width === undefined && height !== undefined)
      issues.push(givenWithout("image_height", "image_width"));
    for (const issue of issues) ctx.addIssue({ code: "custom", ...issue });
  });
export type SegmentAnnotationParams = z.output<typeof SegmentAnnotationParamsSchema>;

/** Test mode: the hypothesis, else every pixel labelled with the first selectable label. */
const placeholderSegmentAnnotationResponse = (
  params: SegmentAnnotationParams,
): SegmentAnnotationResponse => {
  if (params.hypothesis !== undefined) return params.hypothesis;
  const label = indexLabels(params.labels).leaves[0] ?? "";
  const pixels = params.image_width * params.image_height;
  return {
    mask: {
      width: params.image_width,
      height: params.image_height,
      encoding: "rle",
      data: encodeRuns([{ count: pixels, index: 1 }]),
    },
    label_map: { "1": label },
  };
};

const labeledMask = (response: SegmentAnnotationResponse): LabeledMask => ({
  runs: decodeRuns(response.mask.data),
  labelMap: response.label_map,
});

/**
 * Per-pixel plurality vote over labels (ties to the lowest output index, reported). Agreement:
 * mean pairwise pixel accuracy; gold: pixel accuracy. Mean IoU per label would weigh small
 * objects more, but pixel accuracy is what the review page can explain in one number.
 */
const consolidateSegmentAnnotation = (
  params: SegmentAnnotationParams,
  responses: readonly SegmentAnnotationResponse[],
): ConsolidationResult<SegmentAnnotationResponse> => {
  const masks = responses.map(labeledMask);
  const merged = consolidateMasks(masks, indexLabels(params.labels).leaves);
  let sum = 0;
  let pairs = 0;
  masks.forEach((a, i) =>
    masks.slice(i + 1).forEach((b) => ((sum += pixelAccuracy(a, b)), (pairs += 1))),
  );
  return {
    response: {
      mask: {
        width: params.image_width,
        height: params.image_height,
        encoding: "rle",
        data: encodeRuns(merged.runs),
      },
      label_map: merged.labelMap,
    },
    agreement: pairs === 0 ? 1 : sum / pairs,
    tied: merged.tiedPixels > 0,
    notes:
      merged.tiedPixels > 0
        ? [`${merged.tiedPixels} pixels were tied; each went to the label with the lowest index`]
        : [],
  };
};

const scoreSegmentAnnotation = (
  _params: SegmentAnnotationParams,
  response: SegmentAnnotationResponse,
  gold: SegmentAnnotationResponse,
): number => pixelAccuracy(labeledMask(response), labeledMask(gold));

export const segmentannotationTaskType = defineTaskType({
  id: "segmentannotation",
  title: "Semantic segmentation",
  description: "Label every pixel of an image with one of the task's labels.",
  params: SegmentAnnotationParamsSchema,
  inputParams: SegmentAnnotationParamsInputSchema,
  imageSizeFrom: { attachment: "attachment", width: "image_width", height: "image_height" },
  response: SegmentAnnotationResponseSchema,
  checkResponse: checkSegmentAnnotationResponse,
  placeholderResponse: placeholderSegmentAnnotationResponse,
  consolidate: consolidateSegmentAnnotation,
  scoreAgainstGold: scoreSegmentAnnotation,
  examples: segmentAnnotationExamples,
});
