import { LidarSegmentationParamsSchema } from "@taskforge/schema";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { lidarsegmentationEditor } from ".";

const params = LidarSegmentationParamsSchema.parse({
  attachments: ["https://example.com/0.json", "https://example.com/1.json"],
  labels: ["ground", { name: "car", color: "#ff0000" }],
});

describe("lidarsegmentation editor", () => {
  it("renders on the server (three.js loads only in the browser) with a progress bar", () => {
    const { Editor } = lidarsegmentationEditor;
    const html = renderToStaticMarkup(
      <Editor params={params} value={{}} onChange={() => undefined} issues={[]} />,
    );
    expect(html).toContain("Loading 2 frames");
    expect(html).toContain("<progress");
    expect(html).toMatch(/aria-pressed="true"[^>]*>Navigate/);
    expect(html).toContain("rgb(255,0,0)");
    expect(html).toContain("Frame 1 of 2");
  });

  it("has no labelling tools when read-only", () => {
    const { Editor } = lidarsegmentationEditor;
    const html = renderToStaticMarkup(
      <Editor params={params} value={{}} onChange={() => undefined} issues={[]} readOnly />,
    );
    expect(html).not.toContain(">Lasso<");
    expect(html).toContain("Top view");
  });
});
