import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startWorkspaceWorld } from "./workspace-world";
import type { WorkspaceWorld } from "./workspace-world";

let world: WorkspaceWorld;
let page: Page;
let context: BrowserContext;

beforeAll(async () => {
  world = await startWorkspaceWorld();
  ({ page, context } = await world.newTasker({
    types: ["categorization", "textcollection", "comparison"],
  }));
});
afterAll(async () => {
  await context.close();
  await world.stop();
});

/** Creates the task (params at the top level, as in Scale's API), opens it in the workspace. */
const openTask = async (type: string, params: Record<string, unknown>) => {
  const created = await world.createTask(type, params);
  const { taskId } = await world.startWork(page);
  expect(taskId).toBe(created);
  const editor = page.locator(`section[aria-label="Editor"][data-task-id="${taskId}"]`);
  expect(await editor.getAttribute("data-task-type")).toBe(type);
  return { taskId, editor };
};

/** Drags an element's centre vertically by `dy` pixels with the real mouse, in small steps. */
const dragBy = async (handle: Locator, dy: number) => {
  const box = await handle.boundingBox();
  if (!box) throw new Error("the handle is not visible");
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y + dy / 2, { steps: 5 });
  await page.mouse.move(x, y + dy, { steps: 5 });
  await page.mouse.up();
};

describe("labelling forms in the workspace", () => {
  it("categorization: keys choose the category, the chosen toggle is pressed", async () => {
    const { taskId, editor } = await openTask("categorization", {
      attachment_type: "text",
      attachment: "The film was a delight from start to finish.",
      categories: [
        "negative",
        { label: "positive", description: "The reviewer liked it" },
        "mixed",
      ],
    });
    await expect.poll(() => editor.getByText("The film was a delight").count()).toBe(1);
    await page.keyboard.press("1");
    const positive = editor.getByRole("button", { name: /positive/ });
    expect(await positive.getAttribute("aria-pressed")).toBe("false");
    await page.keyboard.press("2");
    await expect.poll(() => positive.getAttribute("aria-pressed")).toBe("true");
    expect(
      await editor.getByRole("button", { name: /negative/ }).getAttribute("aria-pressed"),
    ).toBe("false");
    await world.screenshot(page, "editor-categorization");
    await world.submit(page);
    expect(await world.storedResponse(taskId)).toEqual({ category: "positive" });
  });

  it("textcollection: a required field left empty is refused at the field, then the typed form is stored", async () => {
    const { taskId, editor } = await openTask("textcollection", {
      attachments: [{ type: "text", content: "Order 5521 ships on 3 June 2026 to Lisbon." }],
      fields: [
        { field_id: "city", type: "text", title: "Destination city" },
        {
          field_id: "carrier",
          type: "category",
          title: "Carrier",
          choices: [
            { label: "Post", value: "post" },
            { label: "Courier", value: "courier" },
          ],
        },
        { field_id: "parcels", type: "number", title: "Parcels", min: 1, max: 9 },
        { field_id: "fragile", type: "boolean", title: "Fragile?" },
        {
          field_id: "keywords",
          type: "text",
          title: "Keywords",
          max_responses_required: 3,
        },
        { field_id: "ships_at", type: "datetime", title: "Ships at", required: false },
      ],
    });
    await editor.getByLabel("Parcels").click();
    await page.keyboard.type("2");
    await editor.getByRole("radio", { name: "Courier", exact: true }).click();
    await editor.getByRole("radio", { name: "No", exact: true }).click();
    await editor.locator("#field-keywords").click();
    await page.keyboard.type("order");
    await editor.getByRole("button", { name: "Add another" }).click();
    await editor.getByLabel("Keywords 2", { exact: true }).click();
    await page.keyboard.type("Lisbon");
    await editor.getByLabel("Ships at").fill("2026-06-03T09:15");

    // Submitting without the required city: the browser check refuses and says where.
    await page.getByRole("button", { name: "Submit" }).click();
    const cityProblems = editor.locator("#field-city-problems");
    await expect.poll(() => cityProblems.textContent()).toBe("is required");
    expect(await editor.getByLabel("Destination city").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator('[aria-label="Response problems"]').textContent()).toContain("city");
    expect(await page.locator('section[aria-label="Editor"]').getAttribute("data-task-id")).toBe(
      taskId,
    );
    await world.screenshot(page, "editor-textcollection-refused");

    await editor.getByLabel("Destination city").click();
    await page.keyboard.type("Lisbon");
    await world.screenshot(page, "editor-textcollection");
    // The refused attempt's problem list stays until the next submission is checked, so this
    // waits for the list to go (the submission taken) rather than reading the stale list.
    await page.getByRole("button", { name: "Submit", exact: true }).click();
    await page.waitForFunction(() => !document.querySelector('[aria-label="Response problems"]'));
    expect(await world.storedResponse(taskId)).toEqual({
      annotations: {
        city: "Lisbon",
        carrier: "courier",
        parcels: 2,
        fragile: false,
        keywords: ["order", "Lisbon"],
        ships_at: "2026-06-03T09:15:00.000Z",
      },
    });
  });

  it("comparison: re-ranked by a pointer drag and Alt+arrow keys, rated and explained", async () => {
    const { taskId, editor } = await openTask("comparison", {
      attachments: [
        { type: "text", content: "Answer A: water boils at 90 °C." },
        { type: "text", content: "Answer B: water boils at 100 °C at sea level." },
        { type: "text", content: "Answer C: water boils at 100 °C." },
      ],
      mode: "ranking",
      fields: [{ field_id: "accuracy", title: "Accuracy", type: "rating", min: 1, max: 5 }],
      require_rationale: true,
    });
    const ranking = editor.getByRole("list", { name: "Ranking, best first" });
    const order = () =>
      ranking.locator("li").evaluateAll((items) => items.map((item) => item.dataset["attachment"]));
    expect(await order()).toEqual(["0", "1", "2"]);

    // Output 2 dragged from the middle to the top of the list.
    const handleOf = (output: number) =>
      ranking.getByRole("button", { name: new RegExp(`^Output ${output},`) });
    const rowHeight = (await ranking.locator("li").first().boundingBox())?.height ?? 0;
    await dragBy(handleOf(2), -rowHeight * 1.2);
    await expect.poll(order).toEqual(["1", "0", "2"]);

    // Output 3 moved up one place with the keyboard, keeping its focus.
    await handleOf(3).focus();
    await page.keyboard.press("Alt+ArrowUp");
    await expect.poll(order).toEqual(["1", "2", "0"]);
    expect(await handleOf(3).evaluate((element) => element === document.activeElement)).toBe(true);

    for (const [output, rating] of [
      [1, 1],
      [2, 5],
      [3, 4],
    ] as const) {
      await editor
        .getByRole("radio", {
          name: `Accuracy of Output ${output}: ${rating}`,
          exact: true,
        })
        .click();
    }
    await editor.getByLabel("Rationale").click();
    await page.keyboard.type("B is exact about the pressure; A is wrong.");
    await world.screenshot(page, "editor-comparison");
    await world.submit(page);
    expect(await world.storedResponse(taskId)).toEqual({
      ranking: [1, 2, 0],
      ratings: { accuracy: [1, 5, 4] },
      rationale: "B is exact about the pressure; A is wrong.",
    });
  });
});
