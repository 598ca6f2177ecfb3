import { decodeMask, generateMaskImage, maskDemoParams } from "@taskforge/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startWorkspaceWorld } from "./workspace-world";
import type { WorkspaceWorld } from "./workspace-world";

const image = generateMaskImage({ width: 320, height: 240 });
let world: WorkspaceWorld;
let taskId: string;

beforeAll(async () => {
  world = await startWorkspaceWorld();
  const url = await world.uploadFile("street.png", image.png, "image/png");
  taskId = await world.createTask("segmentannotation", {
    instruction: "Paint the car.",
    ...maskDemoParams(url, image),
  });
}, 300_000);
afterAll(async () => {
  await world.stop();
});

describe("painting a segmentation mask in the workspace", () => {
  it("stores exactly the pixels a brush stroke covers, with the chosen label", async () => {
    const { page, context } = await world.newTasker({ types: ["segmentannotation"] });
    try {
      const started = await world.startWork(page);
      expect(started.taskId).toBe(taskId);
      const surface = page.locator("[data-mask-surface]");
      await surface.waitFor();
      await expect
        .poll(() =>
          page
            .locator('img[alt="Image to segment"]')
            .evaluate((img) => (img as HTMLImageElement).naturalWidth),
        )
        .toBe(320);

      await page.getByRole("button", { name: /^car/ }).click();
      expect(await page.getByRole("button", { name: "Brush" }).getAttribute("aria-pressed")).toBe(
        "true",
      );
      await surface.scrollIntoViewIfNeeded();
      const box = await surface.boundingBox();
      if (!box) throw new Error("the mask surface has no box");
      // One straight stroke at whole page pixels, brush 10 px (radius 5).
      const from = { x: Math.ceil(box.x) + 60, y: Math.ceil(box.y) + 150 };
      const to = { x: Math.ceil(box.x) + 150, y: Math.ceil(box.y) + 165 };
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(to.x, to.y);
      await page.mouse.up();
      await world.screenshot(page, "mask-stroke");

      // The same mapping the editor uses: CSS pixels over the surface, scaled to image pixels.
      const toImage = (point: { x: number; y: number }) => ({
        x: ((point.x - box.x) * image.width) / box.width,
        y: ((point.y - box.y) * image.height) / box.height,
      });
      const a = toImage(from);
      const b = toImage(to);
      const radius = 5;
      const expected = new Set<number>();
      for (let y = 0; y < image.height; y += 1) {
        for (let x = 0; x < image.width; x += 1) {
          const px = x + 0.5;
          const py = y + 0.5;
          const dx = b.x - a.x;
          const dy = b.y - a.y;
          const t = Math.max(
            0,
            Math.min(1, ((px - a.x) * dx + (py - a.y) * dy) / (dx * dx + dy * dy)),
          );
          if ((a.x + t * dx - px) ** 2 + (a.y + t * dy - py) ** 2 <= radius * radius) {
            expected.add(y * image.width + x);
          }
        }
      }
      expect(expected.size).toBeGreaterThan(500);

      await world.submit(page);
      const response = await world.storedResponse(taskId);
      const mask = response.mask as { width: number; height: number; data: string };
      expect(mask.width).toBe(320);
      expect(mask.height).toBe(240);
      const labelMap = response.label_map as Record<string, string>;
      const car = Number(Object.entries(labelMap).find(([, name]) => name === "car")?.[0]);
      const pixels = decodeMask(mask);
      const painted = new Set<number>();
      pixels.forEach((index, pixel) => {
        if (index === car) painted.add(pixel);
        else expect(index).toBe(0);
      });
      expect([...painted].filter((pixel) => !expected.has(pixel))).toEqual([]);
      expect([...expected].filter((pixel) => !painted.has(pixel))).toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);
});
