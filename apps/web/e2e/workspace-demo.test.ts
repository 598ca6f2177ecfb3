import { describe, expect, it } from "vitest";

import { screenshotPath, signIn } from "./accounts";
import { useOwnBrowserServer } from "./browser-server";

// The embedded first start: a demo organization with a project per type, and a demo worker whose
// credentials are printed once; the worker lands on the workspace and can label right away.

const world = useOwnBrowserServer();

describe("the demo content of the first start", () => {
  it("prints the demo worker once, who lands on the workspace and gets a demo task", async () => {
    const output = world.server.output();
    const email = /email: (\S+)/.exec(output)?.[1];
    const password = /password: (\S+)/.exec(output)?.[1];
    expect(email).toBe("demo.worker@example.com");
    expect(password).toBeTruthy();
    expect(output).toMatch(/It has \d+ demo tasks in 10 projects/);

    const context = await world.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, world.server.baseUrl, { email: email ?? "", password: password ?? "" });
    // Only a Tasker and reviewer (no organization of their own): the workspace is their home.
    await page.waitForURL(/\/work$/);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const label of ["Work", "Review", "My queue"])
      await nav.getByRole("link", { name: label, exact: true }).waitFor();

    await page.getByRole("button", { name: "Start", exact: true }).click();
    const editor = page.locator('section[aria-label="Editor"]');
    await editor.waitFor();
    expect(await editor.getAttribute("data-task-type")).toBe("categorization");
    // The generated picture is stored as a file and reaches the worker as a signed URL.
    const picture = await page.evaluate(async () => {
      const input = encodeURIComponent(JSON.stringify({ kind: "annotate" }));
      const current = (await (await fetch(`/api/trpc/work.current?input=${input}`)).json()) as {
        result: { data: { params: { attachment: string } } };
      };
      const url = current.result.data.params.attachment;
      const response = await fetch(url);
      return { url, status: response.status, type: response.headers.get("content-type") };
    });
    expect(picture).toEqual({
      url: expect.stringMatching(/^\/files\/.+\?expires=\d+&signature=/),
      status: 200,
      type: "image/svg+xml",
    });
    await page.screenshot({ path: screenshotPath("workspace-demo"), fullPage: true });
    await context.close();
  });
});
