import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { numberedPdf, PDF_PAGE_SIZE } from "./media";
import { startWorkspaceWorld } from "./workspace-world";
import type { WorkspaceWorld } from "./workspace-world";

let world: WorkspaceWorld;
let page: Page;
let context: BrowserContext;

const PAGE_SIZE = PDF_PAGE_SIZE;

beforeAll(async () => {
  world = await startWorkspaceWorld();
  ({ page, context } = await world.newTasker({ types: ["documenttranscription"] }));
});
afterAll(async () => {
  await context.close();
  await world.stop();
});

/** The page's drawing surface once pdf.js has drawn it (its size sets the page pixels). */
const renderedPage = async (editor: Locator, number: number) => {
  const figure = editor.locator(`figure[data-pdf-page="${number}"]`);
  await expect.poll(() => figure.getAttribute("data-rendered"), { timeout: 20_000 }).toBe("true");
  await expect
    .poll(() => figure.locator("svg").getAttribute("viewBox"))
    .toBe(`0 0 ${PAGE_SIZE.width} ${PAGE_SIZE.height}`);
  return figure.locator("svg");
};

/** Where a point in page pixels is on the screen, whatever the zoom and scroll. */
const onScreen = async (svg: Locator, x: number, y: number) => {
  const box = await svg.boundingBox();
  if (!box) throw new Error("the page is not visible");
  return {
    x: box.x + (x * box.width) / PAGE_SIZE.width,
    y: box.y + (y * box.height) / PAGE_SIZE.height,
  };
};

describe("a PDF in the document transcription editor", () => {
  it("goes to page 2 of a 3-page PDF, zooms, draws a box there and submits it on page 2", async () => {
    // The customer's way in: the PDF dropped on a project (here through the same REST upload the
    // dashboard's drop zone uses), checked and counted at upload.
    const project = `pdf-${Date.now()}`;
    const projects = await fetch(`${world.baseUrl}/v1/projects`, {
      method: "POST",
      headers: { authorization: `Bearer ${world.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({
        type: "documenttranscription",
        name: project,
        params: { features: [{ type: "block", label: "total", flags: ["money"] }] },
      }),
    });
    expect(projects.status).toBe(200);
    const upload = await fetch(
      `${world.baseUrl}/v1/projects/${project}/media?filename=invoice.pdf`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${world.apiKey}` },
        body: new Uint8Array(await numberedPdf(3)),
      },
    );
    const uploaded = (await upload.json()) as { created: { task_id: string; kind: string }[] };
    expect(upload.status).toBe(200);
    expect(uploaded.created[0]?.kind).toBe("pdf");

    const { taskId } = await world.startWork(page);
    expect(taskId).toBe(uploaded.created[0]?.task_id);
    const editor = page.locator(`section[aria-label="Editor"][data-task-id="${taskId}"]`);
    await expect.poll(() => editor.getByText("Page 1 of 3").count()).toBe(1);
    await renderedPage(editor, 1);
    await world.screenshot(page, "pdf-editor-page-1");

    // Next page, then a jump by number there and back: page 2.
    await editor.getByRole("button", { name: "Next page" }).click();
    await expect.poll(() => editor.getByText("Page 2 of 3").count()).toBe(1);
    const goTo = editor.getByLabel("Go to page");
    await goTo.fill("3");
    await goTo.press("Enter");
    await expect.poll(() => editor.getByText("Page 3 of 3").count()).toBe(1);
    await editor.getByLabel("Go to page").fill("2");
    await editor.getByLabel("Go to page").press("Enter");
    await expect.poll(() => editor.getByText("Page 2 of 3").count()).toBe(1);
    let svg = await renderedPage(editor, 2);
    const fitted = await svg.boundingBox();

    // Zoom in twice with the button: the page grows and is redrawn sharp.
    await editor.getByRole("button", { name: "Zoom in" }).click();
    await editor.getByRole("button", { name: "Zoom in" }).click();
    await expect.poll(() => editor.getByText("156%").count()).toBe(1);
    svg = await renderedPage(editor, 2);
    const zoomed = await svg.boundingBox();
    expect((zoomed?.width ?? 0) / (fitted?.width ?? 1)).toBeCloseTo(1.5625, 2);

    // A box around the invoice total (x 72..300, y 170..200 in page points), drawn zoomed in.
    const from = await onScreen(svg, 70, 170);
    const to = await onScreen(svg, 300, 200);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
    await page.mouse.move(to.x, to.y, { steps: 4 });
    await page.mouse.up();
    const text = editor.getByLabel("Text of box 1 (total)");
    await expect
      .poll(() => text.evaluate((element) => element === document.activeElement))
      .toBe(true);
    await page.keyboard.type("Invoice total: 42.00");
    await world.screenshot(page, "pdf-editor-page-2-zoomed");

    // Fit width again; the box stays where it was drawn.
    await editor.getByRole("button", { name: "Fit width" }).click();
    await expect.poll(() => editor.getByText("100%").count()).toBe(1);
    expect(await editor.locator("rect[data-uuid]").count()).toBe(1);

    await world.submit(page);
    const response = (await world.storedResponse(taskId)) as {
      annotations: Record<string, unknown>[];
    };
    expect(response.annotations).toHaveLength(1);
    const [box] = response.annotations;
    // Page 2 as the Tasker saw it is `page: 1` on the wire: Scale numbers pages from 0.
    expect(box).toMatchObject({ page: 1, label: "total", text: "Invoice total: 42.00" });
    const location = box?.location as Record<string, number>;
    expect(Math.abs((location.left ?? NaN) - 70)).toBeLessThanOrEqual(1);
    expect(Math.abs((location.top ?? NaN) - 170)).toBeLessThanOrEqual(1);
    expect(Math.abs((location.width ?? NaN) - 230)).toBeLessThanOrEqual(1);
    expect(Math.abs((location.height ?? NaN) - 30)).toBeLessThanOrEqual(1);
  });

  it("shows a PDF created over the API by a URL that does not say it is one", async () => {
    // Uploaded as a file and named in `attachment`: no page count, and a URL without `.pdf`.
    // The editor tries it as an image, then as a PDF, rather than showing "Image not loaded".
    const attachment = await world.uploadFile(
      "scan.pdf",
      new Uint8Array(await numberedPdf(3)),
      "application/pdf",
    );
    const created = await world.createTask("documenttranscription", {
      attachment,
      features: [{ type: "text", label: "heading" }],
    });
    const { taskId } = await world.startWork(page);
    expect(taskId).toBe(created);
    const editor = page.locator(`section[aria-label="Editor"][data-task-id="${taskId}"]`);
    await renderedPage(editor, 1);
    await expect.poll(() => editor.getByText("Page 1 of 3").count()).toBe(1);
    expect(await editor.getByText("Image not loaded", { exact: false }).count()).toBe(0);
    await page.keyboard.press("PageDown");
    await page.keyboard.press("PageDown");
    await expect.poll(() => editor.getByText("Page 3 of 3").count()).toBe(1);
    await renderedPage(editor, 3);
  });
});
