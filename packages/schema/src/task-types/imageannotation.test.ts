import { describe, expect, it } from "vitest";

import { ImageAnnotationParamsSchema, imageannotationTaskType } from "./imageannotation";
import type { ImageAnnotationResponse } from "./imageannotation";
import {
  fullImageParams as fullParams,
  fullImageParamsInput as fullParamsInput,
} from "./shared/geometry-test-fixtures";

const t = imageannotationTaskType;

const paramIssues = (input: unknown) =>
  (ImageAnnotationParamsSchema.safeParse(input).error?.issues ?? []).map((issue) => ({
    path: issue.path,
    message: issue.message,
  }));

const withGeometries = (geometries: unknown) => ({ ...fullParamsInput, geometries });
const withAttributes = (annotation_attributes: unknown) => ({
  ...fullParamsInput,
  annotation_attributes,
});

describe("imageannotation params", () => {
  it("accepts Scale's example and applies defaults", () => {
    const parsed = t.params.parse(t.examples[0]?.params);
    expect(parsed.geometries.box).toMatchObject({
      min_width: 5,
      can_rotate: false,
      integer_pixels: false,
    });
    expect(parsed.annotation_attributes?.occlusion?.type).toBe("category");
    expect(fullParams().geometries.polygon?.max_vertices).toBe(5);
  });

  it.each([
    [
      "a missing attachment",
      { ...fullParamsInput, attachment: undefined },
      ["attachment"],
      "is required",
    ],
    [
      "an ftp attachment",
      { ...fullParamsInput, attachment: "ftp://x/a.jpg" },
      ["attachment"],
      "must be an http(s), s3 or gs URL",
    ],
    [
      "attachment_type video",
      { ...fullParamsInput, attachment_type: "video" },
      ["attachment_type"],
      'must be "image"',
    ],
    ["no geometry", withGeometries({}), ["geometries"], "must enable at least one geometry"],
    [
      "an unknown geometry",
      withGeometries({ boxes: { objects_to_annotate: ["a"] } }),
      ["geometries"],
      'unknown geometry "boxes"',
    ],
    [
      "an empty label list",
      withGeometries({ box: { objects_to_annotate: [] } }),
      ["geometries", "box", "objects_to_annotate"],
      "must list at least one label",
    ],
    [
      "a duplicate nested label",
      withGeometries({
        box: { objects_to_annotate: ["car", { choice: "v", subchoices: ["car"] }] },
      }),
      ["geometries", "box", "objects_to_annotate", 1, "subchoices", 0],
      'duplicate label "car"',
    ],
    [
      "min_vertices above max_vertices",
      withGeometries({ polygon: { objects_to_annotate: ["a"], min_vertices: 6, max_vertices: 4 } }),
      ["geometries", "polygon", "min_vertices"],
      "must not be greater than max_vertices",
    ],
    [
      "a connection to an unknown point label",
      withGeometries({
        point: { objects_to_annotate: ["hand"], connections: [{ pair: ["hand", "knee"] }] },
      }),
      ["geometries", "point", "connections", 0, "pair", 1],
      '"knee" is not a label of the point geometry',
    ],
    [
      "image_width alone",
      { ...fullParamsInput, image_height: undefined },
      ["image_height"],
      "image_width and image_height must be given together",
    ],
    [
      "a fractional image size",
      { ...fullParamsInput, image_width: 10.5 },
      ["image_width"],
      "must be a whole number of pixels",
    ],
    [
      "a category attribute without choices",
      withAttributes({ a: { description: "x" } }),
      ["annotation_attributes", "a", "choices"],
      "must list at least one choice",
    ],
    [
      "an attribute without description",
      withAttributes({ a: { type: "text" } }),
      ["annotation_attributes", "a", "description"],
      "is required",
    ],
    [
      "an unsupported attribute type",
      withAttributes({ a: { type: "linked", description: "x" } }),
      ["annotation_attributes", "a", "type"],
      "must be one of category, number, angle, text",
    ],
    [
      "min above max",
      withAttributes({ a: { type: "number", description: "x", min: 3, max: 1 } }),
      ["annotation_attributes", "a", "min"],
      "must not be greater than max",
    ],
    [
      "a label condition naming an unknown label",
      withAttributes({
        a: {
          type: "text",
          description: "x",
          conditions: { label_condition: { label: ["car", "boat"] } },
        },
      }),
      ["annotation_attributes", "a", "conditions", "label_condition", "label", 1],
      '"boat" is not a label of this task',
    ],
    [
      "a condition on an unknown attribute",
      withAttributes({
        a: { type: "text", description: "x", conditions: { attribute_conditions: [{ b: "yes" }] } },
      }),
      ["annotation_attributes", "a", "conditions", "attribute_conditions", 0, "b"],
      '"b" is not an annotation attribute',
    ],
    [
      "a condition on itself",
      withAttributes({
        a: { type: "text", description: "x", conditions: { attribute_conditions: [{ a: "yes" }] } },
      }),
      ["annotation_attributes", "a", "conditions", "attribute_conditions", 0, "a"],
      "an attribute cannot depend on itself",
    ],
    [
      "a condition on a choice that does not exist",
      withAttributes({
        b: { description: "x", choices: ["yes", "no"] },
        a: {
          type: "text",
          description: "x",
          conditions: { attribute_conditions: [{ b: "maybe" }] },
        },
      }),
      ["annotation_attributes", "a", "conditions", "attribute_conditions", 0, "b"],
      '"maybe" is not a choice of attribute "b"',
    ],
    [
      "a global attribute conditioned on an annotation attribute",
      withAttributes({
        b: { description: "x", choices: ["yes"] },
        a: {
          type: "text",
          description: "x",
          conditions: { is_global: true, attribute_conditions: [{ b: "yes" }] },
        },
      }),
      ["annotation_attributes", "a", "conditions", "attribute_conditions", 0, "b"],
      '"b" is not a global attribute, unlike "a"',
    ],
    [
      "a hypothesis with an unknown label",
      {
        ...fullParamsInput,
        hypothesis: {
          annotations: [
            { uuid: "h", type: "box", label: "boat", left: 0, top: 0, width: 9, height: 9 },
          ],
        },
      },
      ["hypothesis", "annotations", 0, "label"],
      '"boat" is not a label for box',
    ],
    [
      "a hypothesis of the wrong shape",
      {
        ...fullParamsInput,
        hypothesis: { annotations: [{ uuid: "h", type: "circle", label: "car" }] },
      },
      ["hypothesis", "annotations", 0, "type"],
      "must be one of box, polygon, line, point, ellipse, cuboid",
    ],
  ])("rejects %s", (_name, input, path, message) => {
    const issues = paramIssues(input);
    expect(
      issues.find((issue) => issue.path.join("/") === path.join("/"))?.message ?? issues,
    ).toContain(message);
  });

  it("accepts a valid hypothesis and keeps unknown params", () => {
    const hypothesis = { annotations: [{ uuid: "h", type: "point", label: "hand", x: 1, y: 2 }] };
    const parsed = t.params.parse({ ...fullParamsInput, hypothesis, project_tag: "x" });
    expect(parsed.hypothesis).toEqual(hypothesis);
    expect(parsed.project_tag).toBe("x");
  });
});

describe("imageannotation placeholder", () => {
  it("has a placeholder that passes the checks, and uses the hypothesis when given", () => {
    for (const example of t.examples) {
      const params = t.params.parse(example.params);
      expect(t.checkResponse(params, t.response.parse(example.response))).toEqual([]);
      const placeholder = t.placeholderResponse(params);
      expect(placeholder.annotations).toHaveLength(1);
      expect(t.checkResponse(params, placeholder)).toEqual([]);
    }
    const tight = t.params.parse({
      ...fullParamsInput,
      annotation_attributes: undefined,
      geometries: {
        box: { objects_to_annotate: ["a"], min_width: 500 },
        point: { objects_to_annotate: ["p"] },
      },
    });
    expect(t.placeholderResponse(tight).annotations[0]?.type).toBe("point");
    const hypothesis: ImageAnnotationResponse = {
      annotations: [{ uuid: "h", type: "point", label: "hand", x: 3, y: 4 }],
    };
    expect(t.placeholderResponse({ ...fullParams(), hypothesis })).toBe(hypothesis);
  });
});
