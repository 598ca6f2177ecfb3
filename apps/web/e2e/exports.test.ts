import { describe, expect, it } from "vitest";

import { createApiKeyFor, screenshotPath, signedUpPage } from "./accounts";
import { useBrowserServer } from "./browser-server";

const world = useBrowserServer();

describe("exports", () => {
  it("exports the filtered tasks from the Tasks page and downloads the file from /exports", async () => {
    const { createTaskforgeClient } = await import("@taskforge/client");
    const { page } = await signedUpPage(world.browser, world.server.baseUrl, "exports");
    const client = createTaskforgeClient({
      baseUrl: world.server.baseUrl,
      apiKey: await createApiKeyFor(page),
    });
    for (let i = 1; i <= 3; i++) {
      await client.tasks.create.mutate({
        type: "categorization",
        params: { attachment_type: "text", attachment: `item ${i}`, categories: ["a", "b"] },
        tags: i <= 2 ? ["export-me"] : ["not-me"],
      });
    }

    await page.goto(`${world.server.baseUrl}/tasks?tags=export-me`);
    await page.getByRole("button", { name: "Export all matching…" }).click();
    await page.getByLabel("Export format").selectOption("csv");
    await page.getByRole("button", { name: "Start export" }).click();
    await page.getByRole("link", { name: "Follow it on the Exports page" }).click();
    await page.waitForURL(`${world.server.baseUrl}/exports`);

    // The list polls until the job completes (the web process runs exports in embedded mode).
    const download = page.getByRole("link", { name: /Download/ });
    await download.waitFor({ timeout: 30_000 });
    await page.screenshot({ path: screenshotPath("exports"), fullPage: true });
    const href = await download.getAttribute("href");
    const response = await page.request.get(`${world.server.baseUrl}${href ?? ""}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-disposition"]).toMatch(/attachment; filename=".*\.csv"/);
    const lines = (await response.text()).trimEnd().split("\r\n");
    expect(lines[0]?.startsWith("task_id,")).toBe(true);
    expect(lines).toHaveLength(3);

    // Another organization's member gets 404 for the same link.
    const stranger = await signedUpPage(world.browser, world.server.baseUrl, "stranger");
    const foreign = await stranger.page.request.get(`${world.server.baseUrl}${href ?? ""}`);
    expect(foreign.status()).toBe(404);
  }, 120_000);

  it("offers images in the zip for an image format and lists why tasks were left out", async () => {
    const { createTaskforgeClient } = await import("@taskforge/client");
    const { page } = await signedUpPage(world.browser, world.server.baseUrl, "image-exports");
    const client = createTaskforgeClient({
      baseUrl: world.server.baseUrl,
      apiKey: await createApiKeyFor(page),
    });
    // Not answered yet: the COCO export leaves it out and says why.
    await client.tasks.create.mutate({
      type: "imageannotation",
      params: {
        attachment: "https://images.example/street.jpg",
        geometries: { box: { objects_to_annotate: ["car"] } },
      },
      tags: ["image-export"],
    });
    await page.goto(`${world.server.baseUrl}/tasks?tags=image-export`);
    await page.getByRole("button", { name: "Export all matching…" }).click();
    expect(await page.getByLabel("Images").count()).toBe(0);
    await page.getByLabel("Export format").selectOption("coco");
    await page.getByLabel("Images").selectOption("include");
    await page.getByRole("button", { name: "Start export" }).click();
    await page.getByRole("link", { name: "Follow it on the Exports page" }).click();
    await page.waitForURL(`${world.server.baseUrl}/exports`);
    const reasons = page.getByRole("list", { name: "Why tasks were left out" });
    await reasons.waitFor({ timeout: 30_000 });
    expect(await reasons.textContent()).toContain("1 × no response yet");
    await page.screenshot({ path: screenshotPath("image-exports"), fullPage: true });
  }, 120_000);
});
