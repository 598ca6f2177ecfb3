import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { createApiKeyFor, newAccount, screenshotPath, signedUpPage, signIn } from "./accounts";
import type { TestAccount } from "./accounts";
import { useOwnBrowserServer } from "./browser-server";

const ADMIN = { email: "admin@example.com", password: "admin-password-123" };

const world = useOwnBrowserServer({
  TASKFORGE_BOOTSTRAP_ADMIN: `${ADMIN.email}:${ADMIN.password}`,
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The table row containing `text` (a key name, an email, an organization name). */
const rowWith = (page: Page, testId: string, text: string): Locator =>
  page.getByTestId(testId).filter({ hasText: text });

/** Creates a key on /api-keys and returns the key from the show-once box. */
const createKeyThroughPage = async (
  page: Page,
  name: string,
  mode: "live" | "test",
  scope?: { roles: string[]; of: string[] },
) => {
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Mode", { exact: true }).selectOption(mode);
  // Narrows the key's scope: each of the creator's roles ticked only when the key should carry it.
  for (const role of scope?.of ?? [])
    await page
      .locator(`input[name="roles"][value="${role}"]`)
      .setChecked(scope?.roles.includes(role) ?? true);
  await page.getByRole("button", { name: "Create key" }).click();
  const box = page.getByLabel(`Your new key “${name}”`);
  await box.waitFor();
  await page.getByText("it will not be shown again").waitFor();
  const key = await box.inputValue();
  expect(key).toMatch(new RegExp(`^${mode}_`));
  await rowWith(page, "api-key-row", name).waitFor();
  return key;
};

/** A tRPC mutation sent from the page as the signed-in person; returns the HTTP status. */
const postFromPage = (page: Page, path: string, input: unknown, method = "POST") =>
  page.evaluate(
    async ({ path: p, input: i, method: m }) =>
      (
        await fetch(
          `/api/trpc/${p}`,
          m === "GET"
            ? {}
            : {
                method: "POST",
                headers: { "content-type": "application/json" },
                body: JSON.stringify(i),
              },
        )
      ).status,
    { path, input, method },
  );

describe("account pages in Chromium", () => {
  let owner: { page: Page; account: TestAccount };
  let invitee: TestAccount;
  let projectName: string;

  it("creates live and test keys shown once, records their use and revokes them", async () => {
    const { createTaskforgeClient } = await import("@taskforge/client");
    const signedUp = await signedUpPage(world.browser, world.server.baseUrl, "keys");
    owner = signedUp;
    const { page } = owner;
    await page.goto(`${world.server.baseUrl}/api-keys`);
    await page.getByRole("heading", { name: "API keys" }).waitFor();

    // The name is required: the server's message shows at the field.
    await page.getByLabel("Name", { exact: true }).evaluate((i) => i.removeAttribute("required"));
    await page.getByLabel("Name", { exact: true }).fill("   ");
    await page.getByRole("button", { name: "Create key" }).click();
    await page.getByText("is required", { exact: true }).waitFor();

    const liveKey = await createKeyThroughPage(page, "pipeline live", "live");
    await page.screenshot({ path: screenshotPath("api-keys-created"), fullPage: true });
    await page.getByRole("button", { name: "Done" }).click();
    // The test key does less than its creator: only annotating.
    const testKey = await createKeyThroughPage(page, "pipeline test", "test", {
      roles: ["annotator"],
      of: ["owner", "annotator", "reviewer"],
    });
    expect(testKey).not.toBe(liveKey);

    await page.reload();
    const liveRow = rowWith(page, "api-key-row", "pipeline live");
    await liveRow.waitFor();
    expect(await page.getByText("it will not be shown again").count()).toBe(0);
    expect(await page.locator(`input[value="${liveKey}"]`).count()).toBe(0);
    const prefix = (await liveRow.locator("code").innerText()).replaceAll("…", "");
    expect(prefix.length).toBeGreaterThan(4);
    expect(liveKey.startsWith(prefix)).toBe(true);
    expect(await rowWith(page, "api-key-row", "pipeline test").innerText()).toMatch(/\btest\b/);
    expect(await liveRow.innerText()).toContain("never");

    // Each row shows the key's scope (its roles, as badges) and who created it.
    const headers = (await page.locator("thead th").allTextContents()).map((h) => h.trim());
    const scopeColumn = headers.indexOf("Scope");
    const creatorColumn = headers.indexOf("Created by");
    expect(scopeColumn).toBeGreaterThanOrEqual(0);
    expect(creatorColumn).toBeGreaterThanOrEqual(0);
    const scopeOf = (row: Locator) => row.locator("td").nth(scopeColumn).locator("span > span");
    const creatorOf = async (row: Locator) =>
      (await row.locator("td").nth(creatorColumn).innerText()).split("\n").map((l) => l.trim());
    const testRow = rowWith(page, "api-key-row", "pipeline test");
    // The owner's name (the sign-up form's "Your name": the part of their email before the @)
    // and their email.
    const creator = [owner.account.email.split("@")[0], owner.account.email];
    expect(await scopeOf(liveRow).allInnerTexts()).toEqual(["Owner", "Annotator", "Reviewer"]);
    expect(await scopeOf(testRow).allInnerTexts()).toEqual(["Annotator"]);
    expect(await creatorOf(liveRow)).toEqual(creator);
    expect(await creatorOf(testRow)).toEqual(creator);

    const client = createTaskforgeClient({ baseUrl: world.server.baseUrl, apiKey: liveKey });
    expect((await client.tasks.list.query({})).docs).toEqual([]);
    await page.reload();
    await liveRow.waitFor();
    expect(await liveRow.innerText()).not.toContain("never");
    expect(await rowWith(page, "api-key-row", "pipeline test").innerText()).toContain("never");

    await page.getByRole("button", { name: "Revoke pipeline live" }).click();
    await page.getByText("Programs using this key will stop working.").waitFor();
    await page.getByRole("button", { name: "Revoke key" }).click();
    await liveRow.getByText("revoked").waitFor();
    await page.screenshot({ path: screenshotPath("api-keys"), fullPage: true });
    await expect(client.tasks.list.query({})).rejects.toThrow(/invalid api key/i);
  });

  it("sets the default callback URL after a field error and rotates the signing secret", async () => {
    const { page } = owner;
    await page.goto(`${world.server.baseUrl}/settings`);
    const url = page.getByLabel("Default callback URL");
    await url.fill("not a url");
    await page.getByRole("button", { name: "Save URL" }).click();
    await page.getByText("must be an http(s) URL or an email address").waitFor();
    expect(await url.getAttribute("aria-invalid")).toBe("true");

    await url.fill("https://receiver.example.com/hook");
    await page.getByRole("button", { name: "Save URL" }).click();
    await page.getByText("Default callback URL saved.").waitFor();
    await page.reload();
    expect(await page.getByLabel("Default callback URL").inputValue()).toBe(
      "https://receiver.example.com/hook",
    );

    expect(await page.getByText("retiring").count()).toBe(0);
    await page.getByRole("button", { name: "Rotate secret" }).click();
    const secret = await page.getByLabel("New signing secret").inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.getByText(/^retiring /).waitFor();
    await page.getByText(`${secret.slice(0, 6)}…${secret.slice(-4)}`).waitFor();
    await page.screenshot({ path: screenshotPath("settings-callbacks"), fullPage: true });
  });

  it("invites a person who joins by the link, changes their role and keeps an owner", async () => {
    const { page } = owner;
    await page.goto(`${world.server.baseUrl}/settings`);
    await page.getByRole("button", { name: "Create invitation link" }).click();
    const link = await page.getByLabel("Invitation link").inputValue();
    // No SMTP server on this instance, and the link is for anyone: the page says nothing was mailed.
    await page
      .getByText("No email was sent: the invitation is for anyone with the link.")
      .waitFor();
    expect(link).toMatch(new RegExp(`^${escape(world.server.baseUrl)}/join/[\\w-]+$`));
    await rowWith(page, "invitation-row", "anyone with the link").getByText("pending").waitFor();
    await page.screenshot({ path: screenshotPath("settings-invitation"), fullPage: true });

    // A second person opens the link in their own browser and signs up through the join form.
    const joinContext = await world.browser.newContext();
    const joiner = await joinContext.newPage();
    invitee = newAccount("invitee");
    await joiner.goto(link);
    await joiner.getByRole("heading", { name: `Join ${owner.account.organization}` }).waitFor();
    await joiner.getByLabel("Your name").fill("Ivy Invitee");
    await joiner.getByLabel("Email").fill(invitee.email);
    await joiner.getByLabel("Password").fill(invitee.password);
    await joiner.getByRole("button", { name: "Join" }).click();
    await joiner.waitForURL(/\/tasks$/);

    await page.reload();
    await rowWith(page, "member-row", invitee.email).waitFor();
    await rowWith(page, "invitation-row", "anyone with the link").getByText("accepted").waitFor();
    const rolesCell = () => rowWith(page, "member-row", invitee.email);
    // Invited with the default role, annotator; the owner adds manager, then takes it back.
    await rolesCell().getByText("Annotator", { exact: true }).waitFor();
    const setRolesOf = async (who: RegExp, roles: Record<string, boolean>) => {
      await page.getByRole("button", { name: who }).click();
      const form = page.getByRole("form", { name: /^Roles of/ });
      for (const [role, on] of Object.entries(roles))
        await form.getByRole("checkbox", { name: new RegExp(`^${role}`) }).setChecked(on);
      await Promise.all([
        page.waitForResponse((r) => r.url().includes("members.setRoles")),
        form.getByRole("button", { name: "Save roles" }).click(),
      ]);
    };
    const ofInvitee = /^Change roles of Ivy Invitee/;
    await setRolesOf(ofInvitee, { Manager: true });
    await page.reload();
    await rolesCell().getByText("Manager", { exact: true }).waitFor();
    await setRolesOf(ofInvitee, { Manager: false });
    await page.reload();
    expect(await rolesCell().getByText("Manager", { exact: true }).count()).toBe(0);

    // The only owner cannot give up being an owner: the server's message is shown.
    await setRolesOf(new RegExp(`^Change roles of .*${escape(owner.account.email)}`), {
      Owner: false,
    });
    await page.getByText("An organization needs at least one owner").waitFor();
    await page.screenshot({ path: screenshotPath("settings-members"), fullPage: true });

    // An annotator sees the members read-only and no invite form; the server refuses them too.
    await joiner.goto(`${world.server.baseUrl}/settings`);
    await rowWith(joiner, "member-row", owner.account.email).waitFor();
    await joiner.getByText("Only owners and admins can invite people.").waitFor();
    expect(await joiner.getByRole("button", { name: "Create invitation link" }).count()).toBe(0);
    expect(await joiner.getByRole("button", { name: /^Change roles of/ }).count()).toBe(0);
    expect(await joiner.getByRole("button", { name: /^Remove/ }).count()).toBe(0);
    expect(await postFromPage(joiner, "members.invite", { roles: ["annotator"] })).toBe(403);
    expect(
      await postFromPage(joiner, "members.setRoles", {
        id: crypto.randomUUID(),
        roles: ["owner"],
      }),
    ).toBe(403);
    await joiner
      .getByText("Only owners and admins can see and change the callback settings.")
      .waitFor();
    expect(await joiner.getByRole("button", { name: "Save URL" }).count()).toBe(0);
    expect(
      await postFromPage(joiner, "callbacks.setDefaultUrl", {
        default_callback_url: "https://example.com/hook",
      }),
    ).toBe(403);
    expect(await postFromPage(joiner, "callbacks.settings", undefined, "GET")).toBe(403);
    await joiner.screenshot({ path: screenshotPath("settings-as-member"), fullPage: true });
    await joinContext.close();
  });

  it("shows the admin the organizations, the workforce and the queue", async () => {
    const { createTaskforgeClient } = await import("@taskforge/client");
    const client = createTaskforgeClient({
      baseUrl: world.server.baseUrl,
      apiKey: await createApiKeyFor(owner.page),
    });
    projectName = `queue-${Date.now().toString(36)}`;
    await client.projects.create.mutate({
      type: "categorization",
      name: projectName,
      params: { attachment_type: "text", categories: ["yes", "no"] },
    });
    for (let i = 0; i < 3; i++)
      await client.tasks.create.mutate({
        type: "categorization",
        project: projectName,
        params: { attachment: `item ${i}` },
      });

    const adminContext = await world.browser.newContext();
    const admin = await adminContext.newPage();
    await signIn(admin, world.server.baseUrl, ADMIN);

    await admin.goto(`${world.server.baseUrl}/admin/organizations`);
    const orgRow = rowWith(admin, "organization-row", owner.account.organization);
    await orgRow.waitFor();
    // Members 2 (owner and invitee), then pending 3, completed 0, canceled 0, error 0, total 3, test 0.
    const cells = await orgRow.locator("td").allInnerTexts();
    expect(cells.slice(2).map((c) => c.split("\n")[0]?.trim())).toEqual([
      "2",
      "3",
      "0",
      "0",
      "0",
      "3",
      "0",
    ]);
    await admin.screenshot({ path: screenshotPath("admin-organizations"), fullPage: true });

    await admin.goto(`${world.server.baseUrl}/admin/queue`);
    const pendingRow = rowWith(admin, "pending-row", projectName);
    await pendingRow.waitFor();
    const pendingCells = await pendingRow.locator("td").allInnerTexts();
    expect(pendingCells.slice(1, 6)).toEqual([
      owner.account.organization,
      "categorization",
      "3",
      "3",
      "0",
    ]);
    await admin.getByText("Active leases").waitFor();
    await admin.getByText("Pending deliveries").waitFor();
    await admin.screenshot({ path: screenshotPath("admin-queue"), fullPage: true });

    // The bootstrap admin is a Tasker and reviewer; the invitee becomes one and gets the project.
    await admin.goto(`${world.server.baseUrl}/admin/workforce`);
    await rowWith(admin, "worker-row", ADMIN.email).waitFor();
    await admin.getByLabel("Email of an existing account").fill("nobody@example.com");
    await admin.getByRole("button", { name: "Save roles" }).click();
    await admin.getByText("no account with this email").waitFor();
    await admin.getByLabel("Email of an existing account").fill(invitee.email);
    await admin.getByRole("button", { name: "Save roles" }).click();
    const workerRow = rowWith(admin, "worker-row", invitee.email);
    await workerRow.waitFor();
    await admin.getByLabel("Person").selectOption({ label: invitee.email });
    await admin
      .getByLabel("Project")
      .selectOption({ label: `${owner.account.organization} / ${projectName}` });
    await admin.getByRole("button", { name: "Grant access" }).click();
    await workerRow.getByText(`${owner.account.organization} / ${projectName}`).waitFor();
    await admin.screenshot({ path: screenshotPath("admin-workforce"), fullPage: true });
    await adminContext.close();
    await owner.page.context().close();
  });
});
