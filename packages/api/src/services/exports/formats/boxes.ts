import { openZipSink } from "../sink";
import {
  axisAlignedBox,
  imageFileName,
  imageTaskOf,
  NO_RESPONSE,
  NO_SIZE,
  skippedNote,
} from "./geometry";
import { LabelRegistry } from "./labels";
import type { ExportWriter } from "./types";

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));
const fixed = (value: number) => clamp01(value).toFixed(6);

/**
 * YOLO: `labels/<task_id>.txt` with one `class cx cy w h` line per box, normalized by the image
 * size (so tasks without image_width/image_height in params are left out), `classes.txt` with one
 * label per line (line n = class n). Images are named by task id (`<task_id>.<ext>` of the image
 * URL). Only boxes are written (rotated boxes as their axis-aligned bounds).
 */
export const openYoloWriter = async (path: string): Promise<ExportWriter> => {
  const zip = await openZipSink(path);
  const labels = new LabelRegistry();
  return {
    write: async (task) => {
      const image = imageTaskOf(task);
      if (!image) return NO_RESPONSE;
      if (!image.size) return NO_SIZE;
      const { width, height } = image.size;
      for (const label of image.declaredLabels) labels.indexOf(label);
      const lines = image.annotations.flatMap((annotation) => {
        const box = axisAlignedBox(annotation);
        if (!box || typeof annotation.label !== "string") return [];
        const [x, y, w, h] = box;
        const values = [(x + w / 2) / width, (y + h / 2) / height, w / width, h / height];
        return [`${labels.indexOf(annotation.label)} ${values.map(fixed).join(" ")}\n`];
      });
      await zip.add(`labels/${image.taskId}.txt`, lines.join(""));
      return null;
    },
    finish: async (skipped) => {
      await zip.add("classes.txt", labels.names.map((name) => `${name}\n`).join(""));
      if (skipped.length) await zip.add("skipped.txt", skippedNote(skipped));
      await zip.close();
    },
    destroy: () => zip.destroy(),
  };
};

const xmlEscape = (text: string) =>
  text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");

/**
 * Pascal VOC: `Annotations/<task_id>.xml` per image, one `<object>` per box with integer pixel
 * `<bndbox>` (rounded; VOC tools expect whole pixels). `<size>` is written when params give it.
 */
export const openVocWriter = async (path: string): Promise<ExportWriter> => {
  const zip = await openZipSink(path);
  const labels = new LabelRegistry();
  return {
    write: async (task) => {
      const image = imageTaskOf(task);
      if (!image) return NO_RESPONSE;
      const objects = image.annotations.flatMap((annotation) => {
        const box = axisAlignedBox(annotation);
        if (!box || typeof annotation.label !== "string") return [];
        labels.indexOf(annotation.label);
        const [x, y, w, h] = box;
        return [
          [
            "  <object>",
            `    <name>${xmlEscape(annotation.label)}</name>`,
            "    <pose>Unspecified</pose>",
            "    <truncated>0</truncated>",
            "    <difficult>0</difficult>",
            "    <bndbox>",
            `      <xmin>${Math.round(x)}</xmin>`,
            `      <ymin>${Math.round(y)}</ymin>`,
            `      <xmax>${Math.round(x + w)}</xmax>`,
            `      <ymax>${Math.round(y + h)}</ymax>`,
            "    </bndbox>",
            "  </object>",
          ].join("\n"),
        ];
      });
      const size = image.size
        ? [
            "  <size>",
            `    <width>${image.size.width}</width>`,
            `    <height>${image.size.height}</height>`,
            "    <depth>3</depth>",
            "  </size>",
          ]
        : [];
      const xml = [
        "<annotation>",
        "  <folder>images</folder>",
        `  <filename>${xmlEscape(imageFileName(image))}</filename>`,
        `  <path>${xmlEscape(image.attachment)}</path>`,
        "  <source><database>taskforge</database></source>",
        ...size,
        "  <segmented>0</segmented>",
        ...objects,
        "</annotation>",
        "",
      ].join("\n");
      await zip.add(`Annotations/${image.taskId}.xml`, xml);
      return null;
    },
    finish: async (skipped) => {
      await zip.add("labels.txt", labels.names.map((name) => `${name}\n`).join(""));
      if (skipped.length) await zip.add("skipped.txt", skippedNote(skipped));
      await zip.close();
    },
    destroy: () => zip.destroy(),
  };
};
