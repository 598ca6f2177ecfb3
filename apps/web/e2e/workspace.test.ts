import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { categorizationBody, chooseCategory } from "./workspace-categories";
import { startWorkspaceWorld } from "./workspace-world";
import type { WorkspaceWorld } from "./workspace-world";

let world: WorkspaceWorld;

beforeAll(async () => {
  world = await startWorkspaceWorld();
});
afterAll(async () => {
  await world.stop();
});

describe("the Tasker workspace", () => {
  it("claims a categorization task, refuses a bad response, submits a good one and moves on", async () => {
    const first = await world.createTask("categorization", categorizationBody("a purring kitten"));
    const second = await world.createTask("categorization", categorizationBody("a barking puppy"));
    const { page, context } = await world.newTasker({ types: ["categorization"] });

    const { taskId } = await world.startWork(page);
    expect(taskId).toBe(first);
    await expect(page.getByTestId("instruction").textContent()).resolves.toContain(
      "a purring kitten",
    );
    await world.screenshot(page, "workspace-open-task");

    // Nothing chosen yet: the browser's own check names the missing field.
    await page.getByRole("button", { name: "Submit", exact: true }).click();
    const problems = page.locator(
      '[aria-label="Response problems"]:not(section[aria-label="Editor"] *)',
    );
    await expect(problems.textContent()).resolves.toMatch(/category/);
    await world.screenshot(page, "workspace-response-problems");

    await chooseCategory(page, "cat");
    await world.submit(page);
    expect(await world.storedResponse(first)).toEqual({ category: "cat" });

    const next = page.locator('section[aria-label="Editor"]');
    expect(await next.getAttribute("data-task-id")).toBe(second);
    await chooseCategory(page, "dog");
    await world.submit(page);
    expect(await world.storedResponse(second)).toEqual({ category: "dog" });
    await page.getByText("No tasks right now").waitFor();
    await world.screenshot(page, "workspace-no-tasks");
    await context.close();
  });
});
