import { decodeLabels, kittiBytes, pcdBytes, samplePoints } from "@taskforge/schema";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startWorkspaceWorld } from "./workspace-world";
import type { WorkspaceWorld } from "./workspace-world";

// Sensor-format point clouds, generated here (no fixture files): uploaded as they come from the
// sensor, converted once by the server, labelled in the lidar editor.
let world: WorkspaceWorld;

const v1 = async (path: string, init: RequestInit) => {
  const response = await fetch(`${world.baseUrl}/v1${path}`, {
    ...init,
    headers: { authorization: `Bearer ${world.apiKey}`, ...init.headers },
  });
  const body = (await response.json()) as Record<string, any>;
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
  return body;
};

/** Distinct colours of a PNG, counted in a blank page of the browser (which decodes it). */
const distinctColours = async (context: BrowserContext, base64: string) => {
  const blank = await context.newPage();
  try {
    return await blank.evaluate(async (data) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement("canvas");
      [canvas.width, canvas.height] = [image.width, image.height];
      const context2d = canvas.getContext("2d");
      if (!context2d) return 0;
      context2d.drawImage(image, 0, 0);
      const pixels = context2d.getImageData(0, 0, canvas.width, canvas.height).data;
      const seen = new Set<number>();
      for (let i = 0; i < pixels.length; i += 4)
        seen.add(((pixels[i] ?? 0) << 16) | ((pixels[i + 1] ?? 0) << 8) | (pixels[i + 2] ?? 0));
      return seen.size;
    }, base64);
  } finally {
    await blank.close();
  }
};

beforeAll(async () => {
  world = await startWorkspaceWorld();
}, 300_000);
afterAll(async () => {
  await world.stop();
});

describe("point clouds in sensor formats", () => {
  it("a binary PCD dropped on a lidar project is labelled point by point and submitted", async () => {
    const POINTS = 200_000;
    await v1("/projects", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        type: "lidarsegmentation",
        name: "pcd scans",
        params: { labels: ["road", "car"] },
      }),
    });
    // The drop zone's route: the body is the file.
    const source = pcdBytes(samplePoints(POINTS, 21), {
      data: "binary",
      intensity: true,
      rgb: true,
    });
    const dropped = await v1(
      `/projects/${encodeURIComponent("pcd scans")}/media?filename=scan.pcd`,
      {
        method: "POST",
        body: source as BodyInit,
      },
    );
    const taskId = dropped.created[0].task_id as string;
    const task = await v1(`/task/${taskId}`, { method: "GET" });
    expect(task.params.frame_point_counts).toEqual([POINTS]);

    const { page, context } = await world.newTasker({ types: ["lidarsegmentation"] });
    try {
      expect((await world.startWork(page)).taskId).toBe(taskId);
      const viewport = page.locator("[data-lidar-viewport]");
      await viewport.and(page.locator('[data-loaded="true"]')).waitFor({ timeout: 120_000 });
      expect(await viewport.getAttribute("data-point-count")).toBe(String(POINTS));
      await expect
        .poll(() => viewport.getAttribute("data-rendered"), { timeout: 60_000 })
        .toBe("true");
      // The scan's own colours are there to colour by.
      await page.getByLabel("Colour by").selectOption("color");
      await world.screenshot(page, "pointcloud-pcd-colour");
      await page.getByLabel("Colour by").selectOption("label");

      await page.getByRole("button", { name: /^car/ }).first().click();
      await page.getByRole("button", { name: "Lasso" }).click();
      await viewport.scrollIntoViewIfNeeded();
      const box = await viewport.boundingBox();
      if (!box) throw new Error("the viewport has no box");
      const [cx, cy] = [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)];
      await page.mouse.move(cx - 120, cy - 80);
      await page.mouse.down();
      for (const [x, y] of [
        [cx + 40, cy - 90],
        [cx + 60, cy + 70],
        [cx - 110, cy + 90],
      ] as const)
        await page.mouse.move(x, y);
      await page.mouse.up();
      const status = page.locator('[data-editor="lidarsegmentation"] [role="status"]');
      await expect
        .poll(() => status.textContent(), { timeout: 30_000 })
        .toMatch(/^Lasso: \d+ points labelled car$/);
      const lassoed = Number(/(\d+)/.exec((await status.textContent()) ?? "")?.[1]);
      expect(lassoed).toBeGreaterThan(0);
      expect(lassoed).toBeLessThan(POINTS);
      await page.getByRole("button", { name: /^road/ }).first().click();
      await page.getByRole("button", { name: "Label the rest as road" }).click();
      await expect
        .poll(() => status.textContent())
        .toBe(`${POINTS - lassoed} unlabeled points labelled road`);
      await world.screenshot(page, "pointcloud-pcd-labelled");

      await world.submit(page);
      const response = await world.storedResponse(taskId);
      const labelMap = response.label_map as Record<string, string>;
      const frames = response.frames as { frame: number; labels: string }[];
      const labels = decodeLabels(frames[0]?.labels ?? "");
      expect(labels).toHaveLength(POINTS);
      const counts = new Map<string, number>();
      for (const label of labels) {
        const name = labelMap[String(label)] ?? "unlabeled";
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
      expect(Object.fromEntries(counts)).toEqual({ car: lassoed, road: POINTS - lassoed });
    } finally {
      await context.close();
    }
  }, 300_000);

  it("opens a 1,000,000-point KITTI scan uploaded as a file and draws it", async () => {
    const POINTS = 1_000_000;
    const url = await world.uploadFile(
      "000042.bin",
      kittiBytes(samplePoints(POINTS, 5)),
      "application/octet-stream",
    );
    const taskId = await world.createTask("lidarsegmentation", {
      attachments: [url],
      labels: ["ground", "vehicle"],
      frame_point_counts: [POINTS],
    });
    const { page, context } = await world.newTasker({ types: ["lidarsegmentation"] });
    try {
      expect((await world.startWork(page)).taskId).toBe(taskId);
      const viewport = page.locator("[data-lidar-viewport]");
      await viewport.and(page.locator('[data-loaded="true"]')).waitFor({ timeout: 180_000 });
      expect(await viewport.getAttribute("data-point-count")).toBe(String(POINTS));
      await expect
        .poll(() => viewport.getAttribute("data-rendered"), { timeout: 120_000 })
        .toBe("true");
      expect(await viewport.getAttribute("aria-label")).toContain(`${POINTS} points`);
      // Something was drawn: the canvas shows many colours, not the empty background.
      const shot = (await viewport.locator("canvas").screenshot()).toString("base64");
      expect(await distinctColours(page.context(), shot)).toBeGreaterThan(20);
      await page.getByLabel("Colour by").selectOption("intensity");
      await world.screenshot(page, "pointcloud-kitti-1m");
    } finally {
      await context.close();
    }
  }, 300_000);
});
