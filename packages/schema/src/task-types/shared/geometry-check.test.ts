import { describe, expect, it } from "vitest";

import { ImageAnnotationResponseSchema } from "../imageannotation";
import {
  boxAnnotation as box,
  boxOnlyParams,
  checkImage as check,
  cuboidVertices,
  squareVertices as square,
} from "./geometry-test-fixtures";

/** checkAnnotationList (geometry, labels, bounds, uuids), exercised through imageannotation. */

describe("imageannotation response checks", () => {
  it("accepts valid annotations of every geometry with attributes", () => {
    const examples = [
      box({
        attributes: {
          occluded: "yes",
          occluded_by: "a wall",
          colors: ["red", "blue"],
          count: 2,
          heading: 359.5,
        },
      }),
      box({ uuid: "r", label: "sign", rotation: 0.2 }),
      { uuid: "p", type: "polygon", label: "building", vertices: square },
      { uuid: "l", type: "line", label: "lane", vertices: square.slice(0, 2) },
      { uuid: "pt", type: "point", label: "hand", x: 200, y: 100 },
      {
        uuid: "e",
        type: "ellipse",
        label: "wheel",
        x: 50,
        y: 50,
        rx: 10,
        ry: 40,
        rotation: Math.PI / 2,
      },
      { uuid: "c", type: "cuboid", label: "car", vertices: cuboidVertices },
    ];
    expect(check(examples, { global_attributes: { night: "no" } })).toEqual([]);
  });

  it.each([
    [
      "an unknown label",
      [box({ label: "boat" })],
      'annotations.0.label: "boat" is not a label for box; expected one of "sign", "car", "truck"',
    ],
    [
      "a parent label",
      [box({ label: "vehicle" })],
      'annotations.0.label: "vehicle" groups other labels and cannot be chosen; use one of "car", "truck"',
    ],
    [
      "a label of another geometry",
      [box({ label: "building" })],
      'annotations.0.label: "building" is not a label for box',
    ],
    [
      "a box below min_width",
      [box({ width: 4 })],
      "annotations.0.width: must be at least min_width (5)",
    ],
    [
      "a box below min_height",
      [box({ height: 4.9 })],
      "annotations.0.height: must be at least min_height (5)",
    ],
    [
      "a box leaving the image",
      [box({ left: 190 })],
      "annotations.0: box must lie inside the 200×100 image",
    ],
    [
      "a rotated box whose corners leave the image",
      [box({ left: 0, top: 0, width: 50, height: 20, rotation: 0.5 })],
      "annotations.0: rotated box must lie inside",
    ],
    [
      "a polygon with 2 vertices",
      [{ uuid: "p", type: "polygon", label: "building", vertices: square.slice(0, 2) }],
      "annotations.0.vertices: must have at least 3 vertices",
    ],
    [
      "a polygon above max_vertices",
      [
        {
          uuid: "p",
          type: "polygon",
          label: "building",
          vertices: [...square, ...square.slice(0, 2)],
        },
      ],
      "annotations.0.vertices: must have at most 5 vertices (max_vertices)",
    ],
    [
      "a polygon vertex outside",
      [
        {
          uuid: "p",
          type: "polygon",
          label: "building",
          vertices: [square[0], { x: 250, y: 10 }, square[2]],
        },
      ],
      "annotations.0.vertices.1: must lie inside the 200×100 image",
    ],
    [
      "a line with 1 vertex",
      [{ uuid: "l", type: "line", label: "lane", vertices: square.slice(0, 1) }],
      "annotations.0.vertices: must have at least 2 vertices",
    ],
    [
      "a point outside",
      [{ uuid: "p", type: "point", label: "hand", x: -1, y: 5 }],
      "annotations.0: point must lie inside",
    ],
    [
      "an ellipse leaving the image",
      [{ uuid: "e", type: "ellipse", label: "wheel", x: 50, y: 50, rx: 60, ry: 10 }],
      "annotations.0: ellipse must lie inside",
    ],
    [
      "a cuboid with 5 vertices",
      [{ uuid: "c", type: "cuboid", label: "car", vertices: cuboidVertices.slice(0, 5) }],
      "annotations.0.vertices: must be the 4 face-* corners",
    ],
    [
      "a cuboid face below min_width",
      [
        {
          uuid: "c",
          type: "cuboid",
          label: "car",
          vertices: cuboidVertices.map((v) =>
            v.description.endsWith("right") ? { ...v, x: 15 } : v,
          ),
        },
      ],
      "annotations.0.vertices: face must be at least min_width (10) wide",
    ],
    [
      "a duplicate uuid",
      [box(), box({ left: 50 })],
      'annotations.1.uuid: duplicate uuid "a1" (also used by annotation 0)',
    ],
  ])("reports %s", (_name, annotations, expected) => {
    const issues = check(annotations);
    expect(issues.some((issue) => issue.startsWith(expected)) ? expected : issues).toBe(expected);
  });

  it("reports geometries the task did not enable, rotation without can_rotate and integer_pixels", () => {
    expect(
      check([{ uuid: "p", type: "point", label: "car", x: 1, y: 1 }], {}, boxOnlyParams()),
    ).toEqual(['annotations.0.type: "point" is not enabled in params.geometries (enabled: box)']);
    expect(check([box({ rotation: 0.1 })], {}, boxOnlyParams())).toEqual([
      "annotations.0.rotation: is only allowed when box.can_rotate is true",
    ]);
    expect(check([box({ left: 1.5 })], {}, boxOnlyParams())).toEqual([
      "annotations.0.left: must be a whole number of pixels (integer_pixels)",
    ]);
    // Without an image size, anything goes position-wise.
    expect(check([box({ left: -50 })], {}, boxOnlyParams())).toEqual([]);
  });

  it.each([
    ["no annotations", {}, ["annotations"], "is required"],
    [
      "an unknown type",
      { annotations: [box({ type: "circle" })] },
      ["annotations", 0, "type"],
      "must be one of box",
    ],
    [
      "a misspelt field",
      { annotations: [box({ widht: 3 })] },
      ["annotations", 0],
      'Unrecognized key: "widht"',
    ],
    [
      "a zero-width box",
      { annotations: [box({ width: 0 })] },
      ["annotations", 0, "width"],
      "must be greater than 0",
    ],
    [
      "an infinite coordinate",
      { annotations: [box({ left: Infinity })] },
      ["annotations", 0, "left"],
      "must be a finite number",
    ],
    [
      "an unknown cuboid vertex",
      {
        annotations: [
          {
            uuid: "c",
            type: "cuboid",
            label: "car",
            vertices: [{ description: "top", x: 1, y: 1 }],
          },
        ],
      },
      ["annotations", 0, "vertices", 0, "description"],
      "must be one of face-topleft",
    ],
  ])("the schema rejects %s", (_name, input, path, message) => {
    const issue = ImageAnnotationResponseSchema.safeParse(input).error?.issues[0];
    expect(issue?.path).toEqual(path);
    expect(issue?.message).toContain(message);
  });
});
