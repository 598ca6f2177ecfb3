import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { TimelineBar } from "./timeline-bar";

describe("TimelineBar", () => {
  it("places frames with shapes, keyframes and the current frame along a long video", () => {
    const html = renderToStaticMarkup(
      createElement(TimelineBar, {
        frameCount: 1000,
        frame: 499,
        withShapes: [0, 1, 2, 999],
        keyframes: new Set([0, 999]),
        onGoTo: () => undefined,
      }),
    );
    expect(html).toContain('data-frame="499"');
    expect(html.match(/bg-brand-300/g)).toHaveLength(4);
    expect(html.match(/◆/g)).toHaveLength(2);
    // Each mark sits at its frame's middle: frame 999 of 1000 at 99.95%.
    expect(html).toContain("left:99.95%");
    expect(html).toContain("left:49.95%");
  });
});
