import { taskTypes } from "@taskforge/schema";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { AudioTranscriptionEditor } from "./editor";
import { makeSegment, responseOf } from "./timing";

const example = taskTypes.audiotranscription.examples[0];
if (!example) throw new Error("missing example");
const params = taskTypes.audiotranscription.params.parse(example.params);
const value = responseOf([makeSegment("Hello there", 0, 1), makeSegment("again", 2, 3)], 4);

const render = (props: Partial<Parameters<typeof AudioTranscriptionEditor>[0]> = {}) =>
  renderToStaticMarkup(
    <AudioTranscriptionEditor
      params={params}
      value={value}
      onChange={() => undefined}
      issues={[]}
      {...props}
    />,
  );

describe("AudioTranscriptionEditor on the server", () => {
  it("renders the player and one row per segment without touching wavesurfer", () => {
    const html = render();
    expect(html).toContain('aria-label="Waveform"');
    expect(html).toContain('aria-label="Segment 1"');
    expect(html).toContain('value="Hello there"');
    expect(html).toContain('aria-label="Segment 2"');
    expect(html).toContain('value="0:02.00"');
  });

  it("shows a word issue on the segment holding the word, others above", () => {
    const html = render({
      issues: [
        { path: ["alignment", 2, "end"], message: "must not be after the end of the audio" },
        { path: ["transcript"], message: "is wrong" },
      ],
    });
    expect(html).toMatch(
      /Problems with segment 2.*alignment\[2\]\.end: must not be after the end of the audio/u,
    );
    expect(html).not.toMatch(/Problems with segment 1/u);
    expect(html).toMatch(/Transcript problems.*transcript: is wrong/u);
  });

  it("shows no editing controls when read-only", () => {
    const html = render({ readOnly: true });
    expect(html).not.toContain("Add segment at playhead");
    expect(html).not.toContain("Remove segment");
  });
});
