import { openZipSink } from "../sink";
import {
  axisAlignedBox,
  boxCorners,
  ellipsePolygon,
  imageTaskOf,
  NO_RESPONSE,
  NO_SIZE,
  skippedNote,
  verticesOf,
} from "./geometry";
import type { Point } from "./geometry";
import { imageFolder } from "./images";
import { LabelRegistry } from "./labels";
import type { ExportImage, ExportWriter } from "./types";
import type { ExportMedia } from "@taskforge/schema";

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));
const fixed = (value: number) => clamp01(value).toFixed(6);

/** A YOLO label line's numbers for one annotation, in pixels; null when YOLO has no form for it. */
type YoloShape = (annotation: Record<string, unknown>) => Point[] | null;

/** Detection: the box's centre and size (rotated boxes as their axis-aligned bounds). */
const detectionShape: YoloShape = (annotation) => {
  const box = axisAlignedBox(annotation);
  if (!box) return null;
  const [x, y, w, h] = box;
  return [
    [x + w / 2, y + h / 2],
    [w, h],
  ];
};

/** Segmentation: the outline of polygons, boxes (their corners) and ellipses (a 32-gon). */
const segmentShape: YoloShape = (annotation) => {
  switch (annotation.type) {
    case "polygon": {
      const points = verticesOf(annotation);
      return points.length >= 3 ? points : null;
    }
    case "box":
      return boxCorners(annotation);
    case "ellipse":
      return ellipsePolygon(annotation);
    default:
      return null;
  }
};

/** Ultralytics' dataset file: the class names by number, images and labels side by side. */
const dataYaml = (names: readonly string[]) =>
  [
    "path: .",
    "train: images",
    "val: images",
    "names:",
    ...names.map((name, index) => `  ${index}: ${JSON.stringify(name)}`),
    "",
  ].join("\n");

/**
 * YOLO (Ultralytics layout): `labels/<task_id>.txt` with one line per shape, `class` then its
 * coordinates normalized by the image size; `images/<task_id>.<ext>` beside it (or `images.txt`
 * with URLs); `classes.txt` (line n = class n) and `data.yaml`.
 */
const openYoloArchive =
  (shapeOf: YoloShape) =>
  async (path: string, { media }: { media: ExportMedia }): Promise<ExportWriter> => {
    const zip = await openZipSink(path);
    const images = imageFolder(zip, media);
    const labels = new LabelRegistry();
    return {
      write: async (task, image) => {
        const found = imageTaskOf(task);
        if (!found) return NO_RESPONSE;
        if (!image) return NO_SIZE;
        for (const label of found.declaredLabels) labels.indexOf(label);
        const lines = found.annotations.flatMap((annotation) => {
          const points = shapeOf(annotation);
          if (!points || typeof annotation.label !== "string") return [];
          const values = points.flatMap(([x, y]) => [x / image.width, y / image.height]);
          return [`${labels.indexOf(annotation.label)} ${values.map(fixed).join(" ")}\n`];
        });
        const unreadable = await images.add(image);
        if (unreadable) return unreadable;
        await zip.add(`labels/${found.taskId}.txt`, lines.join(""));
        return null;
      },
      finish: async (skipped) => {
        await images.finish();
        await zip.add("classes.txt", labels.names.map((name) => `${name}\n`).join(""));
        await zip.add("data.yaml", dataYaml(labels.names));
        if (skipped.length) await zip.add("skipped.txt", skippedNote(skipped));
        await zip.close();
      },
      destroy: () => zip.destroy(),
    };
  };

export const openYoloWriter = openYoloArchive(detectionShape);
export const openYoloSegWriter = openYoloArchive(segmentShape);

export const xmlEscape = (text: string) =>
  text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");

const vocXml = (image: ExportImage, path: string, objects: string[]) =>
  [
    "<annotation>",
    "  <folder>images</folder>",
    `  <filename>${xmlEscape(image.fileName)}</filename>`,
    `  <path>${xmlEscape(image.url ?? path)}</path>`,
    "  <source><database>taskforge</database></source>",
    "  <size>",
    `    <width>${image.width}</width>`,
    `    <height>${image.height}</height>`,
    "    <depth>3</depth>",
    "  </size>",
    "  <segmented>0</segmented>",
    ...objects,
    "</annotation>",
    "",
  ].join("\n");

/**
 * Pascal VOC: `Annotations/<task_id>.xml` per image with its `<size>`, one `<object>` per box with
 * integer pixel `<bndbox>` (rounded; VOC tools expect whole pixels); `<path>` is the image's URL
 * (or its path in the archive when images are included under `images/`).
 */
export const openVocWriter = async (
  path: string,
  { media }: { media: ExportMedia },
): Promise<ExportWriter> => {
  const zip = await openZipSink(path);
  const images = imageFolder(zip, media);
  const labels = new LabelRegistry();
  return {
    write: async (task, image) => {
      const found = imageTaskOf(task);
      if (!found) return NO_RESPONSE;
      if (!image) return NO_SIZE;
      const objects = found.annotations.flatMap((annotation) => {
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
      const unreadable = await images.add(image);
      if (unreadable) return unreadable;
      await zip.add(
        `Annotations/${found.taskId}.xml`,
        vocXml(image, images.pathOf(image), objects),
      );
      return null;
    },
    finish: async (skipped) => {
      await images.finish();
      await zip.add("labels.txt", labels.names.map((name) => `${name}\n`).join(""));
      if (skipped.length) await zip.add("skipped.txt", skippedNote(skipped));
      await zip.close();
    },
    destroy: () => zip.destroy(),
  };
};
