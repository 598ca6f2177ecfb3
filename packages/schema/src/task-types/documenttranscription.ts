import { z } from "zod";

import { requiredFieldError } from "../common";
import { defineTaskType } from "./definition";
import { prefixIssues } from "./issues";
import { checkDocumentTranscriptionResponse } from "./shared/geometry-document-check";
import {
  consolidateDocumentTranscription,
  scoreDocumentTranscription,
} from "./shared/geometry-document-consolidate";
import { documentTranscriptionExamples } from "./shared/geometry-document-examples";
import {
  featureLabels,
  DocumentFeatureSchema,
  MAX_PDF_PAGES,
} from "./shared/geometry-document-features";
import type { DocumentFeature } from "./shared/geometry-document-features";
import { ImageUrlSchema } from "./shared/image-attachment";

export {
  CONTENT_FLAGS,
  DOCUMENT_FEATURE_TYPES,
  DocumentFeatureSchema,
  featureLabels,
  isPdfAttachment,
  MAX_PDF_PAGES,
  pageCountOf,
} from "./shared/geometry-document-features";
export type { ContentFlag, DocumentFeature } from "./shared/geometry-document-features";

/**
 * Scale's response, field for field: each annotation is a located, labelled piece of text on a
 * page (0-based, as Scale's `"page": 0` is the first page; editors show 1-based numbers), with `refs` to related annotations. The optional answers a feature's flags
 * enable are `key`/`value` (key, value), `money` (money), `date` (date) and our `checked`
 * (checkbox); checkResponse refuses them on features without the flag.
 */
export const DocumentAnnotationSchema = z.strictObject({
  uuid: z.string(requiredFieldError("a string")).min(1, { error: "must not be empty" }),
  page: z
    .int({ error: "must be a whole page index (0 = first page)" })
    .min(0, { error: "must not be negative" }),
  label: z.string(requiredFieldError("a string")).min(1, { error: "must not be empty" }),
  text: z.string(requiredFieldError("a string")),
  location: z.strictObject({
    type: z.literal("box", { error: 'must be "box"' }),
    top: z.number(requiredFieldError("a number")),
    left: z.number(requiredFieldError("a number")),
    width: z.number(requiredFieldError("a number")),
    height: z.number(requiredFieldError("a number")),
  }),
  /** uuids of related annotations (a value's key, a row's cells). */
  refs: z.array(z.string()).optional(),
  key: z.string().optional(),
  value: z.string().optional(),
  /** Scale returns money as an object (`{amount, parsed…}`); kept as given. */
  money: z.looseObject({}).optional(),
  date: z.string().optional(),
  checked: z.boolean().optional(),
});
export type DocumentAnnotation = z.output<typeof DocumentAnnotationSchema>;

export const DocumentTranscriptionResponseSchema = z.strictObject({
  annotations: z.array(DocumentAnnotationSchema, requiredFieldError("an array of annotations")),
});
export type DocumentTranscriptionResponse = z.output<typeof DocumentTranscriptionResponseSchema>;

export const DocumentTranscriptionParamsSchema = z
  .looseObject({
    attachments: z
      .array(ImageUrlSchema, { error: "must be an array of page image URLs" })
      .min(1, { error: "must have at least 1 page" })
      .optional(),
    /** An image or a PDF. */
    attachment: ImageUrlSchema.optional(),
    /**
     * The pages of a PDF `attachment`: recorded by taskforge when it reads an uploaded PDF (and
     * may be given), so responses' pages are checked against it.
     */
    page_count: z
      .int({ error: "must be a whole number of pages" })
      .min(1, { error: "must be at least 1" })
      .max(MAX_PDF_PAGES, { error: `must be at most ${MAX_PDF_PAGES}` })
      .optional(),
    features: z
      .array(DocumentFeatureSchema, requiredFieldError("an array of features"))
      .min(1, { error: "must have at least 1 feature" }),
    /** Scale also offers "polygon" (rotated rectangles); our locations are boxes only. */
    geometry: z
      .literal("box", { error: 'must be "box" (polygon locations are not supported)' })
      .optional(),
    lang: z.string().optional(),
    hypothesis: DocumentTranscriptionResponseSchema.optional(),
  })
  .superRefine((params, ctx) => {
    if ((params.attachments === undefined) === (params.attachment === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["attachments"],
        message: "give either attachments (page images) or attachment, exactly one",
      });
    }
    if (
      params.attachments !== undefined &&
      params.page_count !== undefined &&
      params.page_count !== params.attachments.length
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["page_count"],
        message: `must be the number of attachments (${params.attachments.length}) when pages are images`,
      });
    }
    const seen = new Set<string>();
    const visit = (list: readonly DocumentFeature[], path: (string | number)[]) =>
      list.forEach((feature, i) => {
        if (feature.label !== undefined && feature.type !== "group") {
          if (seen.has(feature.label))
            ctx.addIssue({
              code: "custom",
              path: [...path, i, "label"],
              message: `duplicate feature label "${feature.label}"`,
            });
          seen.add(feature.label);
        }
        visit(feature.features ?? [], [...path, i, "features"]);
      });
    visit(params.features, ["features"]);
    if (params.hypothesis !== undefined) {
      for (const issue of prefixIssues(
        ["hypothesis"],
        checkDocumentTranscriptionResponse(params, params.hypothesis),
      )) {
        ctx.addIssue({ code: "custom", ...issue });
      }
    }
  });
export type DocumentTranscriptionParams = z.output<typeof DocumentTranscriptionParamsSchema>;

/** Test mode: the hypothesis when given, else one empty-text block of the first feature. */
const placeholderDocumentTranscriptionResponse = (
  params: DocumentTranscriptionParams,
): DocumentTranscriptionResponse => {
  if (params.hypothesis !== undefined) return params.hypothesis;
  const label = [...featureLabels(params.features).keys()][0];
  if (label === undefined) return { annotations: [] };
  return {
    annotations: [
      {
        uuid: "placeholder-1",
        page: 0,
        label,
        text: "",
        location: { type: "box", top: 0, left: 0, width: 10, height: 10 },
      },
    ],
  };
};

export const documenttranscriptionTaskType = defineTaskType({
  id: "documenttranscription",
  title: "Document transcription",
  description:
    "Locate the requested fields and blocks on each page of a document and transcribe their text.",
  params: DocumentTranscriptionParamsSchema,
  response: DocumentTranscriptionResponseSchema,
  checkResponse: checkDocumentTranscriptionResponse,
  placeholderResponse: placeholderDocumentTranscriptionResponse,
  consolidate: consolidateDocumentTranscription,
  scoreAgainstGold: scoreDocumentTranscription,
  examples: documentTranscriptionExamples,
});
