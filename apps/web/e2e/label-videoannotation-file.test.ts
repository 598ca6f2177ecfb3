import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { dropFiles } from "./media";
import { CLIP, makeClip, squareLeftAt } from "./video-clips";
import { startWorkspaceWorld } from "./workspace-world";
import type { WorkspaceWorld } from "./workspace-world";

let world: WorkspaceWorld;

beforeAll(async () => {
  world = await startWorkspaceWorld();
}, 180_000);
afterAll(async () => {
  await world.stop();
});

const EDITOR = 'section[aria-label="Editor"]';

const editorOf = (page: Page) => {
  const editor = page.locator(EDITOR);
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
  const frameButton = (i: number) =>
    editor
      .getByRole("group", { name: "Frames" })
      .getByRole("button", { name: new RegExp(`^Frame ${i}:`) });
  /** Waits until the canvas shows frame i: seeked to its middle and drawn. */
  const showing = async (i: number) => {
    await page.waitForFunction(
      ({ selector, time }) => {
        const shown = document.querySelector(selector)?.getAttribute("data-media-time");
        return shown !== null && shown !== undefined && Math.abs(Number(shown) - time) < 1e-9;
      },
      { selector: `${EDITOR} svg[data-scale]`, time: (i + 0.5) / CLIP.fps },
    );
    await expect(
      editor.getByRole("group", { name: "Frames" }).getAttribute("data-frame"),
    ).resolves.toBe(String(i));
  };
  /** Where the red square starts in the picture the editor's video shows, read from its pixels. */
  const squareOnScreen = () =>
    page.evaluate(
      ({ selector, row }) => {
        const video = document.querySelector(`${selector} video`);
        if (!(video instanceof HTMLVideoElement)) return -2;
        const canvas = document.createElement("canvas");
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        const context = canvas.getContext("2d");
        if (!context) return -3;
        context.drawImage(video, 0, 0);
        const pixels = context.getImageData(0, row, canvas.width, 1).data;
        for (let x = 0; x < canvas.width; x++) {
          const [r, g, b] = [pixels[4 * x] ?? 0, pixels[4 * x + 1] ?? 0, pixels[4 * x + 2] ?? 0];
          if (r > 160 && g < 90 && b < 90) return x;
        }
        return -1;
      },
      { selector: EDITOR, row: CLIP.squareTop + CLIP.square / 2 },
    );
  const expectSquareOf = async (i: number) => {
    const left = await squareOnScreen();
    expect(Math.abs(left - squareLeftAt(i))).toBeLessThanOrEqual(3);
  };
  const press = async (key: string, times: number) => {
    for (let n = 0; n < times; n++) await page.keyboard.press(key);
  };
  return { editor, svg, drag, frameButton, showing, expectSquareOf, press };
};

type Box = { uuid: string; type: string; label: string; left: number; top: number };
type Stored = { frames: { frame: number; annotations: Box[] }[] };

const near = (actual: number | undefined, expected: number) => {
  expect(actual).toBeTypeOf("number");
  expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThanOrEqual(2);
};

/** Frames where a track's motion changes (its ends, and where the straight line bends). */
const keyframeIndices = (track: { frame: number; box: Box }[]): number[] =>
  track
    .filter((entry, i) => {
      const before = track[i - 1];
      const after = track[i + 1];
      if (!before || !after) return true;
      const bends = (key: "left" | "top") =>
        Math.abs(entry.box[key] - (before.box[key] + after.box[key]) / 2) > 0.02;
      return bends("left") || bends("top");
    })
    .map((entry) => entry.frame);

describe("labeling a video file in the workspace", () => {
  it("steps an H.264 MP4 frame by frame, keyframes a box on frames 5, 15 and 25, interpolates between", async () => {
    const video = await world.uploadFile("drive.mp4", makeClip("mp4"), "video/mp4");
    // No frame_rate: the editor learns 10 per second from the file.
    const taskId = await world.createTask("videoannotation", {
      attachment: video,
      attachment_type: "video",
      geometries: { box: { objects_to_annotate: ["car"] } },
    });
    const { page, context } = await world.newTasker({ types: ["videoannotation"] });
    try {
      expect((await world.startWork(page)).taskId).toBe(taskId);
      const { editor, svg, drag, frameButton, showing, expectSquareOf, press } = editorOf(page);
      await svg.waitFor();
      await editor.getByText("10 fps (frame rate read from the video)").waitFor();
      await editor.getByText("Frame 0 of 29 (0.00 s)").waitFor();
      await showing(0);
      await expectSquareOf(0);

      // Frame 5, stepped to by the keyboard: the picture is frame 5's.
      await press("ArrowRight", 5);
      await showing(5);
      await expectSquareOf(5);
      await drag([50, 100], [90, 140]);
      await world.screenshot(page, "video-file-frame-5-drawn");

      // Frame 25: the track stays selected, so a box drawn here is its next keyframe.
      await editor.getByRole("button", { name: /^Box/ }).click();
      await press("ArrowRight", 20);
      await showing(25);
      await expectSquareOf(25);
      await editor.getByText(/continues track “car”/).waitFor();
      await drag([250, 100], [290, 140]);
      await world.screenshot(page, "video-file-frame-25-drawn");

      // Frame 15 lies halfway: the box is interpolated there; moving it down makes a keyframe.
      await frameButton(15).click();
      await showing(15);
      await expectSquareOf(15);
      await expect(frameButton(15).getAttribute("aria-label")).resolves.toBe("Frame 15: 1 shape");
      await world.screenshot(page, "video-file-frame-15-interpolated");
      await page.keyboard.press("v");
      await drag([170, 120], [170, 130]);
      await expect(frameButton(15).getAttribute("aria-label")).resolves.toBe(
        "Frame 15: 1 shape, keyframe",
      );
      await press("ArrowLeft", 5);
      await showing(10);
      await expectSquareOf(10);
      await world.screenshot(page, "video-file-frame-10-interpolated");
      await world.submit(page);

      const stored = (await world.storedResponse(taskId)) as Stored;
      expect(stored.frames.map((frame) => frame.frame)).toEqual(
        Array.from({ length: 21 }, (_, i) => i + 5),
      );
      const track = stored.frames.map((frame) => {
        expect(frame.annotations).toHaveLength(1);
        const box = frame.annotations[0] as Box;
        expect(box).toMatchObject({ type: "box", label: "car" });
        return { frame: frame.frame, box };
      });
      expect(new Set(track.map((entry) => entry.box.uuid)).size).toBe(1);
      expect(keyframeIndices(track)).toEqual([5, 15, 25]);
      const at = (frame: number) => track.find((entry) => entry.frame === frame)?.box;
      near(at(5)?.left, 50);
      near(at(5)?.top, 100);
      near(at(15)?.left, 150);
      near(at(15)?.top, 110);
      near(at(25)?.left, 250);
      near(at(25)?.top, 100);
      near(at(10)?.left, 100);
      near(at(10)?.top, 105);

      // The read-only view: the video with the boxes of the frame on screen.
      const owner = world.owner;
      await owner.goto(`${world.baseUrl}/tasks/${taskId}`);
      const stage = owner.locator("svg[data-frame-shown]");
      const shownFrame = async (frame: number) => {
        await owner.locator(`svg[data-frame-shown="${frame}"]`).waitFor();
        await owner.getByRole("img", { name: `Frame ${frame} with 1 annotation` }).waitFor();
      };
      await shownFrame(5);
      const box = stage.locator('g[data-label="car"] rect');
      near(Number(await box.getAttribute("x")), 50);
      await owner.getByRole("button", { name: "Frame 15, 1 annotation" }).click();
      await shownFrame(15);
      near(Number(await box.getAttribute("x")), 150);
      near(Number(await box.getAttribute("y")), 110);
      await owner.getByRole("button", { name: "Frame 15, 1 annotation" }).scrollIntoViewIfNeeded();
      await world.screenshot(owner, "video-file-renderer-frame-15");
      // Played to its end, the video shows frame 29, which has no box.
      await owner.getByRole("button", { name: "Play / pause" }).click();
      await owner.locator('svg[data-frame-shown="29"]').waitFor({ timeout: 15_000 });
      await owner.getByRole("img", { name: "Frame 29 with 0 annotations" }).waitFor();
    } finally {
      await context.close();
    }
  }, 240_000);

  it("makes a labelable task of a WebM dropped on a project", async () => {
    const { createTaskforgeClient } = await import("@taskforge/client");
    const client = createTaskforgeClient({ baseUrl: world.baseUrl, apiKey: world.apiKey });
    await client.projects.create.mutate({
      type: "videoannotation",
      name: "dashcam",
      params: { geometries: { box: { objects_to_annotate: ["car"] } } },
    });
    const owner = world.owner;
    await owner.goto(`${world.baseUrl}/projects/dashcam`);
    await owner.getByTestId("media-drop").waitFor();
    await dropFiles(owner, [
      { name: "dashcam.webm", base64: Buffer.from(makeClip("webm")).toString("base64") },
    ]);
    await owner.getByText("Created 1 task.").waitFor({ timeout: 60_000 });
    await world.screenshot(owner, "video-file-webm-dropped");
    const listed = await client.tasks.list.query({ project: "dashcam", limit: 10 });
    expect(listed.docs).toHaveLength(1);
    const task = listed.docs[0];
    expect(task?.params).toMatchObject({
      attachment: expect.stringMatching(/^taskforge:\/\/files\//),
      attachment_type: "video",
    });

    const { page, context } = await world.newTasker({ types: ["videoannotation"] });
    try {
      expect((await world.startWork(page)).taskId).toBe(task?.task_id);
      const { editor, svg, drag, showing, expectSquareOf, press } = editorOf(page);
      await svg.waitFor();
      await editor.getByText("Frame 0 of 29 (0.00 s)").waitFor();
      await press("ArrowRight", 3);
      await showing(3);
      await expectSquareOf(3);
      await drag([30, 100], [70, 140]);
      await world.screenshot(page, "video-file-webm-labeled");
      await world.submit(page);
      const stored = (await world.storedResponse(task?.task_id ?? "")) as Stored;
      expect(stored.frames).toHaveLength(1);
      expect(stored.frames[0]?.frame).toBe(3);
      near(stored.frames[0]?.annotations[0]?.left, 30);
    } finally {
      await context.close();
    }
  }, 240_000);

  it("tells the Tasker plainly when the browser cannot play the file (H.265)", async () => {
    const video = await world.uploadFile("hevc.mp4", makeClip("hevc"), "video/mp4");
    const taskId = await world.createTask("videoannotation", {
      attachment: video,
      attachment_type: "video",
      frame_rate: 10,
      geometries: { box: { objects_to_annotate: ["car"] } },
    });
    const { page, context } = await world.newTasker({ types: ["videoannotation"] });
    try {
      expect((await world.startWork(page)).taskId).toBe(taskId);
      await page
        .locator(EDITOR)
        .getByRole("alert")
        .getByText(/^This browser cannot play this video file/)
        .waitFor();
      await world.screenshot(page, "video-file-unplayable");
      // The Tasker can still hand it back as a problem.
      await page.getByRole("button", { name: "Report a problem" }).waitFor();
    } finally {
      await context.close();
    }
  }, 240_000);
});
