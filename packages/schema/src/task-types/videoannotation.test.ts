import { describe, expect, it } from "vitest";

import type { Annotation } from "./shared/geometry-shapes";
import { VideoAnnotationResponseSchema, videoannotationTaskType as t } from "./videoannotation";
import type { VideoAnnotationResponse } from "./videoannotation";

const frames = (n: number) => Array.from({ length: n }, (_, i) => `https://example.com/f${i}.jpg`);
const paramsInput = {
  attachments: frames(4),
  attachment_type: "image",
  frame_width: 100,
  frame_height: 100,
  geometries: { box: { objects_to_annotate: ["car", "bus"] } },
  annotation_attributes: {
    moving: { description: "Moving?", choices: ["yes", "no"] },
    side: {
      description: "Side",
      choices: ["left", "right"],
      conditions: { is_global: true, label_condition: { label: "turn" } },
    },
  },
  events_to_annotate: ["turn", "stop"],
};
const params = t.params.parse(paramsInput);

const paramIssue = (input: unknown) => {
  const issue = t.params.safeParse(input).error?.issues[0];
  return issue === undefined ? undefined : `${issue.path.join(".")}: ${issue.message}`;
};

describe("videoannotation params", () => {
  it("accepts frames or a video and leaves an absent frame_rate to the player", () => {
    // A video file's rate is learned from the file; a default here would hide that it was not given.
    expect(params.frame_rate).toBeUndefined();
    expect(
      t.params.parse({
        ...paramsInput,
        attachments: undefined,
        attachment: "https://example.com/v.webm",
        attachment_type: "video",
      }).frame_rate,
    ).toBeUndefined();
    for (const example of t.examples) expect(t.params.safeParse(example.params).success).toBe(true);
  });

  it.each([
    [
      "neither attachments nor attachment",
      { ...paramsInput, attachments: undefined },
      "attachments: give either attachments (frame images) or attachment (a video), exactly one",
    ],
    [
      "both",
      { ...paramsInput, attachment: "https://example.com/v.mp4" },
      "attachments: give either attachments",
    ],
    ["no frames", { ...paramsInput, attachments: [] }, "attachments: must have at least 1 frame"],
    [
      "a video with attachment_type image",
      { ...paramsInput, attachments: undefined, attachment: "https://example.com/v.mp4" },
      'attachments: is required when attachment_type is "image"',
    ],
    ["a zero frame_rate", { ...paramsInput, frame_rate: 0 }, "frame_rate: must be greater than 0"],
    [
      "frame_width alone",
      { ...paramsInput, frame_height: undefined },
      "frame_height: frame_width and frame_height must be given together",
    ],
    [
      "a duplicate event label",
      { ...paramsInput, events_to_annotate: ["turn", "turn"] },
      'events_to_annotate.1: duplicate event label "turn"',
    ],
    [
      "a global attribute conditioned on an unknown event",
      { ...paramsInput, events_to_annotate: ["stop"] },
      'annotation_attributes.side.conditions.label_condition.label: "turn" is not a label of this task',
    ],
  ])("rejects %s", (_name, input, expected) => {
    expect(paramIssue(input)).toContain(expected);
  });
});

const car = (uuid: string, left: number, extra: Partial<Annotation> = {}): Annotation =>
  ({
    uuid,
    type: "box",
    label: "car",
    left,
    top: 10,
    width: 20,
    height: 20,
    ...extra,
  }) as Annotation;

const check = (response: unknown) =>
  t
    .checkResponse(params, VideoAnnotationResponseSchema.parse(response))
    .map((issue) => `${issue.path.join(".")}: ${issue.message}`);

describe("videoannotation response checks", () => {
  it("accepts a track across frames and valid events", () => {
    expect(
      check({
        frames: [
          { frame: 0, annotations: [car("t1", 0, { attributes: { moving: "yes" } })] },
          { frame: 3, annotations: [car("t1", 10)] },
        ],
        events: [
          {
            uuid: "e1",
            label: "turn",
            type: "range",
            start_frame: 1,
            end_frame: 3,
            attributes: { side: "left" },
          },
          { uuid: "e2", label: "stop", type: "event", start_frame: 2 },
        ],
      }),
    ).toEqual([]);
  });

  it.each([
    [
      "a frame past the last attachment",
      { frames: [{ frame: 4, annotations: [] }] },
      "frames.0.frame: must be below the number of frames (4)",
    ],
    [
      "a frame listed twice",
      {
        frames: [
          { frame: 1, annotations: [] },
          { frame: 1, annotations: [] },
        ],
      },
      "frames.1.frame: frame 1 is listed twice (also frames[0])",
    ],
    [
      "a uuid twice in one frame",
      { frames: [{ frame: 0, annotations: [car("t", 0), car("t", 50)] }] },
      'frames.0.annotations.1.uuid: duplicate uuid "t"',
    ],
    [
      "a track changing label",
      {
        frames: [
          { frame: 0, annotations: [car("t", 0)] },
          { frame: 1, annotations: [car("t", 0, { label: "bus" })] },
        ],
      },
      'frames.1.annotations.0.label: track "t" is a box "car" in frame 0; a uuid keeps its type and label across frames',
    ],
    [
      "an annotation leaving the frame",
      { frames: [{ frame: 0, annotations: [car("t", 90)] }] },
      "frames.0.annotations.0: box must lie inside the 100×100 image",
    ],
    [
      "an unknown event label",
      { frames: [], events: [{ uuid: "e", label: "jump", type: "event", start_frame: 0 }] },
      'events.0.label: "jump" is not one of events_to_annotate: turn, stop',
    ],
    [
      "a range without end",
      { frames: [], events: [{ uuid: "e", label: "turn", type: "range", start_frame: 0 }] },
      'events.0.end_frame: is required for a "range" event',
    ],
    [
      "a range ending before it starts",
      {
        frames: [],
        events: [{ uuid: "e", label: "turn", type: "range", start_frame: 2, end_frame: 1 }],
      },
      "events.0.end_frame: must not be before start_frame",
    ],
    [
      "an instant with an end",
      {
        frames: [],
        events: [{ uuid: "e", label: "stop", type: "event", start_frame: 1, end_frame: 2 }],
      },
      'events.0.end_frame: is not allowed on an instant "event"',
    ],
    [
      "an event past the last frame",
      { frames: [], events: [{ uuid: "e", label: "stop", type: "event", start_frame: 9 }] },
      "events.0.start_frame: must be below the number of frames (4)",
    ],
    [
      "a duplicate event uuid",
      {
        frames: [],
        events: [
          { uuid: "e", label: "stop", type: "event", start_frame: 0 },
          { uuid: "e", label: "stop", type: "event", start_frame: 1 },
        ],
      },
      'events.1.uuid: duplicate event uuid "e"',
    ],
    [
      "an event attribute whose label condition fails",
      {
        frames: [],
        events: [
          { uuid: "e", label: "stop", type: "event", start_frame: 0, attributes: { side: "left" } },
        ],
      },
      'events.0.attributes.side: is only allowed when the label is "turn"',
    ],
  ])("reports %s", (_name, response, expected) => {
    const issues = check(response);
    expect(issues.some((issue) => issue.startsWith(expected)) ? expected : issues).toBe(expected);
  });

  it("refuses events when the task has none, and frame indices that are not whole", () => {
    const noEvents = t.params.parse({
      ...paramsInput,
      events_to_annotate: undefined,
      annotation_attributes: undefined,
    });
    const response = {
      frames: [],
      events: [{ uuid: "e", label: "stop", type: "event" as const, start_frame: 0 }],
    };
    expect(t.checkResponse(noEvents, response)[0]?.message).toBe(
      "events are not allowed: the task has no events_to_annotate",
    );
    expect(
      VideoAnnotationResponseSchema.safeParse({ frames: [{ frame: 0.5, annotations: [] }] }).error
        ?.issues[0]?.message,
    ).toBe("must be a whole frame index");
  });

  it("has placeholders and examples that pass the checks", () => {
    for (const example of t.examples) {
      const exampleParams = t.params.parse(example.params);
      expect(t.checkResponse(exampleParams, t.response.parse(example.response))).toEqual([]);
      expect(t.checkResponse(exampleParams, t.placeholderResponse(exampleParams))).toEqual([]);
    }
  });
});

describe("videoannotation consolidation and scoring", () => {
  const track = (uuid: string, lefts: (number | undefined)[]): VideoAnnotationResponse => ({
    frames: lefts.flatMap((left, frame) =>
      left === undefined ? [] : [{ frame, annotations: [car(uuid, left)] }],
    ),
  });

  it("keeps one track id across frames whichever Taskers drew it there", () => {
    // Response 0 misses the car in frame 1; the track must still be "a" there, not "b".
    const result = t.consolidate(params, [
      track("a", [0, undefined, 2]),
      track("b", [0, 1, 2]),
      track("c", [0, 1, 2]),
    ]);
    expect(result.response.frames.map((f) => f.annotations.map((a) => a.uuid))).toEqual([
      ["a"],
      ["a"],
      ["a"],
    ]);
    // Frames 0 and 2 agree fully; frame 1 scores 0 for pairs with response 0: (0 + 0 + 1) / 3.
    expect(result.agreement).toBeCloseTo((1 + 1 / 3 + 1) / 3, 12);
  });

  it("consolidates events by temporal IoU, averaging their frames", () => {
    const withEvents = (start: number, end: number): VideoAnnotationResponse => ({
      frames: [],
      events: [
        { uuid: `e${start}`, label: "turn", type: "range", start_frame: start, end_frame: end },
      ],
    });
    const result = t.consolidate(params, [withEvents(0, 3), withEvents(1, 3), withEvents(3, 3)]);
    // [0,3] and [1,3] match (IoU 3/4); [3,3] matches neither well enough with both (1/4, 1/3).
    expect(result.response.events).toEqual([
      { uuid: "e0", label: "turn", type: "range", start_frame: 1, end_frame: 3 },
    ]);
  });

  it("reports a tie when half the Taskers marked an event", () => {
    const result = t.consolidate(params, [
      { frames: [], events: [{ uuid: "e", label: "stop", type: "event", start_frame: 2 }] },
      { frames: [], events: [] },
    ]);
    expect(result.response.events).toEqual([]);
    expect(result.tied).toBe(true);
    expect(result.agreement).toBe(0);
  });

  it("scores against gold per frame, with events as one more frame", () => {
    const gold: VideoAnnotationResponse = {
      ...track("g", [0, 0]),
      events: [{ uuid: "e", label: "stop", type: "event", start_frame: 1 }],
    };
    expect(t.scoreAgainstGold(params, gold, gold)).toBe(1);
    const missingFrame = { ...track("x", [0]), events: gold.events };
    expect(t.scoreAgainstGold(params, missingFrame, gold)).toBeCloseTo(2 / 3, 12);
    // The instant one frame off counts half.
    const late = {
      ...track("x", [0, 0]),
      events: [{ uuid: "e", label: "stop", type: "event" as const, start_frame: 2 }],
    };
    expect(t.scoreAgainstGold(params, late, gold)).toBeCloseTo((1 + 1 + 0.5) / 3, 12);
  });
});
