import { z } from "zod";

import { TimestampSchema } from "./common";
import { BaseUrlSchema } from "./files";
import { TaskListQuerySchema } from "./task-list";

/**
 * Export formats. `jsonl` and `csv` take any task; the others read one task type's response:
 * COCO, YOLO (boxes or segmentation polygons), Pascal VOC, CVAT for images 1.1 and Label Studio
 * JSON image annotations, CoNLL and JSON spans named entities, per-point label files lidar
 * segmentation, PNG masks segment annotation.
 */
export const EXPORT_FORMATS = [
  "jsonl",
  "csv",
  "coco",
  "yolo",
  "yolo_seg",
  "voc",
  "cvat",
  "label_studio",
  "conll",
  "ner_json",
  "lidar_labels",
  "masks_png",
] as const;
export const ExportFormatSchema = z.enum(EXPORT_FORMATS, {
  error: `must be one of ${EXPORT_FORMATS.join(", ")}`,
});
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

/** The task type a format reads, or null when it takes every type. */
export const EXPORT_FORMAT_TASK_TYPE: Record<ExportFormat, string | null> = {
  jsonl: null,
  csv: null,
  coco: "imageannotation",
  yolo: "imageannotation",
  yolo_seg: "imageannotation",
  voc: "imageannotation",
  cvat: "imageannotation",
  label_studio: "imageannotation",
  conll: "namedentityrecognition",
  ner_json: "namedentityrecognition",
  lidar_labels: "lidarsegmentation",
  masks_png: "segmentannotation",
};

/** Human names for the dashboard's format select. */
export const EXPORT_FORMAT_LABELS: Record<ExportFormat, string> = {
  jsonl: "JSON Lines (task objects)",
  csv: "CSV (one column per field)",
  coco: "COCO JSON (image annotation)",
  yolo: "YOLO zip (image annotation boxes)",
  yolo_seg: "YOLO segmentation zip (image annotation polygons)",
  voc: "Pascal VOC zip (image annotation boxes)",
  cvat: "CVAT for images 1.1 XML zip (image annotation)",
  label_studio: "Label Studio JSON (image annotation)",
  conll: "CoNLL BIO (named entities)",
  ner_json: "JSON spans (named entities)",
  lidar_labels: "Per-point label files zip (lidar)",
  masks_png: "PNG masks zip (segmentation)",
};

/** The task list filters of `GET /v1/tasks`, without paging. */
export const ExportFiltersSchema = TaskListQuerySchema.omit({
  limit: true,
  next_token: true,
  offset: true,
});
export type ExportFilters = z.output<typeof ExportFiltersSchema>;
export type ExportFiltersInput = z.input<typeof ExportFiltersSchema>;

/** The formats that reference images, and so can carry them (`media`). */
export const MEDIA_EXPORT_FORMATS = [
  "coco",
  "yolo",
  "yolo_seg",
  "voc",
  "cvat",
  "label_studio",
] as const satisfies readonly ExportFormat[];

export const exportCarriesMedia = (format: ExportFormat): boolean =>
  (MEDIA_EXPORT_FORMATS as readonly ExportFormat[]).includes(format);

/**
 * How an image format delivers its images: `urls` (default) names each image by an absolute URL a
 * training job can download (uploads: a signed `/files/<id>` link valid for 7 days), `include`
 * puts the images themselves in the zip archive under `images/`.
 */
export const EXPORT_MEDIA = ["urls", "include"] as const;
export const ExportMediaSchema = z.enum(EXPORT_MEDIA, {
  error: `must be one of ${EXPORT_MEDIA.join(", ")}`,
});
export type ExportMedia = z.infer<typeof ExportMediaSchema>;

export const CreateExportInputSchema = z
  .object({
    format: ExportFormatSchema,
    filters: ExportFiltersSchema.default(() => ExportFiltersSchema.parse({})),
    media: ExportMediaSchema.default("urls"),
    /** The origin download URLs point at (REST fills in the one the client called). */
    base_url: BaseUrlSchema,
  })
  .superRefine((input, context) => {
    if (input.media === "include" && !exportCarriesMedia(input.format)) {
      context.addIssue({
        code: "custom",
        path: ["media"],
        message: `include needs an image format (${MEDIA_EXPORT_FORMATS.join(", ")}), not ${input.format}`,
      });
    }
    if (input.media === "urls" && exportCarriesMedia(input.format) && !input.base_url) {
      context.addIssue({
        code: "custom",
        path: ["base_url"],
        message: "is required to write absolute image URLs (or set media to include)",
      });
    }
  });
export type CreateExportInput = z.output<typeof CreateExportInputSchema>;

/** What the runner needs besides the filters, kept with the job. */
export const ExportOptionsSchema = z.object({
  media: ExportMediaSchema.default("urls"),
  base_url: BaseUrlSchema,
});
export type ExportOptions = z.output<typeof ExportOptionsSchema>;

export const ExportIdInputSchema = z.object({ id: z.uuid({ error: "must be an export id" }) });

export const EXPORT_JOB_STATUSES = ["queued", "running", "completed", "failed"] as const;
export const ExportJobStatusSchema = z.enum(EXPORT_JOB_STATUSES);
export type ExportJobStatus = z.infer<typeof ExportJobStatusSchema>;

export const ExportJobSchema = z.object({
  id: z.string(),
  format: ExportFormatSchema,
  status: ExportJobStatusSchema,
  /** Tasks read so far (written or skipped). */
  processed: z.int().nonnegative(),
  /** Tasks matching the filters, once the export has started. */
  total: z.int().nonnegative().nullable(),
  /** Of those read, how many the format had to leave out (no response, no image size…). */
  skipped: z.int().nonnegative(),
  /** Why they were left out: each reason with its count. */
  skip_reasons: z.array(z.object({ reason: z.string(), count: z.int().positive() })),
  media: ExportMediaSchema.nullable(),
  size_bytes: z.int().nonnegative().nullable(),
  error: z.string().nullable(),
  created_at: TimestampSchema,
  finished_at: TimestampSchema.nullable(),
  /** `/v1/exports/<id>/download` once completed. */
  download_path: z.string().nullable(),
});
export type ExportJob = z.infer<typeof ExportJobSchema>;

export const ExportListInputSchema = z.object({
  limit: z.int().min(1).max(100).default(50),
});

export const ExportListResponseSchema = z.object({ docs: z.array(ExportJobSchema) });
export type ExportListResponse = z.infer<typeof ExportListResponseSchema>;
