import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";

import type { ExportMedia } from "@taskforge/schema";

import { openFileSink } from "../sink";
import { xmlEscape } from "./boxes";
import {
  ellipsePolygon,
  imageTaskOf,
  NO_RESPONSE,
  NO_SIZE,
  num,
  degrees,
  pointOf,
  round,
  verticesOf,
} from "./geometry";
import type { Point } from "./geometry";
import { openDocumentTarget } from "./images";
import { LabelRegistry } from "./labels";
import type { ExportWriter } from "./types";

const pointsAttribute = (points: readonly Point[]) =>
  points.map(([x, y]) => `${round(x, 2)},${round(y, 2)}`).join(";");

/** `attributes` of a Scale annotation as CVAT `<attribute>` children. */
const attributesXml = (attributes: unknown) =>
  attributes && typeof attributes === "object"
    ? Object.entries(attributes)
        .map(
          ([name, value]) =>
            `<attribute name="${xmlEscape(name)}">${xmlEscape(typeof value === "string" ? value : JSON.stringify(value))}</attribute>`,
        )
        .join("")
    : "";

/**
 * One shape as a CVAT element: boxes (rotation in degrees about their centre, as in CVAT),
 * polygons, lines (polylines), points and ellipses; cuboids have no CVAT image form.
 */
export const cvatShape = (annotation: Record<string, unknown>, label: string): string | null => {
  const common = `label="${xmlEscape(label)}" source="manual" occluded="0" z_order="0"`;
  const children = attributesXml(annotation.attributes);
  const element = (name: string, attributes: string) =>
    `    <${name} ${common} ${attributes}>${children}</${name}>\n`;
  switch (annotation.type) {
    case "box": {
      const [left, top, width, height] = ["left", "top", "width", "height"].map((key) =>
        num(annotation[key]),
      );
      if (left == null || top == null || width == null || height == null) return null;
      const rotation = num(annotation.rotation) ?? 0;
      return element(
        "box",
        `xtl="${round(left, 2)}" ytl="${round(top, 2)}" xbr="${round(left + width, 2)}" ybr="${round(top + height, 2)}"${rotation ? ` rotation="${degrees(rotation)}"` : ""}`,
      );
    }
    case "polygon": {
      const points = verticesOf(annotation);
      return points.length >= 3 ? element("polygon", `points="${pointsAttribute(points)}"`) : null;
    }
    case "line": {
      const points = verticesOf(annotation);
      return points.length >= 2 ? element("polyline", `points="${pointsAttribute(points)}"`) : null;
    }
    case "point": {
      const point = pointOf(annotation);
      return point ? element("points", `points="${pointsAttribute([point])}"`) : null;
    }
    case "ellipse": {
      const centre = pointOf(annotation);
      const rx = num(annotation.rx);
      const ry = num(annotation.ry);
      if (!centre || rx === null || ry === null || !ellipsePolygon(annotation)) return null;
      const rotation = num(annotation.rotation) ?? 0;
      return element(
        "ellipse",
        `cx="${round(centre[0], 2)}" cy="${round(centre[1], 2)}" rx="${round(rx, 2)}" ry="${round(ry, 2)}"${rotation ? ` rotation="${degrees(rotation)}"` : ""}`,
      );
    }
    default:
      return null;
  }
};

/**
 * CVAT for images 1.1: a zip with `annotations.xml` (its `<meta>` lists the labels, so the
 * `<image>` elements go to a side file first) and the images under `images/` (or `images.txt`
 * with their URLs). Image names are `<task_id>.<ext>`, ids count from 0.
 */
export const openCvatWriter = async (
  path: string,
  { media }: { media: ExportMedia },
): Promise<ExportWriter> => {
  const target = await openDocumentTarget(path, { zipped: true, media, name: "annotations.xml" });
  const sidePath = `${target.documentPath}.images`;
  const side = await openFileSink(sidePath);
  const labels = new LabelRegistry();
  let count = 0;
  return {
    write: async (task, image) => {
      const found = imageTaskOf(task);
      if (!found) return NO_RESPONSE;
      if (!image) return NO_SIZE;
      for (const label of found.declaredLabels) labels.indexOf(label);
      const shapes = found.annotations.flatMap((annotation) => {
        if (typeof annotation.label !== "string") return [];
        const shape = cvatShape(annotation, annotation.label);
        if (shape) labels.indexOf(annotation.label);
        return shape ? [shape] : [];
      });
      const unreadable = (await target.images?.add(image)) ?? null;
      if (unreadable) return unreadable;
      await side.write(
        `  <image id="${count}" name="${xmlEscape(image.fileName)}" width="${image.width}" height="${image.height}">\n${shapes.join("")}  </image>\n`,
      );
      count += 1;
      return null;
    },
    finish: async (skipped) => {
      await side.close();
      const document = await openFileSink(target.documentPath);
      const labelsXml = labels.names
        .map(
          (name) =>
            `        <label><name>${xmlEscape(name)}</name><type>any</type><attributes></attributes></label>\n`,
        )
        .join("");
      await document.write(
        `<?xml version="1.0" encoding="utf-8"?>\n<annotations>\n  <version>1.1</version>\n  <meta>\n    <task>\n      <name>taskforge export</name>\n      <size>${count}</size>\n      <mode>annotation</mode>\n      <labels>\n${labelsXml}      </labels>\n    </task>\n    <dumped>${new Date().toISOString()}</dumped>\n  </meta>\n`,
      );
      for await (const chunk of createReadStream(sidePath)) await document.write(chunk as Buffer);
      await rm(sidePath, { force: true });
      await document.write("</annotations>\n");
      await document.close();
      await target.finish(skipped);
    },
    destroy: () => {
      side.destroy();
      target.destroy();
      void rm(sidePath, { force: true });
    },
  };
};
