import { createTaskforgeClient } from "@taskforge/client";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startServer, temporaryDirectory, waitForHealthy } from "../test/server";
import type { RunningServer } from "../test/server";
import { launchBrowser } from "./browser";

const LIVE_KEY = "live_browser_0123456789abcdef";

let server: RunningServer;
let browser: Browser;
const data = temporaryDirectory();

beforeAll(async () => {
  server = await startServer({
    TASKFORGE_DATA_DIR: data.dir,
    TASKFORGE_BOOTSTRAP_API_KEY: LIVE_KEY,
  });
  await waitForHealthy(server);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
  await server.stop();
  data.remove();
});

describe("first page in Chromium", () => {
  it("opens the organization's tasks with an API key, filters them, and signs out", async () => {
    const taskforge = createTaskforgeClient({ baseUrl: server.baseUrl, apiKey: LIVE_KEY });
    const pending = await taskforge.tasks.create.mutate({
      type: "categorization",
      instruction: "Is this a cat?",
      params: { attachment_type: "text", attachment: "a cat", categories: ["yes", "no"] },
      tags: ["pets"],
    });
    const canceled = await taskforge.tasks.create.mutate({
      type: "categorization",
      instruction: "Is this a dog?",
      params: { attachment_type: "text", attachment: "a dog", categories: ["yes", "no"] },
    });
    await taskforge.tasks.cancel.mutate({ task_id: canceled.task_id });

    const page = await browser.newPage();
    await page.goto(server.baseUrl);
    await expect(page.getByText("taskforge is running").isVisible()).resolves.toBe(true);

    await page.getByLabel("API key").fill("live_wrong_0123456789abcdef");
    await page.getByRole("button", { name: "Open" }).click();
    await page.getByText("That API key is not valid.").waitFor();

    await page.getByLabel("API key").fill(LIVE_KEY);
    await page.getByRole("button", { name: "Open" }).click();
    await page.getByRole("heading", { name: "Tasks (2)" }).waitFor();
    expect(await page.locator("tbody tr").count()).toBe(2);
    await expect(
      page.locator(`tr[data-task-id="${pending.task_id}"]`).innerText(),
    ).resolves.toContain("Is this a cat?");

    await page.getByLabel("Status").selectOption("canceled");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/status=canceled/);
    expect(await page.locator("tbody tr").count()).toBe(1);
    await expect(page.locator("tbody tr").first().getAttribute("data-task-id")).resolves.toBe(
      canceled.task_id,
    );
    await page.screenshot({ path: `${data.dir}/tasks.png`, fullPage: true });

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByText("Open your organization").waitFor();
    expect(await page.locator("table").count()).toBe(0);
  });
});
