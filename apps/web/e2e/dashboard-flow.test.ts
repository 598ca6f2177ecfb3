import { describe, expect, it } from "vitest";

import { screenshotPath, signedUpPage } from "./accounts";
import { useBrowserServer } from "./browser-server";

const world = useBrowserServer();

/**
 * The customer's path through the dashboard in one session, as the issue describes it: sign up, make
 * an API key, create tasks by form and by file, find them in the table, reject one with a comment and
 * see it in the audits and the history; another organization cannot open it.
 */
describe("the dashboard, end to end", () => {
  it("takes a new customer from sign-up to a rejected task, and keeps it from other organizations", async () => {
    const { createTaskforgeClient } = await import("@taskforge/client");
    const owner = await signedUpPage(world.browser, world.server.baseUrl, "flow");
    const page = owner.page;
    await page.screenshot({ path: screenshotPath("flow-1-tasks-empty"), fullPage: true });

    // An API key, shown once, that works with the typed client.
    await page.getByRole("link", { name: "API keys" }).click();
    await page.getByLabel("Name", { exact: true }).fill("pipeline");
    await page.getByLabel("Mode", { exact: true }).selectOption("test");
    await page.getByRole("button", { name: "Create key" }).click();
    const keyBox = page.getByLabel("Your new key “pipeline”");
    const key = await keyBox.inputValue();
    expect(key).toMatch(/^test_/);
    await page.screenshot({ path: screenshotPath("flow-2-api-key"), fullPage: true });
    const client = createTaskforgeClient({ baseUrl: world.server.baseUrl, apiKey: key });
    const viaApi = await client.tasks.create.mutate({
      type: "categorization",
      params: { attachment_type: "text", attachment: "api", categories: ["big", "small"] },
      tags: ["api"],
    });

    // Test data: what the test key sees, where tasks complete at once.
    await page.getByRole("switch", { name: "Live data" }).click();
    await page.getByRole("switch", { name: "Test data" }).waitFor();

    // One task through the generated form.
    await page.getByRole("link", { name: "Create tasks" }).click();
    await page.getByLabel("Task type").selectOption("categorization");
    await page.getByRole("button", { name: /^Load example: Scale's example/ }).click();
    await page.getByLabel("Instruction (markdown)").fill("Is it **big**?");
    await page.getByLabel("Tags").fill("form");
    await page.getByRole("button", { name: "Create task" }).click();
    await page.getByText("Task created:").waitFor();
    const formTaskId = await page.getByRole("link", { name: /^[0-9a-f]{24}$/ }).innerText();
    await page.screenshot({ path: screenshotPath("flow-3-create-form"), fullPage: true });

    // Two more from a JSONL file.
    await page.getByRole("button", { name: "Many from a file" }).click();
    const line = (attachment: string) =>
      JSON.stringify({
        type: "categorization",
        params: { attachment_type: "text", attachment, categories: ["big", "small"] },
        tags: ["file"],
      });
    await page.getByLabel("Task file (JSONL or CSV)").setInputFiles({
      name: "tasks.jsonl",
      mimeType: "application/x-ndjson",
      buffer: Buffer.from(`${line("truck")}\n${line("bike")}\n`),
    });
    await page.getByRole("button", { name: "Upload and create" }).click();
    await page.getByText(/^Created 2 tasks/).waitFor();
    await page.screenshot({ path: screenshotPath("flow-4-create-file"), fullPage: true });

    // The table holds all four; the tag filter narrows it to the file's two.
    await page.getByRole("link", { name: "Tasks", exact: true }).click();
    await page.getByTestId("tasks-total").filter({ hasText: "4 tasks" }).waitFor();
    const filters = page.getByRole("form", { name: "Filter tasks" });
    await filters.getByLabel("Tags", { exact: true }).fill("file");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/tags=file/);
    await page.getByTestId("tasks-total").filter({ hasText: "2 tasks" }).waitFor();
    const shown = await page
      .locator("tr[data-task-id]")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-task-id")));
    expect(shown).toHaveLength(2);
    expect(shown).not.toContain(formTaskId);
    expect(shown).not.toContain(viaApi.task_id);
    await page.screenshot({ path: screenshotPath("flow-5-tasks-filtered"), fullPage: true });

    // Open the form's task from the table and reject it with a comment.
    await page.getByRole("link", { name: "Clear filters" }).click();
    await page.getByRole("link", { name: formTaskId, exact: true }).click();
    await page.waitForURL(new RegExp(`/tasks/${formTaskId}$`));
    await page.getByTestId("instruction").locator("strong").getByText("big").waitFor();
    await page.getByRole("button", { name: "Reject…" }).click();
    await page.getByLabel("Comment", { exact: true }).fill("Wrong category for a truck.");
    await page.getByRole("button", { name: "Reject task" }).click();
    const audits = page.getByRole("list", { name: "Audits" });
    await audits.getByText("Wrong category for a truck.").waitFor();
    await page
      .locator('ol[aria-label="History"] li[data-event="audited"]')
      .getByText("rejected")
      .waitFor();
    await page.screenshot({ path: screenshotPath("flow-6-task-rejected"), fullPage: true });
    const stored = await client.tasks.get.query({ task_id: formTaskId });
    expect(stored.customer_review_status).toBe("rejected");
    expect(stored.audits?.[0]).toMatchObject({
      // Colleagues see each other's names: the one given at sign-up (the email's local part here).
      audited_by: owner.account.email.split("@")[0],
      comments: "Wrong category for a truck.",
    });

    // The other pages a customer uses, for the record.
    for (const path of ["projects", "batches", "settings"]) {
      await page.goto(`${world.server.baseUrl}/${path}`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await page.screenshot({ path: screenshotPath(`flow-7-${path}`), fullPage: true });
    }

    // A member of another organization gets "not found" for the direct URL, in either world.
    const stranger = await signedUpPage(world.browser, world.server.baseUrl, "stranger");
    for (const mode of ["live", "test"]) {
      await stranger.context.addCookies([
        { name: "taskforge_mode", value: mode, url: world.server.baseUrl },
      ]);
      const response = await stranger.page.goto(`${world.server.baseUrl}/tasks/${formTaskId}`);
      expect(response?.status()).toBe(404);
    }
    await stranger.context.close();
    await owner.context.close();
  });
});
