import { ImageAnnotationParamsSchema } from "@taskforge/schema";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { describe, expect, it } from "vitest";

import { imageannotationEditor } from ".";
import { drawableAnnotations, removeAnnotation, replaceAnnotation } from "./value";

const params = ImageAnnotationParamsSchema.parse({
  attachment: "https://example.com/street.png",
  image_width: 400,
  image_height: 300,
  geometries: {
    box: { objects_to_annotate: [{ choice: "vehicle", subchoices: ["car", "truck"] }] },
    point: { objects_to_annotate: ["eye"] },
  },
  hypothesis: {
    annotations: [
      {
        uuid: "h1",
        type: "box",
        label: "car",
        left: 10.123,
        top: 20,
        width: 30,
        height: 40,
        vertices: [{ x: 10, y: 20 }],
      },
      { uuid: "h2", type: "point", label: "eye", x: 5, y: 6 },
    ],
    global_attributes: {},
  },
});

describe("imageannotation initialValue", () => {
  it("turns the hypothesis into editable annotations keeping their uuids", () => {
    const value = imageannotationEditor.initialValue(params);
    const annotations = value.annotations as { uuid: string }[];
    expect(annotations[0]).toEqual({
      uuid: "h1",
      type: "box",
      label: "car",
      left: 10.12,
      top: 20,
      width: 30,
      height: 40,
    });
    expect(annotations[1]).toEqual({ uuid: "h2", type: "point", label: "eye", x: 5, y: 6 });
    expect(value.global_attributes).toEqual({});
  });

  it("starts empty without a hypothesis", () => {
    const { hypothesis: _, ...rest } = params;
    expect(imageannotationEditor.initialValue({ ...rest })).toEqual({ annotations: [] });
  });
});

describe("image value edits", () => {
  const value = {
    annotations: [
      { uuid: "a", type: "point", label: "eye", x: 1, y: 2 },
      { uuid: "broken", type: "point" },
      { uuid: "b", type: "point", label: "eye", x: 3, y: 4 },
    ],
  };

  it("draws only well-formed annotations and remembers their positions", () => {
    expect(drawableAnnotations(value).map((entry) => [entry.annotation.uuid, entry.index])).toEqual(
      [
        ["a", 0],
        ["b", 2],
      ],
    );
  });

  it("replaces and removes by uuid, keeping what it cannot draw", () => {
    const moved = replaceAnnotation(value, { uuid: "b", type: "point", label: "eye", x: 9, y: 9 });
    expect(moved.annotations).toEqual([
      value.annotations[0],
      value.annotations[1],
      { uuid: "b", type: "point", label: "eye", x: 9, y: 9 },
    ]);
    expect(removeAnnotation(value, "a").annotations).toEqual(value.annotations.slice(1));
  });
});

describe("imageannotation editor", () => {
  it("renders on the server with its tools, labels and shapes", () => {
    const html = renderToStaticMarkup(
      createElement(imageannotationEditor.Editor, {
        params,
        value: imageannotationEditor.initialValue(params),
        onChange: () => undefined,
        issues: [{ path: ["annotations", 0, "width"], message: "must be at least min_width (50)" }],
      }),
    );
    expect(html).toContain('aria-label="Tools"');
    expect(html).toContain(">Box<");
    expect(html).toContain(">Point<");
    expect(html).not.toContain(">Polygon<");
    expect(html).toContain(">vehicle<");
    expect(html).toContain('data-invalid="true"');
    expect(html).toContain("width: must be at least min_width (50)");
  });

  it("lists a shortcut for every tool", () => {
    const keys = imageannotationEditor.shortcuts.map((shortcut) => shortcut.keys);
    for (const key of ["V", "H", "B", "P", "L", "K", "E", "C"]) expect(keys).toContain(key);
  });
});
