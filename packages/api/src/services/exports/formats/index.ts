import type { ExportFormat, ExportOptions } from "@taskforge/schema";

import { openCocoWriter } from "./coco";
import { openCvatWriter } from "./cvat";
import { openLidarLabelsWriter, openMasksPngWriter } from "./dense";
import { openLabelStudioWriter } from "./label-studio";
import { openConllWriter, openNerJsonWriter } from "./ner";
import { openCsvWriter, openJsonlWriter } from "./tabular";
import { openVocWriter, openYoloSegWriter, openYoloWriter } from "./boxes";
import type { ExportFileType, ExportFormatSpecs } from "./types";

export type { ExportImage, ExportWriter, SkipNote } from "./types";

const ZIP = "application/zip";
const ZIPPED: ExportFileType = { extension: "zip", contentType: ZIP };

/** File extension, Content-Type and writer of every format. */
export const exportFormats: ExportFormatSpecs = {
  jsonl: { extension: "jsonl", contentType: "application/x-ndjson", open: openJsonlWriter },
  csv: { extension: "csv", contentType: "text/csv; charset=utf-8", open: openCsvWriter },
  coco: {
    extension: "json",
    contentType: "application/json",
    withMedia: ZIPPED,
    open: openCocoWriter,
  },
  yolo: { ...ZIPPED, open: openYoloWriter },
  yolo_seg: { ...ZIPPED, open: openYoloSegWriter },
  voc: { ...ZIPPED, open: openVocWriter },
  cvat: { ...ZIPPED, open: openCvatWriter },
  label_studio: {
    extension: "json",
    contentType: "application/json",
    withMedia: ZIPPED,
    open: openLabelStudioWriter,
  },
  conll: { extension: "conll", contentType: "text/plain; charset=utf-8", open: openConllWriter },
  ner_json: { extension: "json", contentType: "application/json", open: openNerJsonWriter },
  lidar_labels: { ...ZIPPED, open: openLidarLabelsWriter },
  masks_png: { ...ZIPPED, open: openMasksPngWriter },
};

/** The file an export job writes: a zip when it includes its images. */
export const exportFileType = (format: ExportFormat, options: ExportOptions): ExportFileType => {
  const spec = exportFormats[format];
  return options.media === "include" && spec.withMedia
    ? spec.withMedia
    : { extension: spec.extension, contentType: spec.contentType };
};
