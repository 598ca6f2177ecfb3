import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { createApiKeyFor, screenshotPath, signedUpPage } from "./accounts";
import { downloadedText } from "./browser";
import { useBrowserServer } from "./browser-server";

const world = useBrowserServer();

const task = (attachment: string, categories = ["big", "small"]) =>
  JSON.stringify({
    type: "categorization",
    instruction: "Big or small?",
    params: { attachment_type: "text", attachment, categories },
    tags: ["bulk"],
  });

/** Uploads a file through the "Many from a file" form and waits for the import's summary. */
const upload = async (page: Page, name: string, content: string) => {
  await page.getByLabel("Task file (JSONL or CSV)").setInputFiles({
    name,
    mimeType: name.endsWith(".csv") ? "text/csv" : "application/x-ndjson",
    buffer: Buffer.from(content),
  });
  await page.getByRole("button", { name: "Upload and create" }).click();
  await page.getByText(/^Created \d+ tasks?, skipped \d+ duplicates?, failed \d+\.$/).waitFor();
};

describe("creating tasks from the dashboard", () => {
  it("creates one task through the generated form, showing a server error at its field first", async () => {
    const { createTaskforgeClient } = await import("@taskforge/client");
    const { context, page } = await signedUpPage(world.browser, world.server.baseUrl, "form");
    const client = createTaskforgeClient({
      baseUrl: world.server.baseUrl,
      apiKey: await createApiKeyFor(page),
    });
    await page.goto(`${world.server.baseUrl}/tasks/new`);
    await page.getByLabel("Task type").selectOption("categorization");
    await page.getByRole("button", { name: /^Load example: Scale's example/ }).click();
    expect(await page.getByRole("textbox", { name: "attachment", exact: true }).inputValue()).toBe(
      "car",
    );
    expect(await page.getByRole("textbox", { name: "categories", exact: true }).inputValue()).toBe(
      "big\nsmall",
    );

    // One category is not enough: only the server's schema says so, and it names the field.
    const categories = page.getByRole("textbox", { name: "categories", exact: true });
    await categories.fill("big");
    await page.getByRole("button", { name: "Create task" }).click();
    // The summary repeats it; the field's own message is checked below.
    await page.getByText("must have at least 2 categories").first().waitFor();
    expect(await categories.getAttribute("aria-invalid")).toBe("true");
    const describedBy = await categories.getAttribute("aria-describedby");
    expect(await page.locator(`[id="${describedBy}"]`).innerText()).toContain(
      "must have at least 2 categories",
    );
    await page.screenshot({ path: screenshotPath("create-task-error"), fullPage: true });

    await categories.fill("big\nsmall\nhuge");
    await page.getByLabel("Instruction (markdown)").fill("Is it **big**?");
    await page.getByLabel("Tags").fill("form, e2e");
    await page.getByLabel("Metadata (JSON object)").fill('{"source": "dashboard"}');
    await page.getByRole("button", { name: "Create task" }).click();
    await page.getByText("Task created:").waitFor();
    const taskId = await page.getByRole("link", { name: /^[0-9a-f]{24}$/ }).innerText();
    expect(await page.getByRole("link", { name: taskId }).getAttribute("href")).toBe(
      `/tasks/${taskId}`,
    );
    await page.screenshot({ path: screenshotPath("create-task"), fullPage: true });

    const created = await client.tasks.get.query({ task_id: taskId });
    expect(created).toMatchObject({
      type: "categorization",
      instruction: "Is it **big**?",
      params: { attachment_type: "text", attachment: "car", categories: ["big", "small", "huge"] },
      tags: ["form", "e2e"],
      metadata: { source: "dashboard" },
    });
    await context.close();
  });

  it("creates many tasks from JSONL and CSV files, reporting bad rows by line and field", async () => {
    const { createTaskforgeClient } = await import("@taskforge/client");
    const { context, page } = await signedUpPage(world.browser, world.server.baseUrl, "bulk");
    const client = createTaskforgeClient({
      baseUrl: world.server.baseUrl,
      apiKey: await createApiKeyFor(page),
    });
    await page.goto(`${world.server.baseUrl}/tasks/new`);
    await page.getByRole("button", { name: "Many from a file" }).click();

    // A flat (Scale REST) line and a nested one; the bad line is reported by the server's import.
    const flatLine = JSON.stringify({
      attachment_type: "text",
      attachment: "bus",
      categories: ["big", "small"],
      unique_id: "flat-bus",
    });
    await upload(
      page,
      "tasks.jsonl",
      [task("car"), task("ant"), flatLine, task("whale", ["only"])].join("\n"),
    );
    await page.getByText("Created 3 tasks, skipped 0 duplicates, failed 1.").waitFor();
    const bar = page.getByRole("progressbar", { name: "Import progress" });
    expect(await bar.getAttribute("aria-valuenow")).toBe("100");
    await page.getByText(/^4 rows processed · \d+ rows\/s/).waitFor();
    const report = page.getByRole("table", { name: "Rows that were not created" });
    // The report's rows are read from the job after its summary: wait for them, not for the summary.
    await report.locator("tbody tr").first().waitFor();
    expect(await report.locator("tbody tr").allInnerTexts()).toEqual([
      expect.stringMatching(/^4\s+params\.categories\s+must have at least 2 categories$/),
    ]);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download the error report (CSV)" }).click(),
    ]);
    const csv = await downloadedText(download);
    expect(csv.trim().split(/\r?\n/)).toEqual([
      "line,path,message",
      "4,params.categories,must have at least 2 categories",
    ]);
    await page.screenshot({ path: screenshotPath("create-tasks-jsonl"), fullPage: true });

    // CSV: params.* columns; a row naming a project that does not exist fails on the server.
    await upload(
      page,
      "tasks.csv",
      [
        "type,instruction,params.attachment_type,params.attachment,params.categories,project,tags",
        'categorization,Size?,text,lion,"[""big"",""small""]",,csv',
        'categorization,Size?,text,mouse,"[""big"",""small""]",,csv',
        'categorization,Size?,text,mole,"[""big"",""small""]",no-such-project,csv',
      ].join("\n"),
    );
    await page.getByText("Created 2 tasks, skipped 0 duplicates, failed 1.").waitFor();
    expect(await bar.getAttribute("aria-valuenow")).toBe("100");
    await report.locator("tbody tr", { hasText: "no-such-project" }).waitFor();
    const rows = await report.locator("tbody tr").allInnerTexts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^4\s/);
    expect(rows[0]).toMatch(/no-such-project/);
    await page.screenshot({ path: screenshotPath("create-tasks-csv"), fullPage: true });

    const listed = await client.tasks.list.query({});
    const attachments = listed.docs
      .map((t) => (t.params as { attachment: string }).attachment)
      .sort();
    expect(attachments).toEqual(["ant", "bus", "car", "lion", "mouse"]);
    expect(
      listed.docs.find((t) => (t.params as { attachment: string }).attachment === "lion"),
    ).toMatchObject({ tags: ["csv"], instruction: "Size?" });

    // The same file again: the line with a unique_id is skipped as a duplicate.
    await upload(page, "again.jsonl", flatLine);
    await page.getByText("Created 0 tasks, skipped 1 duplicate, failed 0.").waitFor();
    expect((await client.tasks.list.query({ limit: 1 })).total).toBe(5);
    const imports = await page.evaluate(async () => {
      const response = await fetch("/api/trpc/imports.list?input=%7B%22limit%22%3A10%7D");
      return ((await response.json()) as { result: { data: { filename: string }[] } }).result.data;
    });
    expect(imports.map((job) => job.filename)).toEqual(["again.jsonl", "tasks.csv", "tasks.jsonl"]);
    await context.close();
  });

  it("streams a larger CSV to the server's import, stored in chunks of 1,000 lines", async () => {
    const { createTaskforgeClient } = await import("@taskforge/client");
    const { context, page } = await signedUpPage(world.browser, world.server.baseUrl, "big");
    const client = createTaskforgeClient({
      baseUrl: world.server.baseUrl,
      apiKey: await createApiKeyFor(page),
    });
    await page.goto(`${world.server.baseUrl}/tasks/new`);
    await page.getByRole("button", { name: "Many from a file" }).click();
    // ~300 KB over three chunks of the server's import.
    const rows = Array.from({ length: 2500 }, (_, i) =>
      i === 399 || i === 799
        ? `text,item number ${i} with a longer attachment text,"[""only""]"`
        : `text,item number ${i} with a longer attachment text,"[""big"",""small""]"`,
    );
    await upload(
      page,
      "many.csv",
      ["params.attachment_type,params.attachment,params.categories", ...rows].join("\n"),
    );
    await page.getByText("Created 2498 tasks, skipped 0 duplicates, failed 2.").waitFor();
    await page.getByText(/^2500 rows processed/).waitFor();
    const report = page.getByRole("table", { name: "Rows that were not created" });
    const lines = await report.locator("tbody tr td:first-child").allInnerTexts();
    expect(lines).toEqual(["401", "801"]);
    expect((await client.tasks.list.query({ limit: 1 })).total).toBe(2498);
    await page.screenshot({ path: screenshotPath("create-tasks-import"), fullPage: true });
    await context.close();
  });
});
