import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { createApiKeyFor, screenshotPath, signedUpPage } from "./accounts";
import { useBrowserServer } from "./browser-server";
import { trpcInPage } from "./in-page";

// A team of one: the owner labels their own organization's tasks. A task they reported (below the
// project's threshold) has nobody else to take it: the "Needs attention" page says so and returns
// it to the queue; the project page's Workforce card picks members for the project.

const world = useBrowserServer();

/** A tRPC mutation sent from the signed-in page; returns its data. */
const mutate = async (page: Page, path: string, input: unknown) => {
  const answer = await trpcInPage(page, path, input);
  if (answer.status !== 200) throw new Error(`${path}: ${JSON.stringify(answer.error)}`);
  return answer.data as Record<string, unknown> | null;
};

describe("needs attention", () => {
  it("lists a reported task nobody else can take, returns it to the queue, and picks members", async () => {
    const { page, account } = await signedUpPage(world.browser, world.server.baseUrl, "attention");
    const key = await createApiKeyFor(page, "live");
    const rest = async (path: string, body: unknown) => {
      const response = await fetch(`${world.server.baseUrl}/v1${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(response.status, await response.clone().text()).toBe(200);
      return (await response.json()) as Record<string, unknown>;
    };
    await rest("/projects", { type: "categorization", name: "streets" });
    const task = await rest("/task/categorization", {
      project: "streets",
      attachment_type: "text",
      attachment: "a car",
      categories: ["big", "small"],
    });

    // The owner (annotator too, from sign-up) claims it and reports a problem: one report of the
    // project's two, so it stays pending, and nobody else may take it.
    const item = await mutate(page, "work.next", { kind: "annotate" });
    expect(item?.task_id).toBe(task.task_id);
    await mutate(page, "work.report", {
      assignment_id: item?.assignment_id,
      kind: "annotate",
      reason: "attachment_unloadable",
      details: "the image is blank",
    });

    await page.goto(`${world.server.baseUrl}/tasks`);
    await page.getByRole("link", { name: "Needs attention" }).click();
    await page.getByRole("heading", { name: "Needs attention" }).waitFor();
    const row = page.getByTestId("attention-row").filter({ hasText: String(task.task_id) });
    await row.waitFor();
    await row.getByText("needs attention", { exact: true }).waitFor();
    expect(await row.innerText()).toContain("reported a problem");
    expect(await row.innerText()).toContain("attachment_unloadable: the image is blank");
    await page.screenshot({ path: screenshotPath("attention-needs-attention"), fullPage: true });

    await row.getByRole("button", { name: "Return to queue" }).click();
    await page.getByText("Nothing is stuck").waitFor();
    // Back in the queue, as a new round: the owner may take it again.
    expect((await mutate(page, "work.next", { kind: "annotate" }))?.task_id).toBe(task.task_id);

    // The project's Workforce card: the owner is its one annotator and reviewer; pick them.
    await page.goto(`${world.server.baseUrl}/projects/streets`);
    const card = page.getByTestId("workforce-card");
    await card.waitFor();
    expect(await card.innerText()).toContain("The platform workforce is not let in.");
    const annotates = card.getByLabel(`Annotates: ${account.email}`);
    expect(await annotates.isChecked()).toBe(false);
    const picked = page.waitForResponse((r) => r.url().includes("/api/trpc/staffing.pick"));
    await annotates.check();
    expect((await picked).status()).toBe(200);
    await page.reload();
    expect(await page.getByLabel(`Annotates: ${account.email}`).isChecked()).toBe(true);
    await page.screenshot({ path: screenshotPath("project-workforce"), fullPage: true });
  });
});
