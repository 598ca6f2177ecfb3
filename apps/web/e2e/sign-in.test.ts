import { describe, expect, it } from "vitest";

import {
  createApiKeyFor,
  newAccount,
  screenshotPath,
  signedUpPage,
  signIn,
  signUp,
} from "./accounts";
import { useOwnBrowserServer } from "./browser-server";

const ADMIN = { email: "admin@example.com", password: "admin-password-123" };

const world = useOwnBrowserServer({
  TASKFORGE_BOOTSTRAP_ADMIN: `${ADMIN.email}:${ADMIN.password}`,
});

describe("sign-up and sign-in in Chromium", () => {
  it("shows the instance to visitors and keeps dashboard pages behind sign-in", async () => {
    const page = await world.browser.newPage();
    await page.goto(world.server.baseUrl);
    await page.getByRole("heading", { name: "taskforge is running" }).waitFor();
    await page.screenshot({ path: screenshotPath("home"), fullPage: true });
    await page.goto(`${world.server.baseUrl}/tasks`);
    await page.waitForURL(/\/sign-in$/);
    await page.close();
  });

  it("creates an organization, signs out, refuses a wrong password and signs back in", async () => {
    const context = await world.browser.newContext();
    const page = await context.newPage();
    const account = newAccount();
    await page.goto(`${world.server.baseUrl}/sign-up`);
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill("short");
    await page.getByLabel("Organization name").fill(account.organization);
    // The browser's own minlength check would stop a short password; the server's must speak too.
    await page.getByLabel("Password").evaluate((input) => input.removeAttribute("minlength"));
    await page.getByRole("button", { name: "Create organization" }).click();
    await page.getByText("must be at least 10 characters", { exact: true }).waitFor();
    await page.screenshot({ path: screenshotPath("sign-up-error"), fullPage: true });

    await signUp(page, world.server.baseUrl, account);
    await page.getByText(account.organization).waitFor();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in/);

    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("That email and password do not match an account.").waitFor();
    await page.screenshot({ path: screenshotPath("sign-in"), fullPage: true });

    await signIn(page, world.server.baseUrl, account);
    await page.waitForURL(/\/tasks$/);
    await page.getByText(account.organization).waitFor();
    await context.close();
  });

  it("refuses a second account with the same email, naming the problem", async () => {
    const context = await world.browser.newContext();
    const page = await context.newPage();
    const account = newAccount();
    await signUp(page, world.server.baseUrl, account);
    await context.clearCookies();
    await page.goto(`${world.server.baseUrl}/sign-up`);
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByLabel("Organization name").fill("Another");
    await page.getByRole("button", { name: "Create organization" }).click();
    await page.getByText("An account with this email already exists").waitFor();
    await context.close();
  });

  it("signs in the bootstrap admin, who reaches the admin pages that members cannot", async () => {
    const adminContext = await world.browser.newContext();
    const admin = await adminContext.newPage();
    await signIn(admin, world.server.baseUrl, ADMIN);
    await admin.goto(`${world.server.baseUrl}/admin`);
    expect(admin.url()).toContain("/admin");
    await admin.getByText("Platform admin").waitFor();
    await adminContext.close();

    const memberContext = await world.browser.newContext();
    const member = await memberContext.newPage();
    await signUp(member, world.server.baseUrl, newAccount("member"));
    const response = await member.goto(`${world.server.baseUrl}/admin`);
    expect(response?.status()).toBe(404);
    await memberContext.close();
  });

  it("prints how to sign in when the embedded database starts", () => {
    expect(world.server.output()).toContain("/sign-up");
    expect(world.server.output()).toContain(`sign in as ${ADMIN.email}`);
  });
});

describe("API keys of a signed-in member", () => {
  it("work with the typed client and see only their organization's tasks", async () => {
    const { createTaskforgeClient } = await import("@taskforge/client");
    const one = await signedUpPage(world.browser, world.server.baseUrl, "one");
    const two = await signedUpPage(world.browser, world.server.baseUrl, "two");
    const clientOne = createTaskforgeClient({
      baseUrl: world.server.baseUrl,
      apiKey: await createApiKeyFor(one.page),
    });
    const clientTwo = createTaskforgeClient({
      baseUrl: world.server.baseUrl,
      apiKey: await createApiKeyFor(two.page),
    });
    const task = await clientOne.tasks.create.mutate({
      type: "categorization",
      instruction: "Is this a cat?",
      params: { attachment_type: "text", attachment: "a cat", categories: ["yes", "no"] },
    });
    await expect(clientTwo.tasks.get.query({ task_id: task.task_id })).rejects.toThrow(
      /not found/i,
    );
    const listed = await clientOne.tasks.list.query({});
    expect(listed.docs.map((t) => t.task_id)).toEqual([task.task_id]);
    await one.context.close();
    await two.context.close();
  });
});
