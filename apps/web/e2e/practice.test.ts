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

const rest = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${world.baseUrl}/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${world.apiKey}`,
      ...(body ? { "content-type": "application/json" } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
};

describe("the practice page", () => {
  it("serves a training task, scores the Tasker's answer and shows the expected one", async () => {
    await rest("POST", "/projects", { type: "categorization", name: "practice" });
    const training = await rest("POST", "/training_tasks/categorization", {
      ...categorizationBody("a tabby"),
      project: "practice",
      expected_response: { category: "cat" },
    });
    const { page } = await world.newTasker({ types: ["categorization"] });
    await page.goto(`${world.baseUrl}/practice`);
    const editor = page.locator('section[aria-label="Editor"]');
    await editor.waitFor();
    expect(await editor.getAttribute("data-training-task-id")).toBe(training.id);
    await chooseCategory(page, "dog");
    await page.getByRole("button", { name: "Check my answer" }).click();
    const result = page.getByRole("region", { name: "Practice result" });
    await result.waitFor();
    expect(await result.getByText("0%", { exact: true }).isVisible()).toBe(true);
    const expected = result.getByRole("article", { name: "Expected answer" });
    const mine = result.getByRole("article", { name: "Your answer" });
    expect(await expected.locator('li[aria-current="true"]').innerText()).toContain("cat");
    expect(await mine.locator('li[aria-current="true"]').innerText()).toContain("dog");
    await world.screenshot(page, "practice-result");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByText("No training tasks right now").waitFor();
    // Practice is no work: the queue has nothing, and the customer's task list never shows it.
    await page.goto(`${world.baseUrl}/work`);
    await page.getByRole("button", { name: "Start", exact: true }).click();
    await page.getByText("No tasks right now").waitFor();
    const listed = await rest("GET", "/tasks?project=practice");
    expect(listed.total).toBe(0);
  });
});
