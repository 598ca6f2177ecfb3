import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startWorkspaceWorld } from "./workspace-world";
import type { WorkspaceWorld } from "./workspace-world";

let world: WorkspaceWorld;
let imageUrl: string;

/** A 400×300 street scene, drawn here (no image files in the repository). */
const SCENE = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300">
  <rect width="400" height="300" fill="#bae6fd"/>
  <rect y="180" width="400" height="120" fill="#64748b"/>
  <rect x="110" y="90" width="220" height="130" rx="18" fill="#dc2626"/>
  <circle cx="160" cy="225" r="22" fill="#0f172a"/>
  <circle cx="290" cy="225" r="22" fill="#0f172a"/>
  <circle cx="350" cy="250" r="6" fill="#facc15"/>
</svg>`;

const PARAMS = {
  image_width: 400,
  image_height: 300,
  geometries: {
    box: {
      objects_to_annotate: [{ choice: "vehicle", subchoices: ["car", "truck"] }, "person"],
      min_width: 20,
    },
    polygon: { objects_to_annotate: ["road"] },
    point: { objects_to_annotate: ["lamp"] },
  },
  annotation_attributes: {
    occluded: {
      description: "Occluded?",
      choices: ["yes", "no"],
      conditions: { label_condition: { label: "vehicle" } },
    },
  },
};

beforeAll(async () => {
  world = await startWorkspaceWorld();
  imageUrl = await world.uploadFile("scene.svg", SCENE, "image/svg+xml");
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
  const shapes: Locator = editor.getByRole("list", { name: "Shapes" }).getByRole("listitem");
  return { editor, svg, drag, click, shapes };
};

type Stored = { annotations: Record<string, unknown>[] };

const near = (actual: unknown, expected: number) => {
  expect(typeof actual).toBe("number");
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(2);
};

describe("labeling an image in the workspace", () => {
  it("draws, edits, labels and submits a box, a polygon and a point", async () => {
    const taskId = await world.createTask("imageannotation", {
      attachment: imageUrl,
      ...PARAMS,
    });
    const { page, context } = await world.newTasker({ types: ["imageannotation"] });
    try {
      expect((await world.startWork(page)).taskId).toBe(taskId);
      const { editor, svg, drag, click, shapes } = canvasOf(page);
      await svg.waitFor();

      // A nested label: "truck" sits under "vehicle", which cannot itself be chosen.
      const labels = editor.getByRole("group", { name: /Label/ });
      await expect(labels.getByRole("button", { name: "vehicle" }).count()).resolves.toBe(0);
      await labels.getByRole("button", { name: "truck" }).click();

      await drag([100, 80], [300, 200]);
      await page.keyboard.press("v");
      await drag([300, 200], [330, 220]); // the bottom-right handle
      await drag([200, 140], [210, 150]); // the body: a move
      await editor.getByLabel("Occluded?").selectOption("yes");

      await editor.getByRole("button", { name: /^Polygon/ }).click();
      await click(20, 200);
      await click(120, 190);
      await click(90, 280);
      await click(20, 200); // back on the first vertex: closed

      await page.keyboard.press("k");
      await click(350, 250);
      await expect(shapes.count()).resolves.toBe(3);

      await page.keyboard.press("Control+z");
      await expect.poll(() => shapes.count()).toBe(2);
      await page.keyboard.press("Control+Shift+z");
      await expect.poll(() => shapes.count()).toBe(3);

      await world.screenshot(page, "imageannotation-editor");
      await world.submit(page);
      const stored = (await world.storedResponse(taskId)) as Stored;
      expect(stored.annotations).toHaveLength(3);
      const [box, polygon, point] = stored.annotations;
      expect(box).toMatchObject({ type: "box", label: "truck", attributes: { occluded: "yes" } });
      near(box?.left, 110);
      near(box?.top, 90);
      near(box?.width, 230);
      near(box?.height, 140);
      expect(polygon).toMatchObject({ type: "polygon", label: "road" });
      const vertices = polygon?.vertices as { x: number; y: number }[];
      expect(vertices).toHaveLength(3);
      [
        [20, 200],
        [120, 190],
        [90, 280],
      ].forEach(([x, y], i) => {
        near(vertices[i]?.x, x ?? 0);
        near(vertices[i]?.y, y ?? 0);
      });
      expect(point).toMatchObject({ type: "point", label: "lamp" });
      near(point?.x, 350);
      near(point?.y, 250);
      const uuids = stored.annotations.map((annotation) => annotation.uuid);
      expect(new Set(uuids).size).toBe(3);
      for (const uuid of uuids) expect(uuid).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await context.close();
    }
  }, 180_000);

  it("shows a hypothesis pre-label, which the Tasker edits", async () => {
    const taskId = await world.createTask("imageannotation", {
      attachment: imageUrl,
      ...PARAMS,
      hypothesis: {
        annotations: [
          { uuid: "pre-1", type: "box", label: "car", left: 50, top: 40, width: 100, height: 60 },
        ],
      },
    });
    const { page, context } = await world.newTasker({ types: ["imageannotation"] });
    try {
      expect((await world.startWork(page)).taskId).toBe(taskId);
      const { svg, drag, shapes } = canvasOf(page);
      await svg.waitFor();
      await expect(shapes.count()).resolves.toBe(1);
      await expect(shapes.first().textContent()).resolves.toContain("car");
      await page.keyboard.press("v");
      await drag([100, 70], [130, 90]);
      await world.submit(page);
      const stored = (await world.storedResponse(taskId)) as Stored;
      expect(stored.annotations).toHaveLength(1);
      const [box] = stored.annotations;
      expect(box).toMatchObject({ uuid: "pre-1", type: "box", label: "car" });
      near(box?.left, 80);
      near(box?.top, 60);
      near(box?.width, 100);
      near(box?.height, 60);
    } finally {
      await context.close();
    }
  }, 180_000);

  it("shows a check problem on the offending shape until it is fixed", async () => {
    const taskId = await world.createTask("imageannotation", { attachment: imageUrl, ...PARAMS });
    const { page, context } = await world.newTasker({ types: ["imageannotation"] });
    try {
      expect((await world.startWork(page)).taskId).toBe(taskId);
      const { editor, svg, drag, shapes } = canvasOf(page);
      await svg.waitFor();
      await editor.getByRole("button", { name: "person" }).click();
      await drag([200, 100], [210, 160]); // 10 px wide: below min_width 20
      await page.getByRole("button", { name: "Submit" }).click();

      const invalid = shapes.and(editor.locator('[data-invalid="true"]'));
      await expect.poll(() => invalid.count(), { timeout: 15_000 }).toBe(1);
      await expect(invalid.textContent()).resolves.toContain("min_width (20)");
      await expect(editor.locator('svg g[data-invalid="true"]').count()).resolves.toBe(1);
      await world.screenshot(page, "imageannotation-problem");

      await page.keyboard.press("v");
      await drag([210, 130], [240, 130]); // the right-hand handle: now 40 px wide
      await world.submit(page);
      const stored = (await world.storedResponse(taskId)) as Stored;
      const [box] = stored.annotations;
      expect(box).toMatchObject({ type: "box", label: "person" });
      near(box?.width, 40);
      near(box?.height, 60);
    } finally {
      await context.close();
    }
  }, 180_000);
});
