import type { TaskTypeExample } from "../definition";

const frame = (n: number) => `https://example.com/clip/frame-${String(n).padStart(4, "0")}.jpg`;

/** Fixtures for videoannotation, in the input form a customer and a Tasker would send. */
export const videoAnnotationExamples: readonly TaskTypeExample[] = [
  {
    name: "a car tracked over three frames, with a lane-change range event",
    params: {
      attachments: [frame(0), frame(1), frame(2)],
      attachment_type: "image",
      frame_rate: 10,
      frame_width: 1280,
      frame_height: 720,
      geometries: {
        box: { objects_to_annotate: ["car", "pedestrian"], min_width: 4, min_height: 4 },
      },
      annotation_attributes: {
        moving: { description: "Is the car moving?", choices: ["yes", "no"] },
        lane: {
          description: "Which lane does the car change to?",
          choices: ["left", "right"],
          conditions: { is_global: true, label_condition: { label: "lane_change" } },
        },
      },
      events_to_annotate: ["lane_change", "brake"],
    },
    response: {
      frames: [
        {
          frame: 0,
          annotations: [
            {
              uuid: "car-1",
              type: "box",
              label: "car",
              attributes: { moving: "yes" },
              left: 100,
              top: 300,
              width: 200,
              height: 120,
            },
          ],
        },
        {
          frame: 1,
          annotations: [
            {
              uuid: "car-1",
              type: "box",
              label: "car",
              attributes: { moving: "yes" },
              left: 140,
              top: 302,
              width: 200,
              height: 120,
            },
          ],
        },
        {
          frame: 2,
          annotations: [
            {
              uuid: "car-1",
              type: "box",
              label: "car",
              attributes: { moving: "yes" },
              left: 180,
              top: 304,
              width: 200,
              height: 120,
            },
          ],
        },
      ],
      events: [
        {
          uuid: "ev-1",
          label: "lane_change",
          type: "range",
          start_frame: 0,
          end_frame: 2,
          attributes: { lane: "left" },
        },
      ],
    },
  },
  {
    name: "a video file with skeleton points and an instant event",
    params: {
      attachment: "https://example.com/clip.mp4",
      attachment_type: "video",
      geometries: {
        point: { objects_to_annotate: ["head", "hand"], connections: [{ pair: ["head", "hand"] }] },
      },
      events_to_annotate: ["wave"],
    },
    response: {
      frames: [
        {
          frame: 0,
          annotations: [
            { uuid: "h", type: "point", label: "head", x: 50, y: 20 },
            { uuid: "r", type: "point", label: "hand", x: 80, y: 60 },
          ],
        },
        { frame: 5, annotations: [{ uuid: "r", type: "point", label: "hand", x: 90, y: 30 }] },
      ],
      events: [{ uuid: "w", label: "wave", type: "event", start_frame: 5 }],
    },
  },
];
