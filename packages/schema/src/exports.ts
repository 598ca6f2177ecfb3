import { z } from "zod";

import { TimestampSchema } from "./common";
import { TaskListQuerySchema } from "./task-list";

/**
 * Export formats. `jsonl` and `csv` take any task; the others read one task type's response:
 * COCO, YOLO and Pascal VOC image annotations, CoNLL and JSON spans named entities, per-point
 * label files lidar segmentation, PNG masks segment annotation.
 */
export const EXPORT_FORMATS = [
  "jsonl",
  "csv",
  "coco",
  "yolo",
  "voc",
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
  voc: "imageannotation",
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
  voc: "Pascal VOC zip (image annotation boxes)",
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

export const CreateExportInputSchema = z.object({
  format: ExportFormatSchema,
  filters: ExportFiltersSchema.default(() => ExportFiltersSchema.parse({})),
});
export type CreateExportInput = z.output<typeof CreateExportInputSchema>;

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
