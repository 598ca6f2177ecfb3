import type { Page } from "playwright-core";
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

const EDITOR = 'section[aria-label="Editor"]';

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

const createProject = (name: string, work_settings: Record<string, unknown>) =>
  rest("POST", "/projects", { type: "categorization", name, work_settings });

/** Opens /review and claims the next review; returns the task id shown. */
const startReview = async (page: Page) => {
  await page.goto(`${world.baseUrl}/review`);
  await page.getByRole("button", { name: "Start", exact: true }).click();
  const editor = page.locator(EDITOR);
  await editor.waitFor();
  return (await editor.getAttribute("data-task-id")) ?? "";
};

/** One Tasker labels every task they get with `category` until the queue is empty. */
const annotateAll = async (page: Page, category: string) => {
  const done: string[] = [];
  await world.startWork(page);
  while (!(await page.getByText("No tasks right now").isVisible())) {
    done.push((await page.locator(EDITOR).getAttribute("data-task-id")) ?? "");
    await chooseCategory(page, category);
    await world.submit(page);
  }
  return done;
};

describe("the review page", () => {
  it("shows each annotator's response of a consensus task side by side, with the agreement", async () => {
    await createProject("consensus", { annotations_per_task: 2, agreement_threshold: 1 });
    const taskId = await world.createTask("categorization", {
      ...categorizationBody("a tabby"),
      project: "consensus",
    });
    const first = await world.newTasker({ types: ["categorization"] });
    const second = await world.newTasker({ types: ["categorization"] });
    expect(await annotateAll(first.page, "cat")).toEqual([taskId]);
    expect(await annotateAll(second.page, "dog")).toEqual([taskId]);

    const reviewer = await world.newTasker({ types: ["categorization"], review: true });
    expect(await startReview(reviewer.page)).toBe(taskId);
    const side = reviewer.page.getByRole("region", { name: "Annotators' responses" });
    // Two different answers: the agreement badge shows how little they agree.
    const agreement = await side.getByText(/^Agreement \d+%$/).textContent();
    expect(Number(agreement?.match(/\d+/)?.[0])).toBeLessThan(100);
    const one = side.getByRole("article", { name: "Annotator 1" });
    const two = side.getByRole("article", { name: "Annotator 2" });
    // Each annotator's choice is the one marked in their rendering.
    expect(await one.locator('li[aria-current="true"]').innerText()).toContain("cat");
    expect(await two.locator('li[aria-current="true"]').innerText()).toContain("dog");
    expect(await side.getByText("@example.com").count()).toBe(0);
    await world.screenshot(reviewer.page, "review-consensus");

    await reviewer.page.getByRole("button", { name: "Accept", exact: true }).click();
    await reviewer.page.getByText("Nothing to review right now").waitFor();
    const stored = await world.storedResponse(taskId);
    expect(["cat", "dog"]).toContain(stored.category);
    const task = await rest("GET", `/task/${taskId}`);
    expect(task.audits).toMatchObject([{ audit_result: "accepted", audit_source: "scale" }]);
    await Promise.all([first, second, reviewer].map((p) => p.context.close()));
  });

  it("accepts, fixes in the same editor, and rejects with a comment", async () => {
    await createProject("reviewed", { requires_review: true });
    const ids: string[] = [];
    for (const text of ["a kitten", "a puppy", "a robin"])
      ids.push(
        await world.createTask("categorization", {
          ...categorizationBody(text),
          project: "reviewed",
        }),
      );
    const tasker = await world.newTasker({ types: ["categorization"] });
    expect(await annotateAll(tasker.page, "cat")).toEqual(ids);
    const [accepted = "", fixed = "", rejected = ""] = ids;

    const reviewer = await world.newTasker({ types: ["categorization"], review: true });
    const page = reviewer.page;
    expect(await startReview(page)).toBe(accepted);
    expect(await page.locator(EDITOR).getAttribute("data-mode")).toBe("review");
    await world.screenshot(page, "review-page");
    await page.getByRole("button", { name: "Accept", exact: true }).click();
    await page.locator(`${EDITOR}[data-task-id="${fixed}"]`).waitFor();
    expect(await world.storedResponse(accepted)).toEqual({ category: "cat" });

    await page.getByRole("button", { name: "Fix", exact: true }).click();
    await page.locator(`${EDITOR}[data-mode="fix"]`).waitFor();
    await chooseCategory(page, "dog");
    await page.getByLabel("Comment (optional)").fill("It barks.");
    await world.screenshot(page, "review-fix");
    await page.getByRole("button", { name: "Submit fix" }).click();
    await page.locator(`${EDITOR}[data-task-id="${rejected}"]`).waitFor();
    expect(await world.storedResponse(fixed)).toEqual({ category: "dog" });
    expect((await rest("GET", `/task/${fixed}`)).audits).toMatchObject([
      { audit_result: "fixed", comments: "It barks." },
    ]);

    await page.getByRole("button", { name: "Reject", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Reject this response" });
    await dialog.getByLabel("Why is it rejected?").fill("A robin is a bird.");
    await world.screenshot(page, "review-reject");
    await dialog.getByRole("button", { name: "Reject" }).click();
    await page.getByText("Nothing to review right now").waitFor();
    const back = await rest("GET", `/task/${rejected}`);
    expect(back).toMatchObject({
      status: "pending",
      audits: [{ audit_result: "rejected", comments: "A robin is a bird." }],
    });
    await reviewer.context.close();

    // The Tasker's own page counts their work and how review judged it.
    const queue = tasker.page;
    await queue.goto(`${world.baseUrl}/queue`);
    const figures = queue.locator('dl[aria-label="Your figures"]');
    const figure = async (label: string) =>
      (
        await figures
          .getByText(label, { exact: true })
          .locator("xpath=following-sibling::dd")
          .textContent()
      )?.trim();
    await figures.waitFor();
    expect(await figure("Submitted today")).toBe("3");
    expect(await figure("Submitted in total")).toBe("3");
    expect(await figure("Accepted in review")).toBe("1");
    expect(await figure("Fixed in review")).toBe("1");
    expect(await figure("Rejected in review")).toBe("1");
    // The rejected task came back for redo, to anyone (the project's redo_to): its annotator too.
    expect(await figure("Waiting in your queue")).toBe("1");
    const rows = queue.getByTestId("recent-row");
    expect(await rows.count()).toBe(3);
    for (const id of ids) await rows.filter({ hasText: id }).getByText("submitted").waitFor();
    await queue.getByText("No project has scored your work yet.").waitFor();
    await world.screenshot(queue, "queue-page");
    await tasker.context.close();
  });
});
