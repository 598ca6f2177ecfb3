import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { newAccount, screenshotPath, signUp } from "./accounts";
import type { TestAccount } from "./accounts";
import { useBrowserServer } from "./browser-server";
import { trpcInPage } from "./in-page";
import { dropFiles, png } from "./media";
import { chooseCategory } from "./workspace-categories";

/**
 * A team labels its own data on a fresh installation, as Label Studio's users do: nobody is made a
 * Tasker by a platform admin, no environment variable is set, no API key is used.
 */
const world = useBrowserServer();

const EDITOR = 'section[aria-label="Editor"]';
/** What the workspace and the review desk say when their queue is empty. */
const NOTHING_LEFT = /No tasks right now|Nothing to review right now/;

/** Invites through the settings page with these roles; returns the join link. */
const invite = async (owner: Page, roles: string[]) => {
  await owner.goto(`${world.server.baseUrl}/settings`);
  const form = owner.getByRole("form", { name: "Invite someone" });
  for (const role of ["Annotator", "Reviewer", "Manager"])
    await form
      .getByRole("checkbox", { name: new RegExp(`^${role}`) })
      .setChecked(roles.includes(role));
  await owner.getByRole("button", { name: "Create invitation link" }).click();
  const link = await owner.getByLabel("Invitation link").inputValue();
  await owner.getByRole("button", { name: "Done" }).click();
  return link;
};

/** A person opens the link in their own browser and joins with a new account. */
const join = async (link: string, label: string) => {
  const context = await world.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const account = newAccount(label);
  await page.goto(link);
  await page.getByLabel("Your name").fill(label);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Join" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/join"));
  return { page, account };
};

/** Opens the queue (`/work` or `/review`) and presses Start; the task id shown, or null if none. */
const start = async (page: Page, path: "/work" | "/review") => {
  await page.goto(`${world.server.baseUrl}${path}`);
  const button = page.getByRole("button", { name: "Start", exact: true });
  await button.or(page.locator(EDITOR)).or(page.getByText(NOTHING_LEFT)).first().waitFor();
  if (await button.isVisible()) await button.click();
  await page.locator(EDITOR).or(page.getByText(NOTHING_LEFT)).first().waitFor();
  if (await page.getByText(NOTHING_LEFT).isVisible()) return null;
  return page.locator(EDITOR).getAttribute("data-task-id");
};

const submit = async (page: Page) => {
  const before = await page.locator(EDITOR).getAttribute("data-task-id");
  await page.getByRole("button", { name: "Submit", exact: true }).click();
  await page.waitForFunction(
    ({ before, editor, nothing }) =>
      new RegExp(nothing).test(document.body.innerText) ||
      (document.querySelector(editor)?.getAttribute("data-task-id") ?? before) !== before,
    { before, editor: EDITOR, nothing: NOTHING_LEFT.source },
  );
};

/** A reviewer's verdict on the task in the review editor. */
const review = async (page: Page, verdict: "Accept" | "Reject") => {
  const before = await page.locator(EDITOR).getAttribute("data-task-id");
  await page.getByRole("button", { name: verdict, exact: true }).click();
  if (verdict === "Reject") {
    await page.getByLabel("Why is it rejected?").fill("The label is wrong.");
    await page.getByRole("dialog").getByRole("button", { name: "Reject", exact: true }).click();
  }
  await page.waitForFunction(
    ({ before, editor, nothing }) =>
      new RegExp(nothing).test(document.body.innerText) ||
      (document.querySelector(editor)?.getAttribute("data-task-id") ?? before) !== before,
    { before, editor: EDITOR, nothing: NOTHING_LEFT.source },
  );
};

/**
 * The worker stops for now: the task the workspace claimed for them after their last submit goes
 * back to the team ("Stop", confirmed), and the queue waits for "Start".
 */
const stopWork = async (page: Page) => {
  if (!(await page.locator(EDITOR).isVisible())) return;
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await page.getByRole("button", { name: "Give it back" }).click();
  await page.getByRole("button", { name: "Start", exact: true }).waitFor();
  const held = (
    await trpcInPage(
      page,
      "work.current",
      { kind: "annotate", base_url: world.server.baseUrl },
      "GET",
    )
  ).data;
  expect(held).toBeNull();
};

const taskOf = async (page: Page, taskId: string) =>
  (await trpcInPage(page, "tasks.get", { task_id: taskId }, "GET")).data as {
    status: string;
    response: { category?: string } | null;
  };

describe("a team labels its own data", () => {
  let owner: { page: Page; account: TestAccount };
  let firstTask: string;

  it("signs up, makes a project, drops 20 images and labels the first as the owner", async () => {
    const began = performance.now();
    let clicks = 0;
    const context = await world.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const account = newAccount("team");
    await signUp(page, world.server.baseUrl, account);
    clicks += 1;
    owner = { page, account };

    await page.goto(`${world.server.baseUrl}/projects/new`);
    await page.getByLabel("Name", { exact: true }).fill("pets");
    await page.getByLabel("Task type").selectOption("categorization");
    await page.getByLabel("Instruction (markdown)").fill("Which animal is it?");
    await page.getByLabel("attachment_type", { exact: true }).selectOption("image");
    await page.getByLabel("categories", { exact: true }).fill("cat\ndog");
    await page.getByRole("button", { name: "Create project" }).click();
    clicks += 2;
    await page.waitForURL(/\/projects\/pets$/);
    // Every task goes through a reviewer before it completes: the project's work settings.
    await page.getByLabel("Requires review").check();
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Settings saved.").waitFor();
    clicks += 2;

    await dropFiles(
      page,
      Array.from({ length: 20 }, (_, i) => png(i)),
    );
    clicks += 1;
    await page.getByText("Created 20 tasks.").waitFor({ timeout: 60_000 });

    // The owner labels at once: /work is in their navigation.
    await page.getByRole("link", { name: "Work", exact: true }).click();
    clicks += 1;
    const claimed = await start(page, "/work");
    clicks += 1;
    expect(claimed).toMatch(/^[0-9a-f]{24}$/);
    firstTask = claimed ?? "";
    await page.locator(EDITOR).locator("img").first().waitFor();
    await chooseCategory(page, "cat");
    await submit(page);
    clicks += 2;
    await page.screenshot({ path: screenshotPath("team-owner-labels"), fullPage: true });
    // The first labeled task waits for review (the owner is a reviewer too, but nobody reviews it yet).
    expect((await taskOf(page, firstTask)).status).toBe("pending");
    console.log(
      `first labeled task as a new user: ${clicks} clicks, ${((performance.now() - began) / 1000).toFixed(1)} s from sign-up`,
    );
    // The owner stops labeling: the task claimed for them next goes back for the team.
    await stopWork(page);
  });

  it("invites an annotator and a reviewer; a rejected task returns, is redone and finishes", async () => {
    const annotator = await join(await invite(owner.page, ["Annotator"]), "Ann");
    const reviewer = await join(await invite(owner.page, ["Reviewer"]), "Rev");
    // Members who only label land on their work; their navigation has no dashboard actions.
    expect(await annotator.page.getByRole("link", { name: "Create tasks" }).count()).toBe(0);

    const labeled = await start(annotator.page, "/work");
    expect(labeled).toMatch(/^[0-9a-f]{24}$/);
    await chooseCategory(annotator.page, "dog");
    await submit(annotator.page);
    await stopWork(annotator.page);

    // The reviewer rejects the first task they get; it goes back to the annotate queue.
    const rejected = await start(reviewer.page, "/review");
    expect([firstTask, labeled]).toContain(rejected);
    await review(reviewer.page, "Reject");
    await reviewer.page.screenshot({ path: screenshotPath("team-review"), fullPage: true });

    // The annotator gets it back (the oldest pending task) and labels it again.
    const redo = await start(annotator.page, "/work");
    expect(redo).toBe(rejected);
    await chooseCategory(annotator.page, "cat");
    await submit(annotator.page);
    await stopWork(annotator.page);

    // The reviewer accepts whatever is left for review, until the redone task completes.
    for (let round = 0; round < 3; round++) {
      const next = await start(reviewer.page, "/review");
      if (next === null) break;
      await review(reviewer.page, "Accept");
    }
    const finished = await taskOf(owner.page, rejected ?? "");
    expect(finished).toMatchObject({ status: "completed", response: { category: "cat" } });
    await owner.page.goto(`${world.server.baseUrl}/tasks/${rejected}`);
    await owner.page.getByText("completed").first().waitFor();
    await owner.page.screenshot({ path: screenshotPath("team-task-finished"), fullPage: true });
  });

  it("never serves another organization's annotator the first one's tasks", async () => {
    const context = await world.browser.newContext();
    const page = await context.newPage();
    const other = newAccount("other-team");
    await signUp(page, world.server.baseUrl, other);
    const otherAnnotator = await join(await invite(page, ["Annotator"]), "Otto");
    expect(await start(otherAnnotator.page, "/work")).toBeNull();
    expect(await start(page, "/work")).toBeNull();
    expect(
      (await trpcInPage(otherAnnotator.page, "tasks.list", { project: "pets" }, "GET")).data,
    ).toMatchObject({ total: 0 });
    await context.close();
  });

  it("keeps a manager away from the signing secret", async () => {
    const manager = await join(await invite(owner.page, ["Manager"]), "Max");
    await manager.page.goto(`${world.server.baseUrl}/settings`);
    await manager.page
      .getByText("Only owners and admins can see and change the callback settings.")
      .waitFor();
    expect(await manager.page.getByRole("button", { name: "Rotate secret" }).count()).toBe(0);
    expect(
      (await trpcInPage(manager.page, "callbacks.rotateSecret", { overlap_seconds: 0 })).status,
    ).toBe(403);
    expect((await trpcInPage(manager.page, "callbacks.settings", undefined, "GET")).status).toBe(
      403,
    );
    // What a manager is for still works: the project page with its drop zone.
    await manager.page.goto(`${world.server.baseUrl}/projects/pets`);
    await manager.page.getByTestId("media-drop").waitFor();
    await manager.page.screenshot({ path: screenshotPath("team-manager"), fullPage: true });
  });
});
