import { decodeLabels, generateLidarScene, lidarDemoParams } from "@taskforge/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startWorkspaceWorld } from "./workspace-world";
import type { WorkspaceWorld } from "./workspace-world";

const POINTS = 100_000;
const scene = generateLidarScene({ frames: 3, pointsPerFrame: POINTS, seed: 11 });
let world: WorkspaceWorld;
let taskId: string;

beforeAll(async () => {
  world = await startWorkspaceWorld();
  const urls: string[] = [];
  for (const [index, frame] of scene.frames.entries()) {
    urls.push(
      await world.uploadFile(`frame-${index}.json`, JSON.stringify(frame), "application/json"),
    );
  }
  taskId = await world.createTask("lidarsegmentation", {
    instruction: "Label the vehicle.",
    ...lidarDemoParams(urls, POINTS),
  });
}, 300_000);
afterAll(async () => {
  await world.stop();
});

type Vertex = { x: number; y: number };

/** Even-odd containment, written out here rather than taken from the editor. */
const inside = (polygon: readonly Vertex[], x: number, y: number) => {
  let result = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i] as Vertex;
    const b = polygon[j] as Vertex;
    if (a.y > y !== b.y > y && x < ((b.x - a.x) * (y - a.y)) / (b.y - a.y) + a.x) result = !result;
  }
  return result;
};

/**
 * The points a screen-space lasso encloses, projected with the camera the editor reports: the
 * frame's coordinates as the GPU holds them (float32), through the column-major view-projection
 * matrix onto the viewport's CSS pixels; points behind the camera or beyond its range are out.
 */
const expectedSelection = (
  frame: readonly (readonly number[])[],
  projection: { matrix: number[]; width: number; height: number },
  polygon: readonly Vertex[],
) => {
  const m = projection.matrix.map((value) => value);
  const expected = new Set<number>();
  frame.forEach((point, index) => {
    const [x, y, z] = [0, 1, 2].map((axis) => Math.fround(point[axis] ?? 0)) as [
      number,
      number,
      number,
    ];
    const w = (m[3] ?? 0) * x + (m[7] ?? 0) * y + (m[11] ?? 0) * z + (m[15] ?? 0);
    const depth = ((m[2] ?? 0) * x + (m[6] ?? 0) * y + (m[10] ?? 0) * z + (m[14] ?? 0)) / w;
    if (!(w > 0) || depth < -1 || depth > 1) return;
    const ndcX = ((m[0] ?? 0) * x + (m[4] ?? 0) * y + (m[8] ?? 0) * z + (m[12] ?? 0)) / w;
    const ndcY = ((m[1] ?? 0) * x + (m[5] ?? 0) * y + (m[9] ?? 0) * z + (m[13] ?? 0)) / w;
    const sx = ((ndcX + 1) / 2) * projection.width;
    const sy = ((1 - ndcY) / 2) * projection.height;
    if (inside(polygon, sx, sy)) expected.add(index);
  });
  return expected;
};

describe("labelling a lidar task in the workspace", () => {
  it("labels exactly the points inside a lasso, and the API returns them", async () => {
    const { page, context } = await world.newTasker({ types: ["lidarsegmentation"] });
    try {
      const started = await world.startWork(page);
      expect(started.taskId).toBe(taskId);
      const viewport = page.locator("[data-lidar-viewport]");
      await viewport.and(page.locator('[data-loaded="true"]')).waitFor({ timeout: 120_000 });
      await expect.poll(() => viewport.getAttribute("data-point-count")).toBe(String(POINTS));

      // A top-down view, then wait until a render reports the camera it used.
      // The first render (the default view) must be done, or it could be taken for the top view's.
      await expect
        .poll(() => viewport.getAttribute("data-rendered"), { timeout: 60_000 })
        .toBe("true");
      const before = await viewport.getAttribute("data-view-projection");
      await page.getByRole("button", { name: "Top view" }).click();
      await expect
        .poll(() => viewport.getAttribute("data-view-projection"), { timeout: 30_000 })
        .not.toBe(before);
      await world.screenshot(page, "lidar-top-view");

      await page
        .getByRole("button", { name: /^vehicle/ })
        .first()
        .click();
      await page.getByRole("button", { name: "Lasso" }).click();
      await viewport.scrollIntoViewIfNeeded();
      const box = await viewport.boundingBox();
      if (!box) throw new Error("the viewport has no box");
      // A concave lasso over the left half of the scene, at whole page pixels.
      const left = Math.ceil(box.x);
      const top = Math.ceil(box.y);
      const cx = Math.round(box.width / 2);
      const cy = Math.round(box.height / 2);
      const page_ = [
        { x: left + cx - 160, y: top + cy - 90 },
        { x: left + cx - 20, y: top + cy - 110 },
        { x: left + cx - 60, y: top + cy - 10 },
        { x: left + cx + 10, y: top + cy + 80 },
        { x: left + cx - 140, y: top + cy + 100 },
      ];
      const first = page_[0] as Vertex;
      await page.mouse.move(first.x, first.y);
      await page.mouse.down();
      for (const vertex of page_.slice(1)) await page.mouse.move(vertex.x, vertex.y);
      await page.mouse.up();
      const status = page.locator('[data-editor="lidarsegmentation"] [role="status"]');
      await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain("Lasso:");
      await world.screenshot(page, "lidar-lasso-labelled");

      // The camera and the viewport's place as they were during the gesture: a scroll bar that
      // appeared since the top view was drawn changes both.
      // The selection surface (inside the viewport's border) is what the editor measures from.
      const after = await viewport.locator("[data-selection-surface]").boundingBox();
      if (!after) throw new Error("the selection surface has no box");
      const camera = JSON.parse((await viewport.getAttribute("data-view-projection")) ?? "{}") as {
        matrix: number[];
        width: number;
        height: number;
      };
      const polygon = page_.map((vertex) => ({ x: vertex.x - after.x, y: vertex.y - after.y }));
      const expected = expectedSelection(scene.frames[0]?.points ?? [], camera, polygon);
      expect(expected.size).toBeGreaterThan(500);
      expect(expected.size).toBeLessThan(POINTS / 2);
      expect(await status.textContent()).toBe(`Lasso: ${expected.size} points labelled vehicle`);

      await world.submit(page);
      const response = await world.storedResponse(taskId);
      const labelMap = response.label_map as Record<string, string>;
      const vehicle = Number(Object.entries(labelMap).find(([, name]) => name === "vehicle")?.[0]);
      const frames = response.frames as { frame: number; labels: string }[];
      expect(frames.map((entry) => entry.frame).sort()).toEqual([0, 1, 2]);
      const labels = decodeLabels(frames.find((entry) => entry.frame === 0)?.labels ?? "");
      expect(labels).toHaveLength(POINTS);
      const labelled = new Set<number>();
      labels.forEach((label, index) => {
        if (label === vehicle) labelled.add(index);
        else expect(label).toBe(0);
      });
      expect([...labelled].filter((index) => !expected.has(index))).toEqual([]);
      expect([...expected].filter((index) => !labelled.has(index))).toEqual([]);
      for (const frame of [1, 2]) {
        const other = decodeLabels(frames.find((entry) => entry.frame === frame)?.labels ?? "");
        expect(other).toHaveLength(POINTS);
        expect(other.every((label) => label === 0)).toBe(true);
      }
    } finally {
      await context.close();
    }
  }, 300_000);
});
