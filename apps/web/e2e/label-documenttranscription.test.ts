import { deflateSync } from "node:zlib";

import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startWorkspaceWorld } from "./workspace-world";
import type { WorkspaceWorld } from "./workspace-world";

let world: WorkspaceWorld;
let page: Page;
let context: BrowserContext;

const PAGE_SIZE = { width: 800, height: 1000 };

/** A solid-colour RGB PNG, made here so that no binary files live in the repository. */
const solidPng = (width: number, height: number, rgb: [number, number, number]): Uint8Array => {
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
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(width).fill(rgb).flat())]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(Array(height).fill(row)))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
};

beforeAll(async () => {
  world = await startWorkspaceWorld();
  ({ page, context } = await world.newTasker({ types: ["documenttranscription"] }));
});
afterAll(async () => {
  await context.close();
  await world.stop();
});

/** The page image's drawing surface, once the image has loaded (its size sets the page pixels). */
const loadedPage = async (editor: Locator) => {
  const image = editor.locator("figure img");
  await expect
    .poll(() =>
      image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth),
    )
    .toBe(PAGE_SIZE.width);
  await expect
    .poll(() => editor.locator("figure svg").getAttribute("viewBox"))
    .toBe(`0 0 ${PAGE_SIZE.width} ${PAGE_SIZE.height}`);
  return editor.locator("figure svg");
};

/** Where a point in page pixels is on the screen. */
const onScreen = async (svg: Locator, x: number, y: number) => {
  const box = await svg.boundingBox();
  if (!box) throw new Error("the page is not visible");
  return {
    x: box.x + (x * box.width) / PAGE_SIZE.width,
    y: box.y + (y * box.height) / PAGE_SIZE.height,
  };
};

/** A real mouse drag between two points given in page pixels. */
const drag = async (svg: Locator, from: [number, number], to: [number, number]) => {
  const start = await onScreen(svg, ...from);
  const end = await onScreen(svg, ...to);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 4 });
  await page.mouse.move(end.x, end.y, { steps: 4 });
  await page.mouse.up();
};

/** Screen pixels are coarser than page pixels: a stored coordinate is within two of the aim. */
const near = (actual: unknown, expected: number) => {
  expect(typeof actual).toBe("number");
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(2);
};

describe("document transcription in the workspace", () => {
  it("draws boxes on two pages by dragging, types their text and answers, moves and deletes", async () => {
    const pages = [
      await world.uploadFile(
        "page-1.png",
        solidPng(PAGE_SIZE.width, PAGE_SIZE.height, [250, 250, 245]),
        "image/png",
      ),
      await world.uploadFile(
        "page-2.png",
        solidPng(PAGE_SIZE.width, PAGE_SIZE.height, [235, 240, 250]),
        "image/png",
      ),
    ];
    const created = await world.createTask("documenttranscription", {
      attachments: pages,
      features: [
        { type: "text", label: "vendor_name" },
        {
          type: "block",
          label: "invoice_field",
          flags: ["key", "value"],
          fields: [{ key: "invoice_number" }, { key: "total" }],
        },
      ],
    });
    const { taskId } = await world.startWork(page);
    expect(taskId).toBe(created);
    const editor = page.locator(`section[aria-label="Editor"][data-task-id="${taskId}"]`);
    expect(await editor.getAttribute("data-task-type")).toBe("documenttranscription");
    await expect.poll(() => editor.getByText("Page 1 of 2").count()).toBe(1);

    // Page 1: a vendor_name box dragged from (100, 80) to (300, 200); its text box takes focus.
    let svg = await loadedPage(editor);
    await drag(svg, [100, 80], [300, 200]);
    const firstText = editor.getByLabel("Text of box 1 (vendor_name)");
    await expect
      .poll(() => firstText.evaluate((element) => element === document.activeElement))
      .toBe(true);
    await page.keyboard.type("ACME Corp.");

    // A click on the page deselects (and draws nothing); PageDown goes to page 2.
    const empty = await onScreen(svg, 600, 900);
    await page.mouse.click(empty.x, empty.y);
    await page.keyboard.press("PageDown");
    await expect.poll(() => editor.getByText("Page 2 of 2").count()).toBe(1);
    expect(await editor.locator("rect[data-uuid]").count()).toBe(0);

    // Page 2: an invoice_field drawn from bottom-right to top-left, with its key and value.
    await editor.getByRole("button", { name: "invoice_field" }).click();
    svg = await loadedPage(editor);
    await drag(svg, [400, 300], [200, 250]);
    await page.keyboard.type("Invoice # 42");
    const row = editor.getByRole("listitem", { name: "Box 1: invoice_field" });
    await row.getByLabel("Key").selectOption("invoice_number");
    await row.getByLabel("Value").click();
    await page.keyboard.type("42");

    // The box moved by dragging it 50 right and 20 down.
    await drag(svg, [300, 275], [350, 295]);

    // A stray box, selected by a click and deleted with the Delete key.
    await drag(svg, [500, 600], [600, 700]);
    expect(await editor.locator("rect[data-uuid]").count()).toBe(2);
    const stray = await onScreen(svg, 550, 650);
    await page.mouse.click(stray.x, stray.y);
    await page.keyboard.press("Delete");
    await expect.poll(() => editor.locator("rect[data-uuid]").count()).toBe(1);

    await world.screenshot(page, "editor-documenttranscription");
    await page.keyboard.press("PageUp");
    await expect.poll(() => editor.getByText("Page 1 of 2").count()).toBe(1);
    expect(await editor.getByLabel("Text of box 1 (vendor_name)").inputValue()).toBe("ACME Corp.");

    await world.submit(page);
    const response = (await world.storedResponse(taskId)) as {
      annotations: {
        uuid: string;
        location: Record<string, unknown>;
        [key: string]: unknown;
      }[];
    };
    expect(response.annotations).toHaveLength(2);
    const [vendor, invoice] = response.annotations;
    expect(vendor).toEqual({
      uuid: expect.any(String),
      page: 0,
      label: "vendor_name",
      text: "ACME Corp.",
      location: expect.objectContaining({ type: "box" }),
    });
    near(vendor?.location["left"], 100);
    near(vendor?.location["top"], 80);
    near(vendor?.location["width"], 200);
    near(vendor?.location["height"], 120);
    expect(invoice).toEqual({
      uuid: expect.any(String),
      page: 1,
      label: "invoice_field",
      text: "Invoice # 42",
      key: "invoice_number",
      value: "42",
      location: expect.objectContaining({ type: "box" }),
    });
    near(invoice?.location["left"], 250);
    near(invoice?.location["top"], 270);
    near(invoice?.location["width"], 200);
    near(invoice?.location["height"], 50);
    expect(vendor?.uuid).not.toBe(invoice?.uuid);
  });
});
