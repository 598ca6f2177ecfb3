import type { TaskTypeExample } from "../definition";

/** Fixtures for imageannotation, in the input form a customer and a Tasker would send. */
export const imageAnnotationExamples: readonly TaskTypeExample[] = [
  {
    name: "vehicles with nested labels and attributes (Scale's documentation example)",
    params: {
      attachment: "https://example.com/street.jpg",
      attachment_type: "image",
      image_width: 1280,
      image_height: 720,
      geometries: {
        box: {
          objects_to_annotate: [
            "traffic_sign",
            {
              choice: "vehicle",
              subchoices: ["car", { choice: "truck_suv", display: "truck or SUV" }],
            },
            "pedestrian",
          ],
          min_height: 5,
          min_width: 5,
        },
      },
      annotation_attributes: {
        occlusion: {
          description: "What percent of the object is occluded?",
          choices: ["0%", "25%", "50%", "75%"],
          conditions: { label_condition: { label: "vehicle" } },
        },
        is_night: {
          type: "category",
          description: "Is it night?",
          choices: ["yes", "no"],
          conditions: { is_global: true },
        },
      },
    },
    response: {
      annotations: [
        {
          uuid: "0a4b7d1c-0001",
          type: "box",
          label: "car",
          attributes: { occlusion: "25%" },
          left: 120,
          top: 300,
          width: 220,
          height: 140,
        },
        {
          uuid: "0a4b7d1c-0002",
          type: "box",
          label: "pedestrian",
          left: 700,
          top: 280,
          width: 40,
          height: 110,
        },
      ],
      global_attributes: { is_night: "no" },
    },
  },
  {
    name: "every geometry: rotated box, polygon, line, skeleton points, ellipse, cuboid",
    params: {
      attachment: "s3://bucket/frames/0001.png",
      image_width: 640,
      image_height: 480,
      geometries: {
        box: { objects_to_annotate: ["sign"], can_rotate: true },
        polygon: { objects_to_annotate: ["building"], min_vertices: 3, max_vertices: 12 },
        line: { objects_to_annotate: ["lane"] },
        point: {
          objects_to_annotate: ["elbow", "hand"],
          connections: [{ pair: ["elbow", "hand"] }],
        },
        ellipse: { objects_to_annotate: ["wheel"] },
        cuboid: { objects_to_annotate: ["car"] },
      },
      annotation_attributes: {
        heading: { type: "angle", description: "Heading in degrees" },
        lane_count: { type: "number", description: "Lanes", min: 1, max: 8 },
      },
    },
    response: {
      annotations: [
        {
          uuid: "s1",
          type: "box",
          label: "sign",
          left: 40,
          top: 40,
          width: 30,
          height: 20,
          rotation: 0.3,
        },
        {
          uuid: "b1",
          type: "polygon",
          label: "building",
          vertices: [
            { x: 300, y: 50 },
            { x: 420, y: 50 },
            { x: 420, y: 200 },
            { x: 300, y: 200 },
          ],
        },
        {
          uuid: "l1",
          type: "line",
          label: "lane",
          attributes: { lane_count: 2 },
          vertices: [
            { x: 10, y: 470 },
            { x: 200, y: 300 },
          ],
        },
        { uuid: "p1", type: "point", label: "elbow", x: 100, y: 200 },
        { uuid: "p2", type: "point", label: "hand", x: 130, y: 240 },
        {
          uuid: "w1",
          type: "ellipse",
          label: "wheel",
          x: 500,
          y: 400,
          rx: 30,
          ry: 20,
          rotation: 0.1,
        },
        {
          uuid: "c1",
          type: "cuboid",
          label: "car",
          attributes: { heading: 270 },
          vertices: [
            { description: "face-topleft", x: 450, y: 250, type: "vertex" },
            { description: "face-topright", x: 550, y: 250, type: "vertex" },
            { description: "face-bottomright", x: 550, y: 330, type: "vertex" },
            { description: "face-bottomleft", x: 450, y: 330, type: "vertex" },
            { description: "side-topcorner", x: 600, y: 240, type: "vertex" },
            { description: "side-bottomcorner", x: 600, y: 310, type: "vertex" },
          ],
        },
      ],
    },
  },
];
