import { readdirSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { createApiKeyFor, screenshotPath, signedUpPage } from "./accounts";
import { downloadedText } from "./browser";
import { useOwnBrowserServer } from "./browser-server";
import { dropFiles, numberedPdf, PDF_BASE64, png } from "./media";

// Counts the files in its data directory: a server of its own.
const world = useOwnBrowserServer();

/** Files kept in storage (the embedded default: under the data directory). */
const storedFiles = () => {
  const dir = join(world.dataDir, "files");
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
      .length;
  } catch {
    return 0;
  }
};

describe("media dropped on a project", () => {
  it("makes one task per image, refuses a wrong kind with nothing stored, offers templates", async () => {
    const { createTaskforgeClient } = await import("@taskforge/client");
    const { context, page } = await signedUpPage(world.browser, world.server.baseUrl, "media");
    const client = createTaskforgeClient({
      baseUrl: world.server.baseUrl,
      apiKey: await createApiKeyFor(page),
    });
    await client.projects.create.mutate({
      type: "imageannotation",
      name: "frames",
      params: { geometries: { box: { objects_to_annotate: ["car"] } } },
    });
    await page.goto(`${world.server.baseUrl}/projects/frames`);
    await page.getByText("Drop images here, a folder of them, or a .zip").waitFor();

    await dropFiles(
      page,
      Array.from({ length: 20 }, (_, i) => png(i)),
    );
    await page.getByText("Created 20 tasks.").waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("media-progress").innerText()).toMatch(/^20 of 20 files · /);
    await page.screenshot({ path: screenshotPath("media-drop"), fullPage: true });
    const listed = await client.tasks.list.query({ project: "frames", limit: 100 });
    expect(listed.docs).toHaveLength(20);
    expect(listed.docs[0]?.params).toMatchObject({
      attachment: expect.stringMatching(/^taskforge:\/\/files\//),
      geometries: { box: { objects_to_annotate: ["car"] } },
    });
    const stored = storedFiles();
    expect(stored).toBeGreaterThanOrEqual(20);

    // A PDF is refused by its name before it is sent; one named like an image, by its bytes.
    await dropFiles(page, [
      { name: "invoice.pdf", base64: PDF_BASE64 },
      { name: "disguised.png", base64: PDF_BASE64 },
    ]);
    await page.getByText("2 files refused; nothing of them was stored.").waitFor();
    await page
      .getByText("not sent: projects of type imageannotation take images", { exact: false })
      .waitFor();
    await page.getByText("its bytes are one of the PDFs", { exact: false }).waitFor();
    // A copy of an image the project holds is refused too.
    await dropFiles(page, [png(3)]);
    await page.getByText("is already in project frames", { exact: false }).waitFor();
    expect((await client.tasks.list.query({ project: "frames", limit: 100 })).docs).toHaveLength(
      20,
    );
    expect(storedFiles()).toBe(stored);

    // A folder holding only system files has nothing to upload either, and says so.
    const junk = Buffer.from("junk").toString("base64");
    await dropFiles(page, [
      { name: ".DS_Store", base64: junk },
      { name: "Thumbs.db", base64: junk },
    ]);
    await page
      .getByText("Nothing to upload: the drop (or folder) holds only system files")
      .waitFor();
    expect(storedFiles()).toBe(stored);

    // An empty drop says so.
    await dropFiles(page, []);
    await page.getByText("Nothing to upload: the drop (or folder) holds no files.").waitFor();

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "CSV template" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("imageannotation-template.csv");
    const csv = await downloadedText(download);
    expect(csv.split("\r\n")[0]).toContain("attachment");
    await context.close();
  });
});

describe("PDFs dropped on a document transcription project", () => {
  it("makes a task of a PDF, refuses a cut-off one by its bytes, and shows the PDF on the task page", async () => {
    const { createTaskforgeClient } = await import("@taskforge/client");
    const { context, page } = await signedUpPage(world.browser, world.server.baseUrl, "pdfs");
    const client = createTaskforgeClient({
      baseUrl: world.server.baseUrl,
      apiKey: await createApiKeyFor(page),
    });
    await client.projects.create.mutate({
      type: "documenttranscription",
      name: "invoices",
      params: { features: [{ type: "block", label: "total" }] },
    });
    await page.goto(`${world.server.baseUrl}/projects/invoices`);
    await page.getByText("Drop images or PDFs here, a folder of them, or a .zip").waitFor();
    const stored = storedFiles();

    const whole = await numberedPdf(2);
    await dropFiles(page, [
      { name: "invoice-1.pdf", base64: whole.toString("base64") },
      { name: "cut.pdf", base64: whole.subarray(0, whole.length - 200).toString("base64") },
    ]);
    await page.getByText("Created 1 task.").waitFor({ timeout: 60_000 });
    await page
      .getByText('"cut.pdf" is not a PDF taskforge can label: it is truncated', { exact: false })
      .waitFor();
    await page.screenshot({ path: screenshotPath("media-drop-pdf"), fullPage: true });
    expect(storedFiles()).toBe(stored + 1);
    const [task] = (await client.tasks.list.query({ project: "invoices", limit: 10 })).docs;
    expect(task?.params).toMatchObject({
      attachment: expect.stringMatching(/^taskforge:\/\/files\//),
      page_count: 2,
      features: [{ type: "block", label: "total" }],
    });

    // The task page draws the PDF's first page with pdf.js, its worker served by the app itself.
    await page.goto(`${world.server.baseUrl}/tasks/${task?.task_id}`);
    const figure = page.locator('figure[data-pdf-page="1"]');
    await expect.poll(() => figure.getAttribute("data-rendered"), { timeout: 20_000 }).toBe("true");
    await page.screenshot({ path: screenshotPath("task-page-pdf"), fullPage: true });
    await context.close();
  });
});

describe("a new user's journey", () => {
  it("creates one task from the form however often the button is clicked, and says so by the button", async () => {
    const { createTaskforgeClient } = await import("@taskforge/client");
    const { context, page } = await signedUpPage(world.browser, world.server.baseUrl, "form");
    const client = createTaskforgeClient({
      baseUrl: world.server.baseUrl,
      apiKey: await createApiKeyFor(page),
    });
    await page.goto(`${world.server.baseUrl}/tasks/new`);
    await page.getByLabel("Task type").selectOption("categorization");
    await page.getByRole("button", { name: /^Load example: Scale's example/ }).click();
    const button = page.getByRole("button", { name: "Create task" });
    await button.dblclick();
    const notice = page.getByText(/^Task created: [0-9a-f]{24}$/);
    await notice.waitFor();
    expect(await notice.isVisible()).toBe(true);
    const link = notice.getByRole("link");
    const taskId = await link.innerText();
    expect((await client.tasks.list.query({})).docs.map((t) => t.task_id)).toEqual([taskId]);
    await link.click();
    await page.waitForURL(`**/tasks/${taskId}`);
    await context.close();
  });

  it("answers unknown pages with a styled 404 and the workspace without a work role with a 403", async () => {
    const { context, page } = await signedUpPage(world.browser, world.server.baseUrl, "lost");
    const missing = await page.goto(`${world.server.baseUrl}/no-such-page`);
    expect(missing?.status()).toBe(404);
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
    await page.screenshot({ path: screenshotPath("not-found"), fullPage: true });
    await page.getByRole("link", { name: "Back to the dashboard" }).click();
    await page.waitForURL("**/tasks");

    // An owner who gave up labeling (only "owner" left) has no work role: /work is a 403.
    const status = await page.evaluate(async () => {
      const me = (await (await fetch("/api/trpc/account.me")).json()) as {
        result: { data: { user_id: string } };
      };
      const response = await fetch("/api/trpc/members.setRoles", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ id: me.result.data.user_id, roles: ["owner"] }),
      });
      return response.status;
    });
    expect(status).toBe(200);
    const work = await page.goto(`${world.server.baseUrl}/work`);
    expect(work?.status()).toBe(403);
    await page.getByRole("heading", { name: "You cannot open this page" }).waitFor();
    await page.screenshot({ path: screenshotPath("forbidden"), fullPage: true });

    // Every link of the navigation opens.
    await page.goto(`${world.server.baseUrl}/tasks`);
    const hrefs = await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link")
      .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute("href")));
    expect(hrefs.length).toBeGreaterThan(3);
    for (const href of hrefs) {
      const response = await page.goto(`${world.server.baseUrl}${href}`);
      expect(response?.status(), href ?? "").toBe(200);
    }

    // The icon is linked from every page and served.
    const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
    const served = await page.request.get(`${world.server.baseUrl}${icon}`);
    expect(served.status()).toBe(200);
    expect(served.headers()["content-type"]).toContain("image/svg+xml");
    await context.close();
  });
});
