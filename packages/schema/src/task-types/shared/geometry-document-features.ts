import { z } from "zod";

/** Scale's feature types and ContentFlag values (document-transcription and content-flag docs). */
export const DOCUMENT_FEATURE_TYPES = ["text", "block", "group"] as const;
export const CONTENT_FLAGS = [
  "line",
  "key",
  "value",
  "thead",
  "tbody",
  "date",
  "money",
  "checkbox",
  "region",
  "query",
  "span",
] as const;
export type ContentFlag = (typeof CONTENT_FLAGS)[number];

export type DocumentFeature = {
  type: (typeof DOCUMENT_FEATURE_TYPES)[number];
  label?: string | undefined;
  title?: string | undefined;
  description?: string | undefined;
  flags?: ContentFlag[] | undefined;
  fields?: { key: string; description?: string | undefined }[] | undefined;
  features?: DocumentFeature[] | undefined;
};

/**
 * `text` and `block` features are labels annotations use; a `group` only has a `title` and
 * nests features (its children's labels are usable, the group's title is not). `fields` (the
 * keys a key/value feature expects) is our addition.
 */
export const DocumentFeatureSchema: z.ZodType<DocumentFeature> = z.lazy(() =>
  z
    .looseObject({
      type: z.enum(DOCUMENT_FEATURE_TYPES, {
        error: `must be one of ${DOCUMENT_FEATURE_TYPES.join(", ")}`,
      }),
      label: z.string().min(1, { error: "must not be empty" }).optional(),
      title: z.string().optional(),
      description: z.string().optional(),
      flags: z
        .array(z.enum(CONTENT_FLAGS, { error: `must be one of ${CONTENT_FLAGS.join(", ")}` }))
        .optional(),
      fields: z
        .array(
          z.looseObject({
            key: z.string().min(1, { error: "must not be empty" }),
            description: z.string().optional(),
          }),
        )
        .optional(),
      features: z.array(DocumentFeatureSchema).optional(),
    })
    .superRefine((feature, ctx) => {
      if (feature.type === "group" && feature.title === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["title"],
          message: "is required for a group feature",
        });
      }
      if (feature.type !== "group" && feature.label === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["label"],
          message: `is required for a ${feature.type} feature`,
        });
      }
    }),
);

/** Every labelled feature, groups flattened. */
export const featureLabels = (
  features: readonly DocumentFeature[],
): Map<string, DocumentFeature> => {
  const labels = new Map<string, DocumentFeature>();
  const visit = (list: readonly DocumentFeature[]) => {
    for (const feature of list) {
      if (feature.type !== "group" && feature.label !== undefined)
        labels.set(feature.label, feature);
      visit(feature.features ?? []);
    }
  };
  visit(features);
  return labels;
};

export type DocumentParamsBase = {
  attachments?: string[] | undefined;
  attachment?: string | undefined;
  page_count?: number | undefined;
  features: DocumentFeature[];
};

/** The most pages a PDF may have: one task is labelled by one Tasker, page by page. */
export const MAX_PDF_PAGES = 2000;

const IMAGE_PATH = /\.(png|jpe?g|gif|webp)$/i;

/**
 * How many pages a document has, when that is known: `attachments` are one image per page; a
 * single `attachment` has `page_count` pages (taskforge records it when it reads an uploaded
 * PDF), or one page when its URL names an image. Otherwise (a PDF, or a URL that names no kind)
 * the count is unknown and pages are only checked to be non-negative.
 */
export const pageCountOf = (params: DocumentParamsBase): number | undefined => {
  if (params.attachments !== undefined) return params.attachments.length;
  if (params.page_count !== undefined) return params.page_count;
  const path = (params.attachment ?? "").split(/[?#]/)[0] ?? "";
  return IMAGE_PATH.test(path) ? 1 : undefined;
};

/**
 * Whether a single attachment is shown as a PDF: a page count was recorded for it, or its URL
 * names a PDF. Others are shown as an image first (a PDF behind a URL that does not say so is
 * then tried as a PDF when it does not load as an image).
 */
export const isPdfAttachment = (params: DocumentParamsBase): boolean => {
  if (params.attachments !== undefined || params.attachment === undefined) return false;
  if (params.page_count !== undefined) return true;
  const path = params.attachment.split(/[?#]/)[0] ?? "";
  return path.toLowerCase().endsWith(".pdf");
};
