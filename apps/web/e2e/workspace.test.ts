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
const draftStatus = (page: Page) => page.getByRole("status", { name: "Draft" });
const openTaskId = (page: Page) => page.locator(EDITOR).getAttribute("data-task-id");

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

    expect(await openTaskId(page)).toBe(second);
    await chooseCategory(page, "dog");
    await world.submit(page);
    expect(await world.storedResponse(second)).toEqual({ category: "dog" });
    await page.getByText("No tasks right now").waitFor();
    await world.screenshot(page, "workspace-no-tasks");
    await context.close();
  });

  it("autosaves, restores the draft after a reload, and opens a new task by itself when one arrives", async () => {
    const taskId = await world.createTask("categorization", categorizationBody("a parrot"));
    const { page, context } = await world.newTasker({ types: ["categorization"] });
    expect((await world.startWork(page)).taskId).toBe(taskId);

    await chooseCategory(page, "bird");
    await draftStatus(page).getByText("Saved", { exact: true }).waitFor();
    await world.screenshot(page, "workspace-draft-saved");

    // A reload resumes the held task without pressing Start, from the saved draft.
    await page.reload();
    await page.locator(EDITOR).waitFor();
    expect(await openTaskId(page)).toBe(taskId);
    await world.submit(page);
    expect(await world.storedResponse(taskId)).toEqual({ category: "bird" });

    // The empty queue is checked again by the page itself: a new task opens with no click.
    await page.getByText("No tasks right now").waitFor();
    const arriving = await world.createTask("categorization", categorizationBody("a goldfish"));
    await page.locator(`${EDITOR}[data-task-id="${arriving}"]`).waitFor({ timeout: 30_000 });
    await chooseCategory(page, "cat");
    await world.submit(page);
    expect(await world.storedResponse(arriving)).toEqual({ category: "cat" });
    await context.close();
  });

  it("restores the draft from the server after the browser was killed", async () => {
    const taskId = await world.createTask("categorization", categorizationBody("a beagle"));
    const { page, context, email } = await world.newTasker({ types: ["categorization"] });
    expect((await world.startWork(page)).taskId).toBe(taskId);
    await chooseCategory(page, "dog");
    await draftStatus(page).getByText("Saved", { exact: true }).waitFor();

    // Only the session survives: a new browser has no local copy, so the draft comes from autosave.
    const { cookies } = await context.storageState();
    await context.close();
    const revived = await page
      .context()
      .browser()
      ?.newContext({ storageState: { cookies, origins: [] } });
    if (!revived) throw new Error(`no browser for ${email}`);
    const again = await revived.newPage();
    await again.goto(`${world.baseUrl}/work`);
    await again.locator(`${EDITOR}[data-task-id="${taskId}"]`).waitFor();
    expect(await again.evaluate(() => Object.keys(window.localStorage))).toEqual([]);
    await world.submit(again);
    expect(await world.storedResponse(taskId)).toEqual({ category: "dog" });
    await revived.close();
  });

  it("keeps the draft in the browser while offline and saves it when back online", async () => {
    const taskId = await world.createTask("categorization", categorizationBody("a sparrow"));
    const { page, context } = await world.newTasker({ types: ["categorization"] });
    expect((await world.startWork(page)).taskId).toBe(taskId);

    await context.setOffline(true);
    await chooseCategory(page, "bird");
    await draftStatus(page).getByText("Offline: kept in this browser").waitFor();
    await world.screenshot(page, "workspace-offline");
    const local = await page.evaluate(() =>
      Object.entries(window.localStorage).map(([key, value]) => [key, JSON.parse(value)] as const),
    );
    expect(local).toEqual([
      [
        expect.stringMatching(/^taskforge\.draft\./),
        expect.objectContaining({ value: { category: "bird" }, synced: false }),
      ],
    ]);

    await context.setOffline(false);
    await draftStatus(page).getByText("Saved", { exact: true }).waitFor({ timeout: 20_000 });

    // The server has it now: a browser without the local copy resumes from it.
    const { cookies } = await context.storageState();
    await context.close();
    const fresh = await page
      .context()
      .browser()
      ?.newContext({ storageState: { cookies, origins: [] } });
    if (!fresh) throw new Error("no browser");
    const resumed = await fresh.newPage();
    await resumed.goto(`${world.baseUrl}/work`);
    await resumed.locator(`${EDITOR}[data-task-id="${taskId}"]`).waitFor();
    await world.submit(resumed);
    expect(await world.storedResponse(taskId)).toEqual({ category: "bird" });
    await fresh.close();
  });

  it("shows the shortcuts on ? and submits on Ctrl+Enter", async () => {
    const taskId = await world.createTask("categorization", categorizationBody("a hamster"));
    const { page, context } = await world.newTasker({ types: ["categorization"] });
    expect((await world.startWork(page)).taskId).toBe(taskId);

    await page.locator("h1").click();
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await help.waitFor();
    for (const text of ["Ctrl+Enter", "Submit", "Ctrl+Z", "Undo"])
      await help.getByText(text, { exact: true }).first().waitFor();
    await world.screenshot(page, "workspace-help");
    await page.keyboard.press("Escape");
    await help.waitFor({ state: "hidden" });

    await chooseCategory(page, "cat");
    await page.keyboard.press("Control+Enter");
    await page.getByText("No tasks right now").waitFor();
    expect(await world.storedResponse(taskId)).toEqual({ category: "cat" });
    await context.close();
  });
});

describe("skipping and reporting", () => {
  const comparisonBody = (question: string) => ({
    instruction: `Which answer to "${question}" is better?`,
    attachments: [
      { type: "text", content: `${question} First answer.` },
      { type: "text", content: `${question} Second answer.` },
    ],
    choices: ["first", "second"],
  });

  it("skips with a reason (the task goes to someone else) and reports a problem", async () => {
    const skipped = await world.createTask("comparison", comparisonBody("Why is the sky blue?"));
    const reported = await world.createTask("comparison", comparisonBody("What is 2 + 2?"));
    const alice = await world.newTasker({ types: ["comparison"] });
    expect((await world.startWork(alice.page)).taskId).toBe(skipped);

    await alice.page.getByRole("button", { name: "Skip", exact: true }).click();
    const skipDialog = alice.page.getByRole("dialog", { name: "Skip this task" });
    await skipDialog.getByLabel("Why are you skipping it?").fill("I cannot read English well");
    await world.screenshot(alice.page, "workspace-skip");
    await skipDialog.getByRole("button", { name: "Skip task" }).click();
    await alice.page.locator(`${EDITOR}[data-task-id="${reported}"]`).waitFor();

    await alice.page.getByRole("button", { name: "Report a problem" }).click();
    const report = alice.page.getByRole("dialog", { name: "Report a problem" });
    await report
      .getByLabel("What is wrong?")
      .selectOption({ label: "The attachment does not load" });
    await report.getByLabel("Details (optional)").fill("The second answer is blank");
    await world.screenshot(alice.page, "workspace-report");
    await report.getByRole("button", { name: "Report problem" }).click();
    await alice.page.getByText("No tasks right now").waitFor();

    // Both went back to the queue: the next Tasker gets them, the skipped one first.
    const bob = await world.newTasker({ types: ["comparison"] });
    expect((await world.startWork(bob.page)).taskId).toBe(skipped);
    await bob.page.getByRole("button", { name: "Report a problem" }).click();
    const second = bob.page.getByRole("dialog", { name: "Report a problem" });
    await second.getByRole("button", { name: "Report problem" }).click();
    await bob.page.locator(`${EDITOR}[data-task-id="${reported}"]`).waitFor();
    // A second report of the same task reaches the default threshold (2): the task errors.
    await bob.page.getByRole("button", { name: "Report a problem" }).click();
    await second.getByRole("button", { name: "Report problem" }).click();
    await bob.page.getByText("No tasks right now").waitFor();
    const task = (await (
      await fetch(`${world.baseUrl}/v1/task/${reported}`, {
        headers: { authorization: `Bearer ${world.apiKey}` },
      })
    ).json()) as { status: string; response: { error: string } };
    expect(task.status).toBe("error");
    expect(task.response.error).toBe("The attachment cannot be loaded.");
    // The skipped one waits with one report of two. Later Taskers are members, who take every task
    // of the organization whatever its type: cancel it so they do not meet a comparison task.
    const canceled = await fetch(`${world.baseUrl}/v1/task/${skipped}/cancel`, {
      method: "POST",
      headers: { authorization: `Bearer ${world.apiKey}` },
    });
    expect(canceled.status).toBe(200);
    await alice.context.close();
    await bob.context.close();
  });
});

describe("two Taskers at once", () => {
  it("never receive the same task, and together finish them all", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 6; i++)
      ids.add(await world.createTask("categorization", categorizationBody(`animal ${i}`)));
    const taskers = await Promise.all([
      world.newTasker({ types: ["categorization"] }),
      world.newTasker({ types: ["categorization"] }),
    ]);
    const nothingLeft = (page: Page) => page.getByText("No tasks right now");
    const work = async (page: Page) => {
      const done: string[] = [];
      await page.goto(`${world.baseUrl}/work`);
      await page.getByRole("button", { name: "Start", exact: true }).click();
      await page.locator(EDITOR).or(nothingLeft(page)).first().waitFor();
      while (!(await nothingLeft(page).isVisible())) {
        done.push((await openTaskId(page)) ?? "");
        await chooseCategory(page, "cat");
        await world.submit(page);
      }
      return done;
    };
    const [a = [], b = []] = await Promise.all(taskers.map((t) => work(t.page)));
    expect(a.filter((id) => b.includes(id))).toEqual([]);
    expect(a.length + b.length).toBe(ids.size);
    expect(new Set([...a, ...b])).toEqual(ids);
    for (const id of ids) expect(await world.storedResponse(id)).toEqual({ category: "cat" });
    await Promise.all(taskers.map((t) => t.context.close()));
  });
});

describe("an expired lease", () => {
  it("says so and offers to claim again; the task went back to the queue for someone else", async () => {
    const created = await fetch(`${world.baseUrl}/v1/projects`, {
      method: "POST",
      headers: { authorization: `Bearer ${world.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({
        type: "categorization",
        name: "short-lease",
        work_settings: { lease_seconds: 30 },
      }),
    });
    expect(created.status).toBe(200);
    const taskId = await world.createTask("categorization", {
      ...categorizationBody("a ferret"),
      project: "short-lease",
    });
    const { page, context } = await world.newTasker({ types: ["categorization"] });
    expect((await world.startWork(page)).taskId).toBe(taskId);
    await page
      .getByLabel("Time left on the lease")
      .getByText(/^0:[0-3]\d$/)
      .waitFor();

    // No heartbeat gets through while offline, so the 30-second lease runs out.
    await context.setOffline(true);
    await page.getByText("Your lease on this task expired").waitFor({ timeout: 45_000 });
    await context.setOffline(false);
    await world.screenshot(page, "workspace-lease-expired");
    await page.getByRole("button", { name: "Claim again" }).click();
    await page.getByText("No tasks right now").waitFor();

    const other = await world.newTasker({ types: ["categorization"] });
    expect((await world.startWork(other.page)).taskId).toBe(taskId);
    await chooseCategory(other.page, "cat");
    await world.submit(other.page);
    expect(await world.storedResponse(taskId)).toEqual({ category: "cat" });
    await context.close();
    await other.context.close();
  }, 120_000);
});
