import { deflateSync } from "node:zlib";

import { createTaskforgeClient } from "@taskforge/client";
import { describe, expect, it } from "vitest";

import { createApiKeyFor, screenshotPath, signedUpPage } from "./accounts";
import { useBrowserServer } from "./browser-server";

const world = useBrowserServer();

/** A solid-colour RGB PNG of the given size, made here (no image files in the repository). */
const solidPng = (width: number, height: number, [r, g, b]: [number, number, number]) => {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, body: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(body.length);
    const typed = Buffer.concat([Buffer.from(type, "ascii"), body]);
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(crc(typed));
    return Buffer.concat([head, typed, tail]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(width).fill([r, g, b]).flat())]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(Array(height).fill(row)))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
};

describe("uploaded attachments on the task page", () => {
  it("shows a task whose attachment is a taskforge:// file through a signed URL", async () => {
    const { context, page } = await signedUpPage(
      world.browser,
      world.server.baseUrl,
      "attachments",
    );
    const apiKey = await createApiKeyFor(page, "live");
    const png = solidPng(320, 200, [37, 99, 235]);
    const form = new FormData();
    form.append("file", new Blob([png], { type: "image/png" }), "blue.png");
    const uploaded = await fetch(`${world.server.baseUrl}/v1/files/upload`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}` },
      body: form,
    });
    expect(uploaded.status).toBe(200);
    const file = (await uploaded.json()) as { attachment_url: string };

    const client = createTaskforgeClient({ baseUrl: world.server.baseUrl, apiKey });
    const task = await client.tasks.create.mutate({
      type: "imageannotation",
      instruction: "Box the sky.",
      params: {
        attachment: file.attachment_url,
        geometries: { box: { objects_to_annotate: ["sky"] } },
      },
    });

    await page.goto(`${world.server.baseUrl}/tasks/${task.task_id}`);
    const image = page.locator(`img[src^="${world.server.baseUrl}/files/"]`).first();
    await image.waitFor();
    expect(await image.getAttribute("src")).toMatch(
      /\/files\/[0-9a-f-]{36}\?expires=\d+&signature=/,
    );
    // The browser really loaded the bytes (a broken image has no natural size).
    await expect
      .poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBe(320);
    // The raw task object still shows the stored attachment URL.
    expect(await page.getByText(file.attachment_url).count()).toBeGreaterThan(0);
    await page.screenshot({
      path: screenshotPath("task-page-uploaded-attachment"),
      fullPage: true,
    });
    await context.close();
  });
});
