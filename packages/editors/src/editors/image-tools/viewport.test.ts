import { describe, expect, it } from "vitest";

import { fitView, panBy, toImage, toScreen, zoomAbout } from "./viewport";

describe("viewport", () => {
  it("fits the image centred in the canvas", () => {
    const view = fitView({ width: 400, height: 300 }, { width: 832, height: 332 }, 16);
    expect(view.scale).toBe(1);
    expect(view).toEqual({ scale: 1, x: 216, y: 16 });
  });

  it("maps screen and image points both ways", () => {
    const view = { scale: 2, x: 10, y: 20 };
    expect(toImage(view, { x: 210, y: 120 })).toEqual({ x: 100, y: 50 });
    expect(toScreen(view, { x: 100, y: 50 })).toEqual({ x: 210, y: 120 });
  });

  it("zooms about the cursor: the image point under it stays under it", () => {
    const view = { scale: 1, x: 0, y: 0 };
    const cursor = { x: 120, y: 80 };
    const zoomed = zoomAbout(view, cursor, 2);
    expect(zoomed.scale).toBe(2);
    expect(toImage(zoomed, cursor)).toEqual(toImage(view, cursor));
  });

  it("pans by screen pixels", () => {
    expect(panBy({ scale: 3, x: 1, y: 2 }, 5, -5)).toEqual({ scale: 3, x: 6, y: -3 });
  });
});
