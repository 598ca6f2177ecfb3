import { decodeLabels, decodeMask, isRecord } from "@taskforge/schema";
import { PNG } from "pngjs";

import { openZipSink } from "../sink";
import { NO_RESPONSE, skippedNote } from "./geometry";
import { LabelRegistry, leafLabels } from "./labels";
import type { ExportWriter } from "./types";

/**
 * Both dense formats renumber labels for the whole export: a response's own `label_map` indices
 * become the export's (1, 2, … as labels are first seen; 0 stays unlabeled), listed in
 * `labels.json` as `{"0": "unlabeled", "1": "road", …}`.
 */
const labelsJson = (labels: LabelRegistry) =>
  `${JSON.stringify(
    Object.fromEntries([
      ["0", "unlabeled"],
      ...labels.names.map((name, index) => [String(index + 1), name]),
    ]),
    null,
    2,
  )}\n`;

/** Response index → export index, from a response's `label_map` ({"3": "road"}). */
const remapOf = (labelMap: unknown, labels: LabelRegistry): Map<number, number> => {
  const remap = new Map<number, number>([[0, 0]]);
  if (isRecord(labelMap)) {
    for (const [index, name] of Object.entries(labelMap)) {
      if (typeof name === "string") remap.set(Number(index), labels.indexOf(name) + 1);
    }
  }
  return remap;
};

const declaredNames = (labels: unknown): string[] =>
  Array.isArray(labels)
    ? labels.flatMap((label: unknown) =>
        isRecord(label) && typeof label.name === "string" ? [label.name] : leafLabels([label]),
      )
    : [];

/**
 * Lidar: `<task_id>/frame-<n>.label` per frame, one little-endian uint32 label index per point in
 * point order (the SemanticKITTI `.label` layout), decoded from the response's run-length
 * encoding; plus `labels.json`.
 */
export const openLidarLabelsWriter = async (path: string): Promise<ExportWriter> => {
  const zip = await openZipSink(path);
  const labels = new LabelRegistry();
  return {
    write: async (task) => {
      const frames = task.response?.frames;
      if (!Array.isArray(frames)) return NO_RESPONSE;
      for (const name of declaredNames(task.params.labels)) labels.indexOf(name);
      const remap = remapOf(task.response?.label_map, labels);
      for (const frame of frames.filter(isRecord)) {
        if (typeof frame.labels !== "string" || typeof frame.frame !== "number") continue;
        const points = decodeLabels(frame.labels);
        const out = new Uint32Array(points.length);
        for (let i = 0; i < points.length; i += 1) out[i] = remap.get(points[i] ?? 0) ?? 0;
        // Uint32Array is host-endian; every platform Node runs on is little-endian, checked below.
        await zip.add(`${task.task_id}/frame-${frame.frame}.label`, new Uint8Array(out.buffer));
      }
      return null;
    },
    finish: async (skipped) => {
      await zip.add("labels.json", labelsJson(labels));
      if (skipped.length) await zip.add("skipped.txt", skippedNote(skipped));
      await zip.close();
    },
    destroy: () => zip.destroy(),
  };
};

if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) {
  throw new Error("lidar label export assumes a little-endian platform");
}

const MAX_PNG_INDEX = 255;

/**
 * Segmentation: `masks/<task_id>.png` per task, 8-bit grayscale where each pixel's value is its
 * export label index (0 unlabeled), decoded from the response's run-length mask; plus
 * `labels.json`. An export naming more than 255 labels leaves the tasks that need more out.
 */
export const openMasksPngWriter = async (path: string): Promise<ExportWriter> => {
  const zip = await openZipSink(path);
  const labels = new LabelRegistry();
  return {
    write: async (task) => {
      const mask = task.response?.mask;
      if (!isRecord(mask)) return NO_RESPONSE;
      const { width, height, data } = mask;
      if (typeof width !== "number" || typeof height !== "number" || typeof data !== "string") {
        return "the response's mask is not {width, height, data}";
      }
      for (const name of leafLabels(task.params.labels)) labels.indexOf(name);
      const remap = remapOf(task.response?.label_map, labels);
      if (labels.names.length > MAX_PNG_INDEX) {
        return `the export has more than ${MAX_PNG_INDEX} labels, more than an 8-bit PNG holds`;
      }
      const pixels = decodeMask({ width, height, data });
      const png = new PNG({ width, height, colorType: 0, inputColorType: 0, inputHasAlpha: false });
      const gray = Buffer.alloc(width * height);
      for (let i = 0; i < pixels.length; i += 1) gray[i] = remap.get(pixels[i] ?? 0) ?? 0;
      png.data = gray;
      const encoded = PNG.sync.write(png, {
        colorType: 0,
        inputColorType: 0,
        inputHasAlpha: false,
        bitDepth: 8,
      });
      await zip.add(`masks/${task.task_id}.png`, encoded, { stored: true });
      return null;
    },
    finish: async (skipped) => {
      await zip.add("labels.json", labelsJson(labels));
      if (skipped.length) await zip.add("skipped.txt", skippedNote(skipped));
      await zip.close();
    },
    destroy: () => zip.destroy(),
  };
};
