import {
  ImageAnnotationParamsSchema,
  ImageAnnotationResponseSchema,
  imageannotationTaskType,
} from "../imageannotation";
import type { ImageAnnotationParams } from "../imageannotation";

/**
 * Test fixtures shared by the geometry check tests: an image task enabling every geometry and
 * attribute type, and builders for annotations. Imported by tests only.
 */
export const fullImageParamsInput = {
  attachment: "https://example.com/a.jpg",
  image_width: 200,
  image_height: 100,
  geometries: {
    box: {
      objects_to_annotate: ["sign", { choice: "vehicle", subchoices: ["car", "truck"] }],
      min_width: 5,
      min_height: 5,
      can_rotate: true,
    },
    polygon: { objects_to_annotate: ["building"], max_vertices: 5 },
    line: { objects_to_annotate: ["lane"] },
    point: { objects_to_annotate: ["elbow", "hand"], connections: [{ pair: ["elbow", "hand"] }] },
    ellipse: { objects_to_annotate: ["wheel"] },
    cuboid: { objects_to_annotate: ["car"], min_width: 10 },
  },
  annotation_attributes: {
    occluded: {
      description: "Occluded?",
      choices: ["yes", "no"],
      conditions: { label_condition: { label: "vehicle" } },
    },
    occluded_by: {
      type: "text",
      description: "By what?",
      conditions: { attribute_conditions: [{ occluded: "yes" }] },
    },
    count: { type: "number", description: "How many?", min: 0, max: 3 },
    heading: { type: "angle", description: "Heading" },
    colors: { description: "Colours", choices: ["red", "blue"], allow_multiple: true },
    night: { description: "Night?", choices: ["yes", "no"], conditions: { is_global: true } },
  },
};

export const fullImageParams = (): ImageAnnotationParams =>
  ImageAnnotationParamsSchema.parse(fullImageParamsInput);
export const boxOnlyParams = (): ImageAnnotationParams =>
  ImageAnnotationParamsSchema.parse({
    attachment: "https://example.com/a.jpg",
    geometries: { box: { objects_to_annotate: ["car"], integer_pixels: true } },
  });

export const boxAnnotation = (overrides: Record<string, unknown> = {}) => ({
  uuid: "a1",
  type: "box",
  label: "car",
  left: 10,
  top: 10,
  width: 20,
  height: 20,
  ...overrides,
});
export const squareVertices = [
  { x: 10, y: 10 },
  { x: 40, y: 10 },
  { x: 40, y: 40 },
  { x: 10, y: 40 },
];
export const cuboidVertices = [
  { description: "face-topleft", x: 10, y: 10 },
  { description: "face-topright", x: 40, y: 10 },
  { description: "face-bottomright", x: 40, y: 40 },
  { description: "face-bottomleft", x: 10, y: 40 },
  { description: "side-topcorner", x: 50, y: 5 },
  { description: "side-bottomcorner", x: 50, y: 35 },
];

/** Parses the response, runs checkResponse and returns "path: message" lines. */
export const checkImage = (
  annotations: unknown[],
  extra: Record<string, unknown> = {},
  params = fullImageParams(),
) => {
  const response = ImageAnnotationResponseSchema.parse({ annotations, ...extra });
  return imageannotationTaskType
    .checkResponse(params, response)
    .map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};
