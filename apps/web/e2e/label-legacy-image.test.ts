import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startWorkspaceWorld } from "./workspace-world";
import type { WorkspaceWorld } from "./workspace-world";

let world: WorkspaceWorld;
let imageUrl: string;

/** A 400×300 pasture with two cows, drawn here (no image files in the repository). */
const PASTURE = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300">
  <rect width="400" height="300" fill="#bbf7d0"/>
  <rect y="200" width="400" height="100" fill="#65a30d"/>
  <ellipse cx="150" cy="170" rx="90" ry="50" fill="#f8fafc" stroke="#0f172a" stroke-width="4"/>
  <ellipse cx="310" cy="200" rx="40" ry="24" fill="#78350f"/>
</svg>`;

beforeAll(async () => {
  world = await startWorkspaceWorld();
  imageUrl = await world.uploadFile("pasture.svg", PASTURE, "image/svg+xml");
}, 180_000);
afterAll(async () => {
  await world.stop();
});

/** The editor's canvas and a mapping from image pixels to the page's pixels at the current zoom. */
const canvasOf = (page: Page) => {
  const editor = page.locator('section[aria-label="Editor"]');
  const svg = editor.locator("svg[data-scale]");
  const toPage = async (x: number, y: number) => {
    const box = await svg.boundingBox();
    if (!box) throw new Error("the canvas is not visible");
    const scale = Number(await svg.getAttribute("data-scale"));
    const offsetX = Number(await svg.getAttribute("data-offset-x"));
    const offsetY = Number(await svg.getAttribute("data-offset-y"));
    return { x: box.x + offsetX + x * scale, y: box.y + offsetY + y * scale };
  };
  const drag = async (from: [number, number], to: [number, number]) => {
    const start = await toPage(...from);
    const end = await toPage(...to);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 3 });
    await page.mouse.move(end.x, end.y, { steps: 3 });
    await page.mouse.up();
  };
  const click = async (x: number, y: number) => {
    const at = await toPage(x, y);
    await page.mouse.click(at.x, at.y);
  };
  return { editor, svg, drag, click };
};

type Stored = { annotations: Record<string, unknown>[] };

const near = (actual: unknown, expected: number) => {
  expect(typeof actual).toBe("number");
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(2);
};

describe("labeling Scale's legacy image types in the workspace", () => {
  it("draws a labeled box over layers and a label-less polygon; REST returns the legacy shapes", async () => {
    const { page, context } = await world.newTasker({
      types: ["annotation", "polygonannotation"],
    });
    try {
      // Scale's SDK test body for `annotation` (sizes as strings), on our image, with an example.
      const boxTask = await world.createTask("annotation", {
        instruction: "Draw a box around each **baby cow** and **big cow**",
        attachment_type: "image",
        attachment: imageUrl,
        image_width: 400,
        image_height: 300,
        min_width: "30",
        min_height: "30",
        objects_to_annotate: ["baby cow", "big cow"],
        with_labels: true,
        examples: [{ image: imageUrl, correct: true, explanation: "One box per cow" }],
        // Known context, drawn under the work: neither editable nor part of the answer.
        layers: { boxes: [{ left: 270, top: 176, width: 80, height: 48, label: "done already" }] },
      });
      expect((await world.startWork(page)).taskId).toBe(boxTask);
      const box = canvasOf(page);
      await box.svg.waitFor();
      // The image editor, restricted to boxes: no other geometry's tool is offered.
      await expect(box.editor.getByRole("button", { name: /^Polygon/ }).count()).resolves.toBe(0);
      await expect(box.editor.getByText("Right: One box per cow").isVisible()).resolves.toBe(true);
      const layers = box.svg.locator("g[data-layers]");
      await expect(layers.getAttribute("data-layers")).resolves.toBe("1");
      await expect(layers.textContent()).resolves.toContain("done already");
      await box.editor.getByRole("button", { name: "big cow" }).click();
      await box.drag([60, 120], [240, 220]);
      await world.screenshot(page, "legacy-annotation-editor");
      await world.submit(page);

      const boxes = (await world.storedResponse(boxTask)) as Stored;
      expect(boxes.annotations).toHaveLength(1);
      const [drawn] = boxes.annotations;
      expect(Object.keys(drawn ?? {}).sort()).toEqual([
        "height",
        "label",
        "left",
        "top",
        "uuid",
        "width",
      ]);
      expect(drawn).toMatchObject({ label: "big cow" });
      near(drawn?.left, 60);
      near(drawn?.top, 120);
      near(drawn?.width, 180);
      near(drawn?.height, 100);

      // Scale's SDK test body for `polygonannotation`, asking for no labels this time.
      const polygonTask = await world.createTask("polygonannotation", {
        instruction: "Draw a tight shape around the big cow",
        attachment_type: "image",
        attachment: imageUrl,
        image_width: 400,
        image_height: 300,
        objects_to_annotate: ["big cow"],
      });
      expect((await world.startWork(page)).taskId).toBe(polygonTask);
      const polygon = canvasOf(page);
      await polygon.svg.waitFor();
      await expect(polygon.editor.getByRole("button", { name: /^Box/ }).count()).resolves.toBe(0);
      const polygonTool = polygon.editor.getByRole("button", { name: /^Polygon/ });
      if ((await polygonTool.count()) > 0) await polygonTool.click();
      await polygon.click(60, 170);
      await polygon.click(150, 115);
      await polygon.click(240, 170);
      await polygon.click(150, 222);
      await polygon.click(60, 170); // back on the first vertex: closed
      await world.screenshot(page, "legacy-polygonannotation-editor");
      await world.submit(page);

      const polygons = (await world.storedResponse(polygonTask)) as Stored;
      expect(polygons.annotations).toHaveLength(1);
      const [shape] = polygons.annotations;
      expect(Object.keys(shape ?? {}).sort()).toEqual(["uuid", "vertices"]);
      const vertices = shape?.vertices as { x: number; y: number }[];
      expect(vertices).toHaveLength(4);
      [
        [60, 170],
        [150, 115],
        [240, 170],
        [150, 222],
      ].forEach(([x, y], i) => {
        near(vertices[i]?.x, x ?? 0);
        near(vertices[i]?.y, y ?? 0);
      });
    } finally {
      await context.close();
    }
  }, 240_000);
});
