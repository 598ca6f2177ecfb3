import { describe, expect, it } from "vitest";

import { formatIssues } from "./issues";
import { AnnotationSchema } from "./imageannotation";
import {
  LEGACY_IMAGE_GEOMETRY,
  imageToLegacyResponse,
  layerAnnotations,
  legacyToImageParams,
  legacyToImageResponse,
} from "./legacy-image";
import type { LegacyImageParams, LegacyImageResponse, LegacyImageType } from "./legacy-image";
import { parseTaskParams, taskTypes, validateResponse } from "./registry";

const LEGACY_TYPES = Object.keys(LEGACY_IMAGE_GEOMETRY) as LegacyImageType[];

const paramsOf = (type: LegacyImageType, index = 0): LegacyImageParams => {
  const parsed = parseTaskParams(type, taskTypes[type].examples[index]?.params);
  if (!parsed.success) throw new Error(formatIssues(parsed.issues));
  return parsed.data;
};

const responseOf = (type: LegacyImageType, index = 0): LegacyImageResponse => {
  const example = taskTypes[type].examples[index];
  const checked = validateResponse(type, example?.params, example?.response);
  if (!checked.success) throw new Error(formatIssues(checked.issues));
  return checked.data;
};

const issuesOfParams = (type: LegacyImageType, params: unknown) => {
  const parsed = parseTaskParams(type, params);
  return parsed.success ? [] : parsed.issues.map((issue) => issue.path.join("."));
};

const issuesOfResponse = (type: LegacyImageType, params: unknown, response: unknown) => {
  const checked = validateResponse(type, params, response);
  return checked.success ? [] : checked.issues.map((issue) => issue.path.join("."));
};

const cows = { attachment: "https://example.com/cows.jpg", attachment_type: "image" };

describe.each(LEGACY_TYPES)("the legacy %s type", (type) => {
  it("accepts its examples and stands for imageannotation with its one geometry", () => {
    for (const index of [0, 1]) {
      const params = paramsOf(type, index);
      const image = legacyToImageParams(type, params);
      expect(Object.keys(image.geometries)).toEqual([LEGACY_IMAGE_GEOMETRY[type]]);
      responseOf(type, index);
    }
  });

  it("answers test mode with a placeholder in its own shape", () => {
    for (const index of [0, 1]) {
      const params = paramsOf(type, index);
      const placeholder = taskTypes[type].placeholderResponse(params as never);
      expect(validateResponse(type, params, placeholder)).toMatchObject({ success: true });
      for (const annotation of (placeholder as LegacyImageResponse).annotations) {
        expect(annotation).not.toHaveProperty("type");
        expect(annotation.label !== undefined).toBe(params.with_labels);
      }
    }
  });

  it("maps a response to imageannotation's and back unchanged", () => {
    for (const index of [0, 1]) {
      const params = paramsOf(type, index);
      const legacy = responseOf(type, index);
      const image = legacyToImageResponse(type, params, legacy);
      const imageParams = legacyToImageParams(type, params);
      expect(validateResponse("imageannotation", imageParams, image)).toMatchObject({
        success: true,
      });
      const back = imageToLegacyResponse(type, params, image);
      // Old responses have no uuids; the adapter gives them one by position, and keeps it.
      expect(back.annotations.map(({ uuid: _uuid, ...rest }) => rest)).toEqual(
        legacy.annotations.map(({ uuid: _uuid, ...rest }) => rest),
      );
      expect(legacyToImageResponse(type, params, back)).toEqual(image);
    }
  });

  it("consolidates and scores responses as imageannotation does", () => {
    const params = paramsOf(type);
    const answer = responseOf(type);
    const other: LegacyImageResponse = { annotations: [] };
    const result = taskTypes[type].consolidate(params as never, [answer, answer, other] as never);
    expect(validateResponse(type, params, result.response)).toMatchObject({ success: true });
    expect((result.response as LegacyImageResponse).annotations).toHaveLength(
      answer.annotations.length,
    );
    expect(result.agreement).toBeGreaterThan(0);
    expect(result.agreement).toBeLessThan(1);
    expect(
      taskTypes[type].scoreAgainstGold(params as never, answer as never, answer as never),
    ).toBe(1);
    expect(taskTypes[type].scoreAgainstGold(params as never, other as never, answer as never)).toBe(
      0,
    );
  });

  it("refuses what Scale refuses, naming the field", () => {
    const valid = { ...cows, objects_to_annotate: ["cow"] };
    expect(issuesOfParams(type, { objects_to_annotate: ["cow"] })).toEqual(["params.attachment"]);
    expect(issuesOfParams(type, { ...valid, attachment_type: "video" })).toEqual([
      "params.attachment_type",
    ]);
    expect(issuesOfParams(type, { ...cows })).toEqual(["params.objects_to_annotate"]);
    expect(issuesOfParams(type, { ...valid, objects_to_annotate: [] })).toEqual([
      "params.objects_to_annotate",
    ]);
    expect(issuesOfParams(type, { ...valid, objects_to_annotate: ["cow", "cow"] })).toEqual([
      "params.objects_to_annotate.1",
    ]);
    expect(issuesOfParams(type, { ...valid, with_labels: "yes" })).toEqual(["params.with_labels"]);
    expect(issuesOfParams(type, { ...valid, layers: { circles: [] } })).toEqual(["params.layers"]);
    expect(
      issuesOfParams(type, {
        ...valid,
        layers: { boxes: [{ left: 0, top: 0, width: -1, height: 3 }] },
      }),
    ).toEqual(["params.layers.boxes.0.width"]);
    expect(issuesOfParams(type, { ...valid, examples: [{ correct: true }] })).toEqual([
      "params.examples.0.image",
    ]);
    expect(issuesOfParams(type, { ...valid, image_width: 100 })).toEqual(["params.image_height"]);
  });

  it("requires a label exactly when with_labels asks for one", () => {
    const labeled = paramsOf(type, 0);
    const answer = responseOf(type, 0);
    const [first] = answer.annotations;
    const { label: _label, ...unlabeled } = first ?? {};
    expect(issuesOfResponse(type, labeled, { annotations: [unlabeled] })).toEqual([
      "response.annotations.0.label",
    ]);
    expect(
      issuesOfResponse(type, labeled, { annotations: [{ ...first, label: "horse" }] }),
    ).toEqual(["response.annotations.0.label"]);
    const unlabeledParams = { ...labeled, with_labels: false };
    expect(issuesOfResponse(type, unlabeledParams, { annotations: [first] })).toEqual([
      "response.annotations.0.label",
    ]);
    expect(issuesOfResponse(type, unlabeledParams, { annotations: [unlabeled] })).toEqual([]);
    expect(issuesOfParams(type, { ...labeled, hypothesis: { annotations: [unlabeled] } })).toEqual([
      "params.hypothesis.annotations.0.label",
    ]);
  });
});

describe("legacy params and responses", () => {
  it("takes the old SDKs' sizes as strings and stores them as numbers", () => {
    expect(paramsOf("annotation")).toMatchObject({ min_width: 30, min_height: 30 });
    const params = { ...cows, objects_to_annotate: ["cow"] };
    expect(issuesOfParams("annotation", { ...params, min_width: "wide" })).toEqual([
      "params.min_width",
    ]);
    expect(issuesOfParams("annotation", { ...params, min_height: -1 })).toEqual([
      "params.min_height",
    ]);
    expect(issuesOfParams("cuboidannotation", { ...params, min_width: "-2" })).toEqual([
      "params.min_width",
    ]);
  });

  it("holds boxes to min_width and refuses rotation", () => {
    const params = paramsOf("annotation");
    const box = { label: "big cow", left: 0, top: 0, width: 10, height: 50 };
    expect(issuesOfResponse("annotation", params, { annotations: [box] })).toEqual([
      "response.annotations.0.width",
    ]);
    expect(
      issuesOfResponse("annotation", params, {
        annotations: [{ ...box, width: 40, rotation: 0.3 }],
      }),
    ).toEqual(["response.annotations.0"]);
  });

  it("holds polygons and lines to their vertex limits", () => {
    const polygon = { ...cows, objects_to_annotate: ["field"], max_vertices: 3 };
    const square = [
      { x: 0, y: 0 },
      { x: 9, y: 0 },
      { x: 9, y: 9 },
      { x: 0, y: 9 },
    ];
    expect(
      issuesOfResponse("polygonannotation", polygon, { annotations: [{ vertices: square }] }),
    ).toEqual(["response.annotations.0.vertices"]);
    expect(
      issuesOfResponse(
        "lineannotation",
        { ...polygon, max_vertices: 4 },
        {
          annotations: [{ vertices: square.slice(0, 1) }],
        },
      ),
    ).toEqual(["response.annotations.0.vertices"]);
    expect(
      issuesOfParams("polygonannotation", { ...polygon, min_vertices: 5, max_vertices: 4 }),
    ).toEqual(["params.min_vertices"]);
  });

  it("takes layers as read-only context an image canvas can draw", () => {
    const params = paramsOf("annotation");
    const layers = {
      boxes: [{ left: 1, top: 2, width: 3, height: 4, label: "fence" }],
      polygons: [
        {
          vertices: [
            { x: 0, y: 0 },
            { x: 5, y: 0 },
            { x: 5, y: 5 },
          ],
        },
      ],
      lines: [
        {
          vertices: [
            { x: 0, y: 9 },
            { x: 9, y: 9 },
          ],
        },
      ],
      points: [{ x: 7, y: 7 }],
    };
    const parsed = parseTaskParams("annotation", {
      ...(taskTypes.annotation.examples[0]?.params as object),
      layers,
    });
    expect(parsed.success).toBe(true);
    const drawn = layerAnnotations({ ...params, layers });
    expect(drawn.map((annotation) => [annotation.type, annotation.label])).toEqual([
      ["box", "fence"],
      ["polygon", "layer"],
      ["line", "layer"],
      ["point", "layer"],
    ]);
    for (const annotation of drawn)
      expect(AnnotationSchema.safeParse(annotation).success).toBe(true);
  });

  it("offers one label naming every object when labels are not asked for", () => {
    const params = paramsOf("annotation", 1);
    expect(legacyToImageParams("annotation", params).geometries.box?.objects_to_annotate).toEqual([
      "car / truck",
    ]);
  });

  it("refuses another geometry's annotation", () => {
    const params = paramsOf("pointannotation");
    expect(
      issuesOfResponse("pointannotation", params, {
        annotations: [{ label: "head", left: 1, top: 1, width: 4, height: 4 }],
      }).length,
    ).toBeGreaterThan(0);
    expect(
      issuesOfResponse("pointannotation", params, {
        annotations: [{ type: "box", label: "head", x: 1, y: 1 }],
      }),
    ).toEqual(["response.annotations.0.type"]);
  });
});
