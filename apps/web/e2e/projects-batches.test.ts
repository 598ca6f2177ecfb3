import { describe, expect, it } from "vitest";

import { createApiKeyFor, screenshotPath, signedUpPage } from "./accounts";
import { useBrowserServer } from "./browser-server";

const world = useBrowserServer();

describe("projects pages", () => {
  it("creates a project, edits its params twice and shows three versions with diffs", async () => {
    const { context, page } = await signedUpPage(world.browser, world.server.baseUrl, "projects");
    await page.goto(`${world.server.baseUrl}/projects`);
    await page.getByText("No projects yet").waitFor();
    await page.getByRole("link", { name: "New project" }).click();
    await page.waitForURL(/\/projects\/new$/);
    await page.getByLabel("Name", { exact: true }).fill("sizes");
    await page.getByLabel("Task type").selectOption("categorization");
    await page.getByLabel("Instruction (markdown)").fill("Pick the size.");
    await page.getByLabel("attachment_type", { exact: true }).selectOption("text");
    await page.getByLabel("categories", { exact: true }).fill("big\nsmall");
    await page.screenshot({ path: screenshotPath("project-new"), fullPage: true });
    await page.getByRole("button", { name: "Create project" }).click();
    await page.waitForURL(/\/projects\/sizes$/);
    await page.getByRole("heading", { name: "Version 0" }).waitFor();

    // First edit: a category more; second edit: another instruction.
    // Added first, so the diff is that one line (jsdiff compares lines; a moved comma counts).
    await page.getByLabel("categories", { exact: true }).fill("medium\nbig\nsmall");
    await page.getByRole("button", { name: "Save as new version" }).click();
    await page.getByText("Saved as version 1.").waitFor();
    await page.getByRole("heading", { name: "Version 1" }).waitFor();
    await page.getByLabel("Instruction (markdown)").fill("Pick the closest size.");
    await page.getByRole("button", { name: "Save as new version" }).click();
    await page.getByText("Saved as version 2.").waitFor();
    await page.getByRole("heading", { name: "Version 2" }).waitFor();

    const versions = page.getByRole("list", { name: "Params versions, newest first" });
    expect(await versions.getByRole("listitem").count()).toBe(3);
    const v1 = versions.getByRole("listitem", { name: "Version 1" });
    expect(await v1.locator("ins").allInnerTexts()).toEqual([expect.stringContaining('"medium"')]);
    await v1.getByText("1 line added, 0 removed").waitFor();
    const v2 = versions.getByRole("listitem", { name: "Version 2" });
    expect((await v2.locator("del").innerText()).replace(/\s+/g, " ")).toContain("Pick the size.");
    expect((await v2.locator("ins").innerText()).replace(/\s+/g, " ")).toContain(
      "Pick the closest size.",
    );
    await page.screenshot({ path: screenshotPath("project-versions"), fullPage: true });

    await page.goto(`${world.server.baseUrl}/projects`);
    const row = page.getByRole("row", { name: /sizes/ });
    await row.getByText("v2").waitFor();
    await row.getByText("categorization").waitFor();
    await page.screenshot({ path: screenshotPath("projects"), fullPage: true });
    await context.close();
  });
});

describe("batches pages", () => {
  it("creates a staging batch, shows its tasks' counts and progress, and finalizes it", async () => {
    const { createTaskforgeClient } = await import("@taskforge/client");
    const { context, page } = await signedUpPage(world.browser, world.server.baseUrl, "batches");
    // Test-mode tasks complete at once, so the batch shows progress without Taskers.
    await page.getByRole("switch", { name: "Live data" }).click();
    await page.getByRole("switch", { name: "Test data" }).waitFor();
    const client = createTaskforgeClient({
      baseUrl: world.server.baseUrl,
      apiKey: await createApiKeyFor(page, "test"),
    });
    await client.projects.create.mutate({
      type: "categorization",
      name: "studio-sizes",
      studio: true,
      params: { attachment_type: "text", categories: ["big", "small"] },
    });

    await page.goto(`${world.server.baseUrl}/batches`);
    await page.getByText("No batches yet").waitFor();
    await page.getByRole("link", { name: "New batch" }).click();
    await page.getByLabel("Name").fill("wave-1");
    await page.getByLabel("Project").selectOption("studio-sizes");
    await page.getByLabel("Callback URL").fill("https://example.com/batch-done");
    await page.getByRole("button", { name: "Create batch" }).click();
    await page.waitForURL(/\/batches\/wave-1$/);
    await page.getByRole("button", { name: "Finalize" }).waitFor();
    await page.getByText("https://example.com/batch-done").waitFor();

    for (const attachment of ["car", "ant", "bus"]) {
      await client.tasks.create.mutate({
        type: "categorization",
        batch: "wave-1",
        params: { attachment },
      });
    }
    // A gold task stays pending (it exists to score Taskers).
    await client.tasks.create.mutate({
      type: "categorization",
      batch: "wave-1",
      params: { attachment: "whale" },
      expected_response: { category: "big" },
    });
    expect(await client.batches.status.query({ name: "wave-1" })).toEqual({
      status: "staging",
      completed: 3,
      pending: 1,
    });

    await page.reload();
    const bar = page.getByRole("progressbar", { name: "wave-1: 3 of 4 tasks completed" });
    expect(await bar.getAttribute("aria-valuenow")).toBe("75");
    const counts = page.locator('dl[aria-label="Tasks by status"] dd');
    expect(await counts.allInnerTexts()).toEqual(["1", "3", "0", "0"]);
    expect(await page.getByRole("link", { name: "See tasks" }).getAttribute("href")).toBe(
      "/tasks?batch=wave-1",
    );
    await page.screenshot({ path: screenshotPath("batch-staging"), fullPage: true });

    await page.goto(`${world.server.baseUrl}/batches`);
    const row = page.getByRole("row", { name: /wave-1/ });
    await row.getByText("staging").waitFor();
    await row.getByText("3/4 completed").waitFor();
    await page.screenshot({ path: screenshotPath("batches"), fullPage: true });

    await row.getByRole("link", { name: "wave-1" }).click();
    await page.getByRole("button", { name: "Finalize" }).click();
    // The button reads "Finalizing…" while the call runs and is gone once the page shows the result.
    await page.getByRole("button", { name: /^Finaliz/ }).waitFor({ state: "detached" });
    const finalized = await client.batches.get.query({ name: "wave-1" });
    expect(finalized.status).not.toBe("staging");
    await page.getByText(finalized.status.replace("_", " "), { exact: true }).first().waitFor();
    await context.close();
  });
});
