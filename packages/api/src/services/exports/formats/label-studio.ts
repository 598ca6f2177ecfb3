import type { ExportMedia } from "@taskforge/schema";

import { openFileSink } from "../sink";
import {
  boxCorners,
  degrees,
  imageTaskOf,
  NO_RESPONSE,
  NO_SIZE,
  num,
  pointOf,
  round,
  verticesOf,
} from "./geometry";
import { openDocumentTarget } from "./images";
import type { ExportImage, ExportWriter } from "./types";

type Result = { type: string; value: Record<string, unknown> };

/**
 * One shape as a Label Studio result `value`, in percent of the image size: boxes (Label Studio
 * turns them about their top-left corner, so `x`/`y` is the turned corner), polygons, points
 * (keypoints) and ellipses. Lines and cuboids have no Label Studio image form.
 */
export const labelStudioResult = (
  annotation: Record<string, unknown>,
  label: string,
  size: { width: number; height: number },
): Result | null => {
  const px = (x: number) => round((x / size.width) * 100, 4);
  const py = (y: number) => round((y / size.height) * 100, 4);
  switch (annotation.type) {
    case "box": {
      const corners = boxCorners(annotation);
      const [width, height] = [num(annotation.width), num(annotation.height)];
      if (!corners || width === null || height === null) return null;
      const [x, y] = corners[0] as [number, number];
      return {
        type: "rectanglelabels",
        value: {
          x: px(x),
          y: py(y),
          width: px(width),
          height: py(height),
          rotation: degrees(num(annotation.rotation) ?? 0),
          rectanglelabels: [label],
        },
      };
    }
    case "polygon": {
      const points = verticesOf(annotation);
      if (points.length < 3) return null;
      return {
        type: "polygonlabels",
        value: { points: points.map(([x, y]) => [px(x), py(y)]), polygonlabels: [label] },
      };
    }
    case "point": {
      const point = pointOf(annotation);
      if (!point) return null;
      return {
        type: "keypointlabels",
        value: { x: px(point[0]), y: py(point[1]), width: 0.5, keypointlabels: [label] },
      };
    }
    case "ellipse": {
      const centre = pointOf(annotation);
      const [rx, ry] = [num(annotation.rx), num(annotation.ry)];
      if (!centre || rx === null || ry === null) return null;
      return {
        type: "ellipselabels",
        value: {
          x: px(centre[0]),
          y: py(centre[1]),
          radiusX: px(rx),
          radiusY: py(ry),
          rotation: degrees(num(annotation.rotation) ?? 0),
          ellipselabels: [label],
        },
      };
    }
    default:
      return null;
  }
};

/**
 * Label Studio JSON: an array of tasks `{id, data: {image, task_id}, annotations: [{result}]}`,
 * each result named `from_name` = its type (`rectanglelabels`…) and `to_name` = `image`, as a
 * labeling config with those tag names reads them. `data.image` is the image's absolute URL, or
 * with `media: "include"` its path in a zip holding `tasks.json` and `images/`.
 */
export const openLabelStudioWriter = async (
  path: string,
  { media }: { media: ExportMedia },
): Promise<ExportWriter> => {
  const target = await openDocumentTarget(path, {
    zipped: media === "include",
    media,
    name: "tasks.json",
  });
  const sink = await openFileSink(target.documentPath);
  let count = 0;
  await sink.write("[");
  const imageOf = (image: ExportImage) => image.url ?? target.images?.pathOf(image) ?? "";
  return {
    write: async (task, image) => {
      const found = imageTaskOf(task);
      if (!found) return NO_RESPONSE;
      if (!image) return NO_SIZE;
      const result = found.annotations.flatMap((annotation, index) => {
        if (typeof annotation.label !== "string") return [];
        const shape = labelStudioResult(annotation, annotation.label, image);
        if (!shape) return [];
        return [
          {
            id: typeof annotation.uuid === "string" ? annotation.uuid : `${found.taskId}-${index}`,
            type: shape.type,
            from_name: shape.type,
            to_name: "image",
            original_width: image.width,
            original_height: image.height,
            image_rotation: 0,
            value: shape.value,
          },
        ];
      });
      const unreadable = (await target.images?.add(image)) ?? null;
      if (unreadable) return unreadable;
      count += 1;
      const entry = {
        id: count,
        data: { image: imageOf(image), task_id: found.taskId },
        annotations: [{ result }],
      };
      await sink.write(`${count > 1 ? "," : ""}\n${JSON.stringify(entry)}`);
      return null;
    },
    finish: async (skipped) => {
      await sink.write("\n]\n");
      await sink.close();
      await target.finish(skipped);
    },
    destroy: () => {
      sink.destroy();
      target.destroy();
    },
  };
};
