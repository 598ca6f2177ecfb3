import { createTaskforgeClient } from "@taskforge/client";
import type { TaskforgeClient } from "@taskforge/client";
import { taskTypes } from "@taskforge/schema";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createApiKeyFor, screenshotPath, signedUpPage } from "./accounts";
import { useBrowserServer } from "./browser-server";

const world = useBrowserServer({ TASKFORGE_CALLBACK_POLL_MS: "100" });

// Nothing listens on port 9 (and loopback is not allowlisted), so every delivery fails: the page
// must still list them and offer to resend.
const CALLBACK_URL = "http://127.0.0.1:9/hook";

/** A signed-up owner whose dashboard shows test data, and a client with a test key. */
const testModeOwner = async (label: string) => {
  const { context, page } = await signedUpPage(world.browser, world.server.baseUrl, label);
  const apiKey = await createApiKeyFor(page, "test");
  // Test-mode tasks complete at once with a placeholder response (the hypothesis, when given).
  await context.addCookies([{ name: "taskforge_mode", value: "test", url: world.server.baseUrl }]);
  return {
    context,
    page,
    client: createTaskforgeClient({ baseUrl: world.server.baseUrl, apiKey }),
  };
};

const example = (type: "imageannotation" | "namedentityrecognition") => {
  const found = taskTypes[type].examples[0];
  if (!found) throw new Error(`no ${type} example`);
  return found as { params: Record<string, unknown>; response: Record<string, unknown> };
};

const reviewStatus = (page: Page) => page.locator('dd[data-field="customer_review_status"]');
const historyEvents = (page: Page) =>
  page
    .locator('ol[aria-label="History"] li')
    .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.event));

describe("the task page", () => {
  let owner: { context: BrowserContext; page: Page; client: TaskforgeClient };
  let imageTaskId: string;

  beforeAll(async () => {
    owner = await testModeOwner("taskpage");
  });
  afterAll(async () => {
    await owner.context.close();
  });

  it("draws an image annotation task, lists its failed callbacks and resends", async () => {
    const { page, client } = owner;
    const { params, response } = example("imageannotation");
    const task = await client.tasks.create.mutate({
      type: "imageannotation",
      params: { ...params, hypothesis: response } as never,
      instruction: "# Label the cars\n\nDraw **tight** boxes around every vehicle.",
      callback_url: CALLBACK_URL,
      metadata: { source: "e2e" },
      tags: ["e2e"],
      unique_id: "image-1",
    });
    imageTaskId = task.task_id;
    expect(task.status).toBe("completed");

    await page.goto(`${world.server.baseUrl}/tasks/${task.task_id}`);
    await page.getByRole("heading", { name: "Image annotation task" }).waitFor();
    const instruction = page.getByTestId("instruction");
    await instruction.getByRole("heading", { name: "Label the cars" }).waitFor();
    expect(await instruction.locator("strong").textContent()).toBe("tight");
    // The response's boxes, drawn at their coordinates over the image.
    expect(await page.locator('svg g[data-label="car"] rect[x="120"][y="300"]').count()).toBe(1);
    expect(
      await page.locator('svg g[data-label="pedestrian"] rect[x="700"][width="40"]').count(),
    ).toBe(1);
    await page.getByRole("list", { name: "Legend" }).getByText("pedestrian").waitFor();
    // Public fields and the raw object.
    expect(await page.locator('dd[data-field="unique_id"]').textContent()).toBe("image-1");
    expect(await page.locator('dd[data-field="tags"]').textContent()).toBe("e2e");
    expect(await page.locator('dd[data-field="metadata"]').textContent()).toContain(
      '"source": "e2e"',
    );
    await page.getByText("Raw JSON of the task object").click();
    await page.getByText(`"task_id": "${task.task_id}"`).waitFor();
    expect(await historyEvents(page)).toEqual(expect.arrayContaining(["created", "completed"]));

    // The completion callback was queued and fails; reload until its attempt shows.
    const rows = page.locator("tr[data-delivery]");
    for (let i = 0; i < 40 && (await rows.count()) === 0; i++) {
      await page.waitForTimeout(250);
      await page.reload();
    }
    expect(await rows.count()).toBe(1);
    await rows.first().getByText(CALLBACK_URL).waitFor();

    await page.getByRole("button", { name: "Resend" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: /Queued again|Delivered/ })
      .waitFor();
    await page.waitForFunction(
      () => document.querySelectorAll("tr[data-delivery]").length === 2,
      undefined,
      { timeout: 15_000 },
    );
    await page.screenshot({ path: screenshotPath("task-page-image"), fullPage: true });
  });

  it("fixes the response as JSON, and shows an invalid fix's errors by path", async () => {
    const { page } = owner;
    const { response } = example("imageannotation");
    const fixed = structuredClone(response) as { annotations: Record<string, unknown>[] };
    fixed.annotations[0] = { ...fixed.annotations[0], left: 150 };
    await page.goto(`${world.server.baseUrl}/tasks/${imageTaskId}`);

    await page.getByRole("button", { name: "Fix…" }).click();
    // The type's visual editor opens first; the box it draws is the stored one.
    await page.locator('form[aria-label="Fix the response"] svg[data-scale]').waitFor();
    await page.getByLabel("Edit as JSON").check();
    await page.getByLabel("Response (JSON)").fill(JSON.stringify(fixed));
    await page.getByRole("button", { name: "Save fix" }).click();
    await reviewStatus(page).getByText("fixed").waitFor();
    await page.locator('svg rect[x="150"][y="300"]').waitFor();
    await page.getByRole("list", { name: "Audits" }).getByText("fixed").waitFor();

    await page.getByRole("button", { name: "Fix…" }).click();
    fixed.annotations[0] = { ...fixed.annotations[0], width: -5 };
    await page.getByLabel("Edit as JSON").check();
    await page.getByLabel("Response (JSON)").fill(JSON.stringify(fixed));
    await page.getByRole("button", { name: "Save fix" }).click();
    // The panel lists the problems (paths relative to the response) below the editor.
    const problems = page.getByRole("list", { name: "Response problems" }).last();
    await problems.getByText("annotations[0].width").waitFor();
    expect(await problems.textContent()).toContain("must be greater than 0");

    // Text that is not JSON never becomes the value: the editor says so, Save still refuses.
    await page.getByLabel("Response (JSON)").fill("{ not json");
    await page.getByText("Not valid JSON", { exact: false }).waitFor();
    await page.getByRole("button", { name: "Save fix" }).click();
    await problems.getByText("annotations[0].width").waitFor();
    await page.screenshot({ path: screenshotPath("task-page-fix-errors"), fullPage: true });
    // The invalid drafts never reached the server: the fixed box is still there.
    await page.reload();
    await page.locator('svg rect[x="150"][y="300"]').waitFor();
  });

  it("highlights entity spans and rejects with a required comment", async () => {
    const { page, client } = owner;
    const { params } = example("namedentityrecognition");
    const task = await client.tasks.create.mutate({
      type: "namedentityrecognition",
      params: params as never,
      instruction: "Mark *people* and places.",
    });
    await page.goto(`${world.server.baseUrl}/tasks/${task.task_id}`);
    // The test-mode answer marks the first word with the first label.
    const mark = page.locator('mark[data-label="person"]');
    await mark.waitFor();
    expect(await mark.textContent()).toBe("Ada");
    expect(await page.getByTestId("instruction").locator("em").textContent()).toBe("people");

    await page.getByRole("button", { name: "Reject…" }).click();
    await page.getByRole("button", { name: "Reject task" }).click();
    await page.getByText("Say why the task is rejected", { exact: false }).waitFor();
    await page.getByLabel("Comment", { exact: true }).fill("The span misses the surname.");
    await page.getByRole("button", { name: "Reject task" }).click();

    await reviewStatus(page).getByText("rejected").waitFor();
    const audits = page.getByRole("list", { name: "Audits" });
    await audits.getByText("The span misses the surname.").waitFor();
    await audits.getByText("rejected").waitFor();
    await page
      .locator('ol[aria-label="History"] li[data-event="audited"]')
      .getByText("rejected")
      .waitFor();
    // The rejected answer is kept and still drawn, under the prior responses.
    await page.getByText("Prior responses (1)").click();
    expect(
      await page
        .getByRole("region", { name: "Prior response 1" })
        .locator('mark[data-label="person"]')
        .textContent(),
    ).toBe("Ada");
    // Sent back for redo: no more audit actions until it is completed again.
    expect(await page.getByRole("button", { name: "Accept" }).count()).toBe(0);
    await page.screenshot({ path: screenshotPath("task-page-ner-rejected"), fullPage: true });
  });

  it("renders the instruction's markdown but shows its HTML as text, and accepts", async () => {
    const { page, client } = owner;
    const task = await client.tasks.create.mutate({
      type: "categorization",
      params: { attachment_type: "text", attachment: "car", categories: ["big", "small"] },
      instruction:
        "## Size\n\n**Bold** words, <b>raw bold</b> and <script>window.pwned = 1</script> stay text.",
    });
    await page.goto(`${world.server.baseUrl}/tasks/${task.task_id}`);
    const instruction = page.getByTestId("instruction");
    await instruction.getByRole("heading", { name: "Size" }).waitFor();
    expect(await instruction.locator("strong").textContent()).toBe("Bold");
    expect(await instruction.locator("b, script").count()).toBe(0);
    const text = await instruction.textContent();
    expect(text).toContain("<b>raw bold</b>");
    expect(text).toContain("<script>window.pwned = 1</script>");
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
    await page.locator('li[data-chosen="true"]').getByText("big").waitFor();

    await page.getByRole("button", { name: "Accept" }).click();
    await reviewStatus(page).getByText("accepted").waitFor();
    await page.getByRole("list", { name: "Audits" }).getByText("accepted").waitFor();
    await page.screenshot({ path: screenshotPath("task-page-html-instruction"), fullPage: true });
  });

  it("is not found for another organization's member, and for a malformed id", async () => {
    const other = await testModeOwner("stranger");
    try {
      const foreign = await other.page.goto(`${world.server.baseUrl}/tasks/${imageTaskId}`);
      expect(foreign?.status()).toBe(404);
      await other.context.clearCookies({ name: "taskforge_mode" });
      const live = await other.page.goto(`${world.server.baseUrl}/tasks/${imageTaskId}`);
      expect(live?.status()).toBe(404);
      const malformed = await other.page.goto(`${world.server.baseUrl}/tasks/not-a-task-id`);
      expect(malformed?.status()).toBe(404);
      // The owner still sees it.
      const own = await owner.page.goto(`${world.server.baseUrl}/tasks/${imageTaskId}`);
      expect(own?.status()).toBe(200);
    } finally {
      await other.context.close();
    }
  });
});
