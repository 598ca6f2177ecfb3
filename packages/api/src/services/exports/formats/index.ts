import { openCocoWriter } from "./coco";
import { openLidarLabelsWriter, openMasksPngWriter } from "./dense";
import { openConllWriter, openNerJsonWriter } from "./ner";
import { openCsvWriter, openJsonlWriter } from "./tabular";
import { openVocWriter, openYoloWriter } from "./boxes";
import type { ExportFormatSpecs } from "./types";

export type { ExportWriter, SkipNote } from "./types";

const ZIP = "application/zip";

/** File extension, Content-Type and writer of every format. */
export const exportFormats: ExportFormatSpecs = {
  jsonl: { extension: "jsonl", contentType: "application/x-ndjson", open: openJsonlWriter },
  csv: { extension: "csv", contentType: "text/csv; charset=utf-8", open: openCsvWriter },
  coco: { extension: "json", contentType: "application/json", open: openCocoWriter },
  yolo: { extension: "zip", contentType: ZIP, open: openYoloWriter },
  voc: { extension: "zip", contentType: ZIP, open: openVocWriter },
  conll: { extension: "conll", contentType: "text/plain; charset=utf-8", open: openConllWriter },
  ner_json: { extension: "json", contentType: "application/json", open: openNerJsonWriter },
  lidar_labels: { extension: "zip", contentType: ZIP, open: openLidarLabelsWriter },
  masks_png: { extension: "zip", contentType: ZIP, open: openMasksPngWriter },
};
