import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";

import { openFileSink } from "../sink";
import type { ExportMedia } from "@taskforge/schema";

import {
  boundsOf,
  boxCorners,
  ellipsePolygon,
  imageTaskOf,
  NO_RESPONSE,
  NO_SIZE,
  pointOf,
  polygonArea,
  round,
  verticesOf,
} from "./geometry";
import type { Point } from "./geometry";
import { openDocumentTarget } from "./images";
import { LabelRegistry } from "./labels";
import type { ExportWriter } from "./types";

type CocoShape = {
  bbox: number[];
  area: number;
  segmentation: number[][];
  keypoints?: number[];
  num_keypoints?: number;
};

const flat = (points: readonly Point[]) => points.flatMap(([x, y]) => [round(x), round(y)]);

const polygonShape = (points: readonly Point[]): CocoShape => ({
  bbox: boundsOf(points).map((value) => round(value)),
  area: round(polygonArea(points)),
  segmentation: [flat(points)],
});

/**
 * COCO's shapes: boxes (rotated ones with their corner polygon), polygons and ellipses (as a
 * 32-gon) with a segmentation, points as single keypoints (visibility 2). Lines and cuboids have
 * no COCO form and are left out.
 */
export const cocoShape = (annotation: Record<string, unknown>): CocoShape | null => {
  switch (annotation.type) {
    case "box": {
      const corners = boxCorners(annotation);
      if (!corners) return null;
      const rotated = typeof annotation.rotation === "number" && annotation.rotation !== 0;
      const width = annotation.width as number;
      const height = annotation.height as number;
      return {
        bbox: boundsOf(corners).map((value) => round(value)),
        area: round(width * height),
        segmentation: rotated ? [flat(corners)] : [],
      };
    }
    case "polygon": {
      const points = verticesOf(annotation);
      return points.length >= 3 ? polygonShape(points) : null;
    }
    case "ellipse": {
      const points = ellipsePolygon(annotation);
      return points ? polygonShape(points) : null;
    }
    case "point": {
      const point = pointOf(annotation);
      if (!point) return null;
      return {
        bbox: [round(point[0]), round(point[1]), 0, 0],
        area: 0,
        segmentation: [],
        keypoints: [round(point[0]), round(point[1]), 2],
        num_keypoints: 1,
      };
    }
    default:
      return null;
  }
};

/**
 * One COCO JSON document. Images are written as tasks arrive (`file_name` `<task_id>.<ext>`,
 * `width`, `height`, and `coco_url` the absolute URL to download it from); annotations go to a
 * side file that is appended at the end, and categories (numbered from 1 as labels are first seen)
 * close the file. With `media: "include"` the export is a zip: `annotations/instances.json` and
 * the images under `images/` (COCO's `file_name` is relative to the images folder).
 */
export const openCocoWriter = async (
  path: string,
  { media }: { media: ExportMedia },
): Promise<ExportWriter> => {
  const target = await openDocumentTarget(path, {
    zipped: media === "include",
    media,
    name: "annotations/instances.json",
  });
  const sink = await openFileSink(target.documentPath);
  const sidePath = `${target.documentPath}.annotations`;
  const side = await openFileSink(sidePath);
  const labels = new LabelRegistry();
  const keypointLabels = new Set<string>();
  let imageId = 0;
  let annotationId = 0;
  await sink.write(
    `{"info":${JSON.stringify({ description: "taskforge export", date_created: new Date().toISOString() })},"licenses":[],"images":[`,
  );
  return {
    write: async (task, file) => {
      const image = imageTaskOf(task);
      if (!image) return NO_RESPONSE;
      if (!file) return NO_SIZE;
      for (const label of image.declaredLabels) labels.indexOf(label);
      const unreadable = (await target.images?.add(file)) ?? null;
      if (unreadable) return unreadable;
      imageId += 1;
      await sink.write(
        `${imageId > 1 ? "," : ""}\n${JSON.stringify({
          id: imageId,
          file_name: file.fileName,
          width: file.width,
          height: file.height,
          ...(file.url ? { coco_url: file.url } : {}),
          task_id: image.taskId,
        })}`,
      );
      for (const annotation of image.annotations) {
        const shape = cocoShape(annotation);
        const label = annotation.label;
        if (!shape || typeof label !== "string") continue;
        if (shape.keypoints) keypointLabels.add(label);
        annotationId += 1;
        await side.write(
          `${annotationId > 1 ? "," : ""}\n${JSON.stringify({
            id: annotationId,
            image_id: imageId,
            category_id: labels.indexOf(label) + 1,
            iscrowd: 0,
            ...shape,
            ...(typeof annotation.uuid === "string" ? { uuid: annotation.uuid } : {}),
            ...(annotation.attributes ? { attributes: annotation.attributes } : {}),
          })}`,
        );
      }
      return null;
    },
    finish: async (skipped) => {
      await side.close();
      await sink.write(`\n],"annotations":[`);
      for await (const chunk of createReadStream(sidePath)) await sink.write(chunk as Buffer);
      await rm(sidePath, { force: true });
      const categories = labels.names.map((name, index) => ({
        id: index + 1,
        name,
        supercategory: "",
        ...(keypointLabels.has(name) ? { keypoints: [name], skeleton: [] } : {}),
      }));
      await sink.write(`\n],"categories":${JSON.stringify(categories)}}\n`);
      await sink.close();
      await target.finish(skipped);
    },
    destroy: () => {
      side.destroy();
      sink.destroy();
      target.destroy();
      void rm(sidePath, { force: true });
    },
  };
};
