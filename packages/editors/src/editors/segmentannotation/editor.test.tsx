import { SegmentAnnotationParamsSchema } from "@taskforge/schema";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { segmentannotationEditor } from ".";

const params = SegmentAnnotationParamsSchema.parse({
  attachment: "https://example.com/street.png",
  labels: ["sky", "road"],
  image_width: 32,
  image_height: 24,
});

describe("segmentannotation editor", () => {
  it("renders on the server (no canvas there) with its tools, labels and the image", () => {
    const { Editor } = segmentannotationEditor;
    const html = renderToStaticMarkup(
      <Editor params={params} value={{}} onChange={() => undefined} issues={[]} />,
    );
    expect(html).toContain('aria-label="Mask tools"');
    expect(html).toMatch(/aria-pressed="true"[^>]*>Brush/);
    expect(html).toContain(">sky<");
    expect(html).toContain('src="https://example.com/street.png"');
  });

  it("lists issues and hides the tools when read-only", () => {
    const { Editor } = segmentannotationEditor;
    const html = renderToStaticMarkup(
      <Editor
        params={params}
        value={{}}
        onChange={() => undefined}
        issues={[{ path: ["mask", "data"], message: "leaves 3 pixels unlabeled" }]}
        readOnly
      />,
    );
    expect(html).not.toContain('aria-label="Mask tools"');
    expect(html).toContain("leaves 3 pixels unlabeled");
  });

  it("starts from the hypothesis", () => {
    const withHypothesis = SegmentAnnotationParamsSchema.parse({
      ...params,
      image_width: 2,
      image_height: 1,
      hypothesis: {
        mask: { width: 2, height: 1, encoding: "rle", data: "AQAAAAEAAAABAAAAAgAAAA==" },
        label_map: { "1": "road", "2": "sky" },
      },
    });
    const initial = segmentannotationEditor.initialValue(withHypothesis);
    expect(initial.label_map).toEqual({ "1": "sky", "2": "road" });
    // Runs (1, 2), (1, 1): the road pixel first, now index 2.
    expect((initial.mask as { data: string }).data).toBe("AQAAAAIAAAABAAAAAQAAAA==");
  });
});
