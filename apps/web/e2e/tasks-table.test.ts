import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { createApiKeyFor, screenshotPath, signedUpPage } from "./accounts";
import { downloadedText } from "./browser";
import { useBrowserServer } from "./browser-server";

const world = useBrowserServer();

const rowIds = (page: Page) =>
  page
    .locator("tr[data-task-id]")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-task-id")));

const total = (page: Page, text: string) =>
  page.getByTestId("tasks-total").filter({ hasText: text }).waitFor();

/** The filter form's controls (the column chooser has checkboxes with the same names). */
const filter = (page: Page, label: string) =>
  page.getByRole("form", { name: "Filter tasks" }).getByLabel(label, { exact: true });

/** Submits the filters and waits for the page of the new URL (whose query is `expected`). */
const applyFilters = async (page: Page, expected: string) => {
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL((url) => url.search === expected);
};

describe("the Tasks page", () => {
  it("filters, pages, chooses columns and acts on a selection, for its organization only", async () => {
    const { createTaskforgeClient } = await import("@taskforge/client");
    const owner = await signedUpPage(world.browser, world.server.baseUrl, "tasks");
    const page = owner.page;
    const client = createTaskforgeClient({
      baseUrl: world.server.baseUrl,
      apiKey: await createApiKeyFor(page),
    });
    await client.projects.create.mutate({ type: "categorization", name: "kittens" });

    // Eight tasks, created oldest first: five categorization (two in the project), three text.
    const ids: string[] = [];
    for (let i = 1; i <= 8; i++) {
      const common = {
        unique_id: `u-${i}`,
        tags: i === 1 ? ["red", "a", "b", "c", "d"] : i <= 3 ? ["red"] : ["blue"],
        instruction: `Task number ${i}`,
      };
      const task =
        i <= 5
          ? await client.tasks.create.mutate({
              type: "categorization",
              params: { attachment_type: "text", attachment: `item ${i}`, categories: ["a", "b"] },
              ...(i <= 2 ? { project: "kittens" } : {}),
              ...common,
            })
          : await client.tasks.create.mutate({
              type: "textcollection",
              params: {
                attachments: [{ type: "text", content: `text ${i}` }],
                fields: [{ field_id: "f", type: "text", title: "F" }],
              },
              ...common,
            });
      ids.push(task.task_id);
    }
    const newestFirst = [...ids].reverse();
    const idAt = (i: number) => {
      const id = ids[i];
      if (!id) throw new Error(`no task ${i}`);
      return id;
    };
    await client.tasks.cancel.mutate({ task_id: idAt(7) });

    await page.goto(`${world.server.baseUrl}/tasks`);
    await total(page, "8 tasks");
    expect(await rowIds(page)).toEqual(newestFirst);
    await page.screenshot({ path: screenshotPath("tasks"), fullPage: true });

    // Status
    await filter(page, "Status").selectOption("canceled");
    await applyFilters(page, "?status=canceled");
    await total(page, "1 task match these filters");
    expect(await rowIds(page)).toEqual([ids[7]]);
    // Back undoes the filter.
    await page.goBack();
    await total(page, "8 tasks");
    await expect(filter(page, "Status").inputValue()).resolves.toBe("");

    // Type
    await filter(page, "Type").selectOption("textcollection");
    await applyFilters(page, "?type=textcollection");
    await total(page, "3 tasks match");
    expect(await rowIds(page)).toEqual(newestFirst.slice(0, 3));

    // Tag (type stays selected: both filters apply)
    await filter(page, "Type").selectOption("");
    await filter(page, "Tags").fill("red");
    await applyFilters(page, "?tags=red");
    await total(page, "3 tasks match");
    expect(await rowIds(page)).toEqual([ids[2], ids[1], ids[0]]);

    // Project
    await page.getByRole("link", { name: "Clear filters" }).click();
    await total(page, "8 tasks");
    await filter(page, "Project").selectOption("kittens");
    await applyFilters(page, "?project=kittens");
    await total(page, "2 tasks match");
    expect(await rowIds(page)).toEqual([ids[1], ids[0]]);

    // Unique id, through a shared link
    await page.goto(`${world.server.baseUrl}/tasks?unique_id=u-4`);
    await total(page, "1 task match");
    expect(await rowIds(page)).toEqual([ids[3]]);
    await expect(filter(page, "Unique id").inputValue()).resolves.toBe("u-4");

    // Date range: everything was created today (UTC); nothing before today.
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await page.goto(`${world.server.baseUrl}/tasks`);
    await page.getByText("Date ranges").click();
    await filter(page, "Created after").fill(today);
    await filter(page, "Created before").fill(tomorrow);
    await applyFilters(page, `?start_time=${today}&end_time=${tomorrow}`);
    await total(page, "8 tasks match");
    await filter(page, "Created after").fill("");
    await filter(page, "Created before").fill(today);
    await applyFilters(page, `?end_time=${today}`);
    await page.getByText("No tasks match these filters").waitFor();
    expect(await rowIds(page)).toEqual([]);

    // An invalid value in a hand-edited URL is explained, not a crash.
    await page.goto(`${world.server.baseUrl}/tasks?start_time=yesterday`);
    await page.getByText("must be an ISO-8601 date or date-time").waitFor();

    // Keyset pages of three: 3 + 3 + 2, and back again.
    await page.goto(`${world.server.baseUrl}/tasks?limit=3`);
    await total(page, "8 tasks");
    expect(await rowIds(page)).toEqual(newestFirst.slice(0, 3));
    await page.getByRole("link", { name: "Next page" }).click();
    await page.getByText("Page 2").waitFor();
    expect(await rowIds(page)).toEqual(newestFirst.slice(3, 6));
    await page.getByRole("link", { name: "Next page" }).click();
    await page.getByText("Page 3").waitFor();
    expect(await rowIds(page)).toEqual(newestFirst.slice(6));
    await expect(page.getByRole("link", { name: "Next page" }).count()).resolves.toBe(0);
    await page.getByRole("link", { name: "Previous page" }).click();
    await page.getByText("Page 2").waitFor();
    expect(await rowIds(page)).toEqual(newestFirst.slice(3, 6));
    await page.getByRole("link", { name: "Previous page" }).click();
    await page.getByText("Page 1").waitFor();
    expect(await rowIds(page)).toEqual(newestFirst.slice(0, 3));
    await expect(page.getByRole("link", { name: "Previous page" }).count()).resolves.toBe(0);

    // Columns: hide Type, show Unique id; the choice survives a reload.
    await page.goto(`${world.server.baseUrl}/tasks`);
    await total(page, "8 tasks");
    const headers = () => page.locator("thead th").allInnerTexts();
    expect(await headers()).toContain("TYPE");
    await page.getByText("Columns", { exact: true }).click();
    await page.getByRole("checkbox", { name: "Type", exact: true }).uncheck();
    await page.getByRole("checkbox", { name: "Unique id", exact: true }).check();
    expect(await headers()).not.toContain("TYPE");
    expect(await headers()).toContain("UNIQUE ID");
    await page.reload();
    await total(page, "8 tasks");
    await page.locator("thead th", { hasText: "Unique id" }).waitFor();
    expect(await headers()).not.toContain("TYPE");
    await page.locator(`tr[data-task-id="${ids[3]}"]`).getByText("u-4").waitFor();
    // Each row links to its task.
    await expect(
      page.getByRole("link", { name: ids[3], exact: true }).getAttribute("href"),
    ).resolves.toBe(`/tasks/${ids[3]}`);

    // Export two selected tasks as JSONL.
    await page.getByLabel(`Select task ${ids[0]}`).check();
    await page.getByLabel(`Select task ${ids[4]}`).check();
    await page.getByText("2 selected").waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export JSONL" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^tasks-.*\.jsonl$/);
    const lines = (await downloadedText(download)).trim().split("\n");
    const exported = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(exported.map((task) => task.task_id).sort()).toEqual([ids[0], ids[4]].sort());
    const first = exported.find((task) => task.task_id === ids[0]);
    expect(first).toMatchObject({
      type: "categorization",
      status: "pending",
      unique_id: "u-1",
      project: "kittens",
      params: { attachment: "item 1" },
    });

    // Bulk cancel the two selected tasks (after confirming).
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Cancel tasks" }).click();
    await page.getByText("Canceled 2 tasks.").waitFor();
    await page
      .locator(`tr[data-task-id="${ids[0]}"]`)
      .getByText("canceled", { exact: true })
      .waitFor();
    await page
      .locator(`tr[data-task-id="${ids[4]}"]`)
      .getByText("canceled", { exact: true })
      .waitFor();
    expect((await client.tasks.get.query({ task_id: idAt(4) })).status).toBe("canceled");
    expect((await client.tasks.get.query({ task_id: idAt(3) })).status).toBe("pending");

    // Bulk tag everything on the page: the task that already has five tags is refused, by name.
    await page.getByLabel("Select all tasks on this page").check();
    await page.getByText("8 selected").waitFor();
    await page.getByRole("button", { name: "Add tags" }).click();
    await page.getByLabel("Tags to add").fill("reviewed");
    await page.getByRole("button", { name: "Add to selected" }).click();
    await page.getByText("Tagged 7 tasks. 1 task could not be changed:").waitFor();
    await page.getByText(`${ids[0]}: `).waitFor();
    // The page refreshes its rows after the change.
    await page
      .locator(`tr[data-task-id="${idAt(4)}"]`)
      .getByText("reviewed", { exact: true })
      .waitFor();
    await page.screenshot({ path: screenshotPath("tasks-bulk"), fullPage: true });
    await page.goto(`${world.server.baseUrl}/tasks?tags=reviewed`);
    await total(page, "7 tasks match");
    expect(await rowIds(page)).not.toContain(ids[0]);

    // Another organization sees none of it, even with the same filters.
    const stranger = await signedUpPage(world.browser, world.server.baseUrl, "stranger");
    await stranger.page.goto(`${world.server.baseUrl}/tasks`);
    await stranger.page.getByText("No tasks yet").waitFor();
    expect(await rowIds(stranger.page)).toEqual([]);
    await stranger.page.goto(`${world.server.baseUrl}/tasks?unique_id=u-1`);
    await stranger.page.getByText("No tasks match these filters").waitFor();
    // Nor can its user act on them through the bulk procedures.
    const foreign = await stranger.page.evaluate(async (taskIds) => {
      const response = await fetch("/api/trpc/tasks.getMany", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ task_ids: taskIds }),
      });
      return (await response.json()) as {
        result: { data: { docs: unknown[]; not_found: string[] } };
      };
    }, ids);
    expect(foreign.result.data.docs).toEqual([]);
    expect(foreign.result.data.not_found).toEqual(ids);
    await stranger.page.screenshot({ path: screenshotPath("tasks-empty"), fullPage: true });

    await stranger.context.close();
    await owner.context.close();
  });
});
