import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startWorkspaceWorld } from "./workspace-world";
import type { WorkspaceWorld } from "./workspace-world";

let world: WorkspaceWorld;
let frames: string[];

/** Frame i of a 400×300 clip: a red car driving right, drawn here (no files in the repository). */
const frameSvg = (i: number) => `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300">
  <rect width="400" height="300" fill="#bae6fd"/>
  <rect y="200" width="400" height="100" fill="#64748b"/>
  <rect x="${100 + 10 * i}" y="80" width="${200 - 10 * i}" height="120" fill="#dc2626"/>
  <text x="10" y="30" font-size="24" fill="#0f172a">frame ${i}</text>
</svg>`;

beforeAll(async () => {
  world = await startWorkspaceWorld();
  frames = [];
  for (let i = 0; i < 10; i++) {
    frames.push(await world.uploadFile(`frame-${i}.svg`, frameSvg(i), "image/svg+xml"));
  }
}, 180_000);
afterAll(async () => {
  await world.stop();
});

const canvasOf = (page: Page) => {
  const editor = page.locator('section[aria-label="Editor"]');
  const svg = editor.locator("svg[data-scale]");
  const drag = async (from: [number, number], to: [number, number]) => {
    const box = await svg.boundingBox();
    if (!box) throw new Error("the canvas is not visible");
    const scale = Number(await svg.getAttribute("data-scale"));
    const offsetX = Number(await svg.getAttribute("data-offset-x"));
    const offsetY = Number(await svg.getAttribute("data-offset-y"));
    const at = ([x, y]: [number, number]) => ({
      x: box.x + offsetX + x * scale,
      y: box.y + offsetY + y * scale,
    });
    const [start, end] = [at(from), at(to)];
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 3 });
    await page.mouse.move(end.x, end.y, { steps: 3 });
    await page.mouse.up();
  };
  return { editor, svg, drag };
};

type StoredFrame = { frame: number; annotations: Record<string, number | string>[] };
type Stored = { frames: StoredFrame[]; events?: Record<string, unknown>[] };

const near = (actual: unknown, expected: number) => {
  expect(typeof actual).toBe("number");
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(2);
};

describe("labeling a video in the workspace", () => {
  it("tracks a box across 10 frames with interpolation between keyframes, and marks events", async () => {
    const taskId = await world.createTask("videoannotation", {
      attachments: frames,
      attachment_type: "image",
      frame_rate: 5,
      frame_width: 400,
      frame_height: 300,
      geometries: { box: { objects_to_annotate: ["car", "truck"] } },
      events_to_annotate: ["brake", "overtake"],
    });
    const { page, context } = await world.newTasker({ types: ["videoannotation"] });
    try {
      expect((await world.startWork(page)).taskId).toBe(taskId);
      const { editor, svg, drag } = canvasOf(page);
      await svg.waitFor();
      const frameButton = (i: number) =>
        editor
          .getByRole("group", { name: "Frames" })
          .getByRole("button", { name: new RegExp(`^Frame ${i}:`) });

      await drag([100, 80], [300, 200]); // frame 0: a keyframe of a new track
      await frameButton(9).click();
      // The track stays selected and has no box on frame 9: the new box continues it.
      await expect(editor.getByText(/continues track “car”/).count()).resolves.toBe(1);
      await drag([190, 80], [300, 200]);
      await expect(frameButton(5).getAttribute("aria-label")).resolves.toBe("Frame 5: 1 shape");

      // The keyboard steps frames: 9 → 7.
      await editor.getByRole("button", { name: /^Box/ }).click();
      await page.keyboard.press("ArrowLeft");
      await page.keyboard.press("ArrowLeft");
      await expect(
        editor.getByRole("group", { name: "Frames" }).getAttribute("data-frame"),
      ).resolves.toBe("7");

      await frameButton(4).click();
      await editor.getByRole("button", { name: "Mark “brake” at frame 4" }).click();
      await frameButton(6).click();
      await editor.getByRole("button", { name: "Start “overtake” here" }).click();
      await frameButton(8).click();
      await editor.getByRole("button", { name: "End at frame 8" }).click();

      await frameButton(5).click();
      await world.screenshot(page, "videoannotation-editor");
      await world.submit(page);

      const stored = (await world.storedResponse(taskId)) as Stored;
      expect(stored.frames.map((frame) => frame.frame)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      const boxes = stored.frames.map((frame) => {
        expect(frame.annotations).toHaveLength(1);
        return frame.annotations[0] ?? {};
      });
      expect(new Set(boxes.map((box) => box.uuid)).size).toBe(1);
      for (const box of boxes) expect(box).toMatchObject({ type: "box", label: "car" });
      near(boxes[0]?.left, 100);
      near(boxes[0]?.width, 200);
      near(boxes[9]?.left, 190);
      near(boxes[9]?.width, 110);
      // Frame 5 lies 5/9 of the way: left 150, width 150, top and height unchanged.
      near(boxes[5]?.left, 150);
      near(boxes[5]?.width, 150);
      near(boxes[5]?.top, 80);
      near(boxes[5]?.height, 120);

      expect(stored.events).toHaveLength(2);
      expect(stored.events?.[0]).toMatchObject({ label: "brake", type: "event", start_frame: 4 });
      expect(stored.events?.[1]).toMatchObject({
        label: "overtake",
        type: "range",
        start_frame: 6,
        end_frame: 8,
      });
    } finally {
      await context.close();
    }
  }, 240_000);
});
