import type { TaskTypeExample } from "../definition";
import type { LegacyImageType } from "./legacy-image-schemas";

const COWS = "https://example.com/cows.jpg";

/**
 * Fixtures for the legacy image types, in the input form a customer and a Tasker would send. The
 * first of box, polygon and line is the body of Scale's own SDK test suite (sizes as strings).
 */
export const legacyImageExamples: Record<LegacyImageType, readonly TaskTypeExample[]> = {
  annotation: [
    {
      name: "boxes around cows, labeled (Scale's SDK test)",
      params: {
        attachment_type: "image",
        attachment: COWS,
        min_width: "30",
        min_height: "30",
        objects_to_annotate: ["baby cow", "big cow"],
        with_labels: true,
      },
      response: {
        annotations: [
          { uuid: "cow-1", label: "big cow", left: 10, top: 20, width: 200, height: 120 },
          { uuid: "cow-2", label: "baby cow", left: 260, top: 80, width: 60, height: 40 },
        ],
      },
    },
    {
      name: "unlabeled boxes with an attribute and examples",
      params: {
        attachment: COWS,
        image_width: 640,
        image_height: 480,
        objects_to_annotate: ["car", "truck"],
        annotation_attributes: {
          occluded: { description: "Is it occluded?", choices: ["yes", "no"] },
        },
        examples: [
          { image: "https://example.com/good.jpg", correct: true, explanation: "Tight boxes" },
        ],
      },
      response: {
        annotations: [{ left: 1, top: 2, width: 30, height: 40, attributes: { occluded: "no" } }],
      },
    },
  ],
  polygonannotation: [
    {
      name: "a tight shape around the big cow (Scale's SDK test)",
      params: {
        attachment_type: "image",
        attachment: COWS,
        objects_to_annotate: ["big cow"],
        with_labels: true,
      },
      response: {
        annotations: [
          {
            label: "big cow",
            vertices: [
              { x: 10, y: 10 },
              { x: 120, y: 15 },
              { x: 60, y: 90 },
            ],
          },
        ],
      },
    },
    {
      name: "unlabeled polygons with a vertex limit",
      params: {
        attachment: COWS,
        objects_to_annotate: ["field"],
        max_vertices: 4,
      },
      response: {
        annotations: [
          {
            uuid: "field-1",
            vertices: [
              { x: 0, y: 0 },
              { x: 50, y: 0 },
              { x: 50, y: 50 },
            ],
          },
        ],
      },
    },
  ],
  lineannotation: [
    {
      name: "lines along the cow (Scale's SDK test)",
      params: {
        attachment_type: "image",
        attachment: COWS,
        objects_to_annotate: ["big cow"],
        with_labels: true,
      },
      response: {
        annotations: [
          {
            label: "big cow",
            vertices: [
              { x: 5, y: 5 },
              { x: 80, y: 40 },
            ],
          },
        ],
      },
    },
    {
      name: "lane lines, nested labels",
      params: {
        attachment: COWS,
        objects_to_annotate: [{ choice: "lane", subchoices: ["solid", "dashed"] }],
        with_labels: true,
        splines: true,
        min_vertices: 2,
      },
      response: {
        annotations: [
          {
            uuid: "lane-1",
            label: "dashed",
            vertices: [
              { x: 0, y: 100 },
              { x: 100, y: 90 },
              { x: 200, y: 85 },
            ],
          },
        ],
      },
    },
  ],
  pointannotation: [
    {
      name: "points on the cows' heads",
      params: {
        attachment_type: "image",
        attachment: COWS,
        objects_to_annotate: ["head"],
        with_labels: true,
      },
      response: { annotations: [{ label: "head", x: 40, y: 30 }] },
    },
    {
      name: "unlabeled points",
      params: { attachment: COWS, objects_to_annotate: ["eye", "nose"] },
      response: {
        annotations: [
          { x: 1, y: 2 },
          { uuid: "p-2", x: 3, y: 4 },
        ],
      },
    },
  ],
  cuboidannotation: [
    {
      name: "a 2D cuboid around a car, with camera data",
      params: {
        attachment_type: "image",
        attachment: COWS,
        objects_to_annotate: ["car"],
        with_labels: true,
        min_width: 5,
        min_height: 5,
        camera_intrinsics: { fx: 1000, fy: 1000, cx: 320, cy: 240 },
        camera_height: 1.5,
      },
      response: {
        annotations: [
          {
            label: "car",
            vertices: [
              { description: "face-topleft", x: 100, y: 100, type: "vertex" },
              { description: "face-topright", x: 200, y: 100, type: "vertex" },
              { description: "face-bottomright", x: 200, y: 180, type: "vertex" },
              { description: "face-bottomleft", x: 100, y: 180, type: "vertex" },
              { description: "side-topcorner", x: 240, y: 90, type: "vertex" },
              { description: "side-bottomcorner", x: 240, y: 165, type: "vertex" },
            ],
          },
        ],
      },
    },
    {
      name: "unlabeled cuboids",
      params: { attachment: COWS, objects_to_annotate: ["car", "van"] },
      response: {
        annotations: [
          {
            uuid: "c-1",
            vertices: [
              { description: "face-topleft", x: 10, y: 10 },
              { description: "face-topright", x: 60, y: 10 },
              { description: "face-bottomright", x: 60, y: 50 },
              { description: "face-bottomleft", x: 10, y: 50 },
              { description: "side-topcorner", x: 80, y: 5 },
              { description: "side-bottomcorner", x: 80, y: 45 },
            ],
          },
        ],
      },
    },
  ],
};
