import type { TaskTypeExample } from "../definition";
import { encodeMask } from "./mask-rle";

/** Fixtures for segmentannotation, in the input form a customer and a Tasker would send. */
export const segmentAnnotationExamples: readonly TaskTypeExample[] = [
  {
    name: "a tiny street scene: sky, road and a car (nested vehicle label)",
    params: {
      attachment: "https://example.com/street-4x3.png",
      attachment_type: "image",
      labels: ["sky", "road", { choice: "vehicle", subchoices: ["car", "bus"] }],
      image_width: 4,
      image_height: 3,
    },
    response: {
      // sky sky sky sky / road car car road / road road road road
      mask: encodeMask([1, 1, 1, 1, 2, 3, 3, 2, 2, 2, 2, 2], 4, 3),
      label_map: { "1": "sky", "2": "road", "3": "car" },
    },
  },
  {
    name: "unlabeled pixels allowed",
    params: {
      attachment: "s3://bucket/scan.png",
      labels: ["lesion"],
      allow_unlabeled: true,
      image_width: 3,
      image_height: 2,
    },
    response: {
      mask: encodeMask([0, 0, 1, 0, 1, 1], 3, 2),
      label_map: { "1": "lesion" },
    },
  },
];
