import { VideoAnnotationParamsSchema, videoannotationTaskType } from "@taskforge/schema";
import type { BoxAnnotation } from "@taskforge/schema";
import { describe, expect, it } from "vitest";

import {
  annotationsAt,
  endTrackBefore,
  initialVideoValue,
  putKeyframe,
  relabelTrack,
  removeTrack,
  tracksOf,
} from "./frames";

const params = VideoAnnotationParamsSchema.parse({
  attachments: Array.from({ length: 10 }, (_, i) => `https://example.com/frame-${i}.png`),
  frame_width: 400,
  frame_height: 300,
  geometries: {
    box: { objects_to_annotate: ["car", "truck"] },
    point: { objects_to_annotate: ["eye"] },
  },
  events_to_annotate: ["brake"],
});
const box = (uuid: string, left: number, extra: Partial<BoxAnnotation> = {}): BoxAnnotation => ({
  uuid,
  type: "box",
  label: "car",
  left,
  top: 10,
  width: 50,
  height: 40,
  ...extra,
});

describe("frame-wise response", () => {
  it("materializes every frame between keyframes and passes the schema's check", () => {
    let value = initialVideoValue(params);
    expect(value).toEqual({ frames: [], events: [] });
    value = putKeyframe(value, 0, box("a", 0));
    value = putKeyframe(value, 9, box("a", 90));
    value = putKeyframe(value, 4, { uuid: "p", type: "point", label: "eye", x: 5, y: 5 });
    const frames = value.frames as {
      frame: number;
      annotations: { uuid: string; left?: number }[];
    }[];
    expect(frames.map((frame) => frame.frame)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(frames[5]?.annotations).toEqual([box("a", 50)]);
    expect(frames[4]?.annotations.map((a) => a.uuid)).toEqual(["a", "p"]);
    const response = videoannotationTaskType.response.parse(value);
    expect(videoannotationTaskType.checkResponse(params, response)).toEqual([]);
  });

  it("keeps a shape's place in its frame when it is edited", () => {
    let value = putKeyframe(initialVideoValue(params), 0, box("a", 0));
    value = putKeyframe(value, 0, box("b", 100));
    value = putKeyframe(value, 0, box("a", 5));
    expect(annotationsAt(value, 0).map((a) => [a.uuid, (a as BoxAnnotation).left])).toEqual([
      ["a", 5],
      ["b", 100],
    ]);
  });

  it("relabels a whole track, ends it, removes it", () => {
    let value = putKeyframe(initialVideoValue(params), 0, box("a", 0));
    value = putKeyframe(value, 3, box("a", 30));
    value = relabelTrack(value, "a", "truck");
    expect(tracksOf(value)).toEqual([
      { uuid: "a", label: "truck", type: "box", first: 0, last: 3, frames: 4 },
    ]);
    value = endTrackBefore(value, "a", 2);
    expect(tracksOf(value)[0]).toMatchObject({ first: 0, last: 1 });
    expect((value.frames as unknown[]).length).toBe(2);
    expect(removeTrack(value, "a")).toEqual({ frames: [], events: [] });
  });

  it("omits the events list when the task has no events", () => {
    const { events_to_annotate: _, ...rest } = params;
    expect(initialVideoValue({ ...rest })).toEqual({ frames: [] });
  });
});

describe("videoannotation editor", () => {
  it("renders on the server with frames, tracks and events", async () => {
    const { renderToStaticMarkup } = await import("react-dom/server");
    const { createElement } = await import("react");
    const { videoannotationEditor } = await import(".");
    let value = putKeyframe(initialVideoValue(params), 0, box("a", 0));
    value = putKeyframe(value, 2, box("a", 20));
    const html = renderToStaticMarkup(
      createElement(videoannotationEditor.Editor, {
        params,
        value,
        onChange: () => undefined,
        issues: [{ path: ["frames", 1, "annotations", 0, "width"], message: "too small" }],
      }),
    );
    expect(html).toContain('aria-label="Frame 0: 1 shape"');
    expect(html).toContain('aria-label="Frame 1: 1 shape, has problems"');
    expect(html).toContain('aria-label="Frame 9: 0 shapes"');
    expect(html).toContain("frames 0–2");
    expect(html).toContain("Mark “brake” at frame 0");
    // Frame 1's problem is listed (the canvas shows frame 0).
    expect(html).toContain("frames › 1 › annotations › 0 › width: too small");
  });
});
