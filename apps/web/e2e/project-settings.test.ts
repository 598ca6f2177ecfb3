import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { newAccount, screenshotPath, signedUpPage } from "./accounts";
import { useBrowserServer } from "./browser-server";
import { trpcInPage } from "./in-page";

const world = useBrowserServer();

/** Calls a tRPC procedure as the signed-in page would; returns the result's data. */
const call = async (page: Page, path: string, input: unknown, method: "GET" | "POST") => {
  const answer = await trpcInPage(page, path, input, method);
  if (answer.status !== 200) throw new Error(`${path} failed: ${JSON.stringify(answer.error)}`);
  return answer.data as Record<string, any>;
};

const projectOf = (page: Page, name: string) => call(page, "projects.get", { name }, "GET");

/** The error text a field shows, through the control's aria-describedby. */
const fieldError = async (page: Page, label: string) => {
  const describedBy = await page
    .getByLabel(label, { exact: true })
    .getAttribute("aria-describedby");
  return page.locator(`[id="${describedBy}"]`).innerText();
};

const projectUrl = (name: string) => `${world.server.baseUrl}/projects/${encodeURIComponent(name)}`;

describe("project work settings", () => {
  let manager: Page;

  it("lets a manager edit every setting, shows a field's error next to it, and keeps them after reload", async () => {
    ({ page: manager } = await signedUpPage(world.browser, world.server.baseUrl, "settings"));
    await call(manager, "projects.create", { type: "categorization", name: "team" }, "POST");
    await manager.goto(projectUrl("team"));
    const form = manager.getByRole("form", { name: "Work settings" });
    await form.waitFor();
    // Each setting says what it does.
    await form.getByText("Every task goes to a reviewer").waitFor();
    await form.getByText("Never to a person who annotated it before").waitFor();

    await manager.getByLabel("Annotations per task", { exact: true }).fill("3");
    await manager.getByLabel("Max annotations per task", { exact: true }).fill("6");
    await manager.getByLabel("Agreement threshold (%)").fill("80");
    await manager.getByLabel("When agreement is low").selectOption("extra_annotation");
    await manager.getByLabel("Requires review").check();
    await manager.getByLabel("Gold rate (%)").fill("10");
    await manager.getByLabel("Minimum gold count").fill("4");
    await manager.getByLabel("Minimum gold accuracy (%)").fill("90");
    await manager.getByLabel("Lease (minutes)").fill("15");
    await manager.getByRole("radio", { name: /^Someone who has not worked on it/ }).check();
    await manager.getByLabel("Problem report threshold").fill("3");
    await manager.getByRole("radio", { name: /^Only the members picked/ }).check();
    await manager.getByLabel("Platform workforce").check();

    // Too short a lease is caught in minutes; a max below the annotations, by the world.server.
    await manager.getByLabel("Lease (minutes)").fill("0.1");
    await manager.getByRole("button", { name: "Save settings" }).click();
    expect(await fieldError(manager, "Lease (minutes)")).toBe("must be between 0.5 and 1440");
    await manager.getByLabel("Lease (minutes)").fill("15");
    await manager.getByLabel("Max annotations per task", { exact: true }).fill("2");
    await manager.getByRole("button", { name: "Save settings" }).click();
    await manager.getByText("must be at least annotations_per_task (3)").first().waitFor();
    expect(await fieldError(manager, "Max annotations per task")).toBe(
      "must be at least annotations_per_task (3)",
    );
    expect((await projectOf(manager, "team")).work_settings.annotations_per_task).toBe(1);
    await manager.screenshot({ path: screenshotPath("project-settings-error"), fullPage: true });

    await manager.getByLabel("Max annotations per task", { exact: true }).fill("6");
    await manager.getByRole("button", { name: "Save settings" }).click();
    await manager.getByText("Settings saved.").waitFor();

    await manager.reload();
    expect(await manager.getByLabel("Annotations per task", { exact: true }).inputValue()).toBe(
      "3",
    );
    expect(await manager.getByLabel("Max annotations per task", { exact: true }).inputValue()).toBe(
      "6",
    );
    expect(await manager.getByLabel("Agreement threshold (%)").inputValue()).toBe("80");
    expect(await manager.getByLabel("When agreement is low").inputValue()).toBe("extra_annotation");
    expect(await manager.getByLabel("Requires review").isChecked()).toBe(true);
    expect(await manager.getByLabel("Gold rate (%)").inputValue()).toBe("10");
    expect(await manager.getByLabel("Minimum gold count").inputValue()).toBe("4");
    expect(await manager.getByLabel("Minimum gold accuracy (%)").inputValue()).toBe("90");
    expect(await manager.getByLabel("Lease (minutes)").inputValue()).toBe("15");
    expect(
      await manager.getByRole("radio", { name: /^Someone who has not worked on it/ }).isChecked(),
    ).toBe(true);
    expect(await manager.getByLabel("Problem report threshold").inputValue()).toBe("3");
    expect(await manager.getByRole("radio", { name: /^Only the members picked/ }).isChecked()).toBe(
      true,
    );
    expect(await manager.getByLabel("Platform workforce").isChecked()).toBe(true);
    // Stored in the API's units.
    expect((await projectOf(manager, "team")).work_settings).toEqual({
      annotations_per_task: 3,
      max_annotations_per_task: 6,
      lease_seconds: 900,
      requires_review: true,
      agreement_threshold: 0.8,
      low_agreement_action: "extra_annotation",
      gold_rate: 0.1,
      gold_min_count: 4,
      gold_min_accuracy: 0.9,
      problem_report_threshold: 3,
      redo_to: "someone_else",
      member_access: "selected",
      platform_workforce: true,
    });
    await manager.screenshot({ path: screenshotPath("project-settings"), fullPage: true });
  });

  it("shows a viewer the same settings read-only, with no way to save", async () => {
    const { token } = await call(manager, "members.invite", { roles: ["viewer"] }, "POST");
    const viewerContext = await world.browser.newContext();
    const viewer = await viewerContext.newPage();
    const account = newAccount("viewer");
    await viewer.goto(`${world.server.baseUrl}/join/${token as string}`);
    await viewer.getByLabel("Your name").fill("Vera Viewer");
    await viewer.getByLabel("Email").fill(account.email);
    await viewer.getByLabel("Password").fill(account.password);
    await viewer.getByRole("button", { name: "Join" }).click();
    await viewer.waitForURL((url) => !url.pathname.startsWith("/join"));

    await viewer.goto(projectUrl("team"));
    await viewer.getByText("Only owners, admins and managers can change these settings.").waitFor();
    const lease = viewer.getByLabel("Lease (minutes)");
    expect(await lease.inputValue()).toBe("15");
    expect(await lease.isDisabled()).toBe(true);
    expect(await viewer.getByLabel("Platform workforce").isDisabled()).toBe(true);
    expect(
      await viewer.getByRole("radio", { name: /^Someone who has not worked on it/ }).isDisabled(),
    ).toBe(true);
    expect(await viewer.getByRole("button", { name: "Save settings" }).count()).toBe(0);
    expect(await viewer.getByRole("button", { name: "Save as new version" }).count()).toBe(0);
    await viewer.screenshot({ path: screenshotPath("project-settings-viewer"), fullPage: true });
    await viewerContext.close();
  });
});

describe("project params examples", () => {
  it("never saves an example the person did not copy in, and undoes a copy", async () => {
    const { context, page } = await signedUpPage(world.browser, world.server.baseUrl, "examples");
    await page.goto(`${world.server.baseUrl}/projects/new`);
    await page.getByLabel("Name", { exact: true }).fill("own-labels");
    await page.getByLabel("Task type").selectOption("categorization");
    const categories = page.getByLabel("categories", { exact: true });
    const attachment = page.getByRole("textbox", { name: "attachment", exact: true });
    await categories.fill("cat\ndog");

    // Showing an example fills nothing: it sits apart, read-only.
    const show = page.getByRole("button", { name: /^Show example: Scale's example/ });
    await show.click();
    const example = page.getByRole("region", { name: /^Example: Scale's example/ });
    await example.getByText('"car"').waitFor();
    expect(await attachment.inputValue()).toBe("");
    expect(await categories.inputValue()).toBe("cat\ndog");
    await page.screenshot({ path: screenshotPath("project-example-preview"), fullPage: true });
    await page.getByRole("button", { name: "Create project" }).click();
    await page.waitForURL(/\/projects\/own-labels$/);
    const created = (await projectOf(page, "own-labels")).param_history;
    expect(created).toHaveLength(1);
    expect(created[0].categories).toEqual(["cat", "dog"]);
    expect(created[0]).not.toHaveProperty("attachment");

    // On the project page: copying the example in is explicit, shown, and undone in one click.
    await page.getByRole("button", { name: /^Show example: Scale's example/ }).click();
    await page.getByRole("button", { name: "Copy into the editor" }).click();
    expect(await attachment.inputValue()).toBe("car");
    expect(await categories.inputValue()).toBe("big\nsmall");
    await page.getByRole("status").getByText("check every value before saving").waitFor();
    await page.getByRole("button", { name: "Undo: put back the params I had" }).click();
    expect(await attachment.inputValue()).toBe("");
    expect(await categories.inputValue()).toBe("cat\ndog");
    await page.getByRole("button", { name: "Save as new version" }).click();
    await page.getByText("Saved as version 1.").waitFor();
    const history = (await projectOf(page, "own-labels")).param_history;
    expect(history[1].categories).toEqual(["cat", "dog"]);
    expect(history[1]).not.toHaveProperty("attachment");

    // Saving with an example shown but not copied saves only what the editor holds.
    await page.getByRole("button", { name: /^Show example: Scale's example/ }).click();
    await page.getByRole("region", { name: /^Example: Scale's example/ }).waitFor();
    await page.getByRole("button", { name: "Save as new version" }).click();
    await page.getByText("Saved as version 2.").waitFor();
    const latest = (await projectOf(page, "own-labels")).param_history[2];
    expect(latest.categories).toEqual(["cat", "dog"]);
    expect(latest).not.toHaveProperty("attachment");
    await context.close();
  });
});
