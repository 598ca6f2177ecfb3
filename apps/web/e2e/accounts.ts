import { mkdirSync } from "node:fs";
import { join } from "node:path";

import type { Browser, Page } from "playwright-core";

let accountCount = 0;

export type TestAccount = { email: string; password: string; organization: string };

/** A fresh, unique account (email, password, organization name) for one test. */
export const newAccount = (label = "owner"): TestAccount => {
  const unique = `${Date.now().toString(36)}${(++accountCount).toString(36)}`;
  return {
    email: `${label}-${unique}@example.com`,
    password: `pw-${unique}-long-enough`,
    organization: `Org ${label} ${unique}`,
  };
};

/** Signs up through the form (creating the organization) and waits for the tasks page. */
export const signUp = async (page: Page, baseUrl: string, account: TestAccount) => {
  await page.goto(`${baseUrl}/sign-up`);
  await page.getByLabel("Your name").fill(account.email.split("@")[0] ?? "");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByLabel("Organization name").fill(account.organization);
  await page.getByRole("button", { name: "Create organization" }).click();
  await page.waitForURL(/\/tasks$/);
};

export const signIn = async (
  page: Page,
  baseUrl: string,
  account: Omit<TestAccount, "organization">,
) => {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
};

/** A new browser context (own cookies) with a signed-up owner of a new organization. */
export const signedUpPage = async (browser: Browser, baseUrl: string, label?: string) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const account = newAccount(label);
  await signUp(page, baseUrl, account);
  return { context, page, account };
};

/** Screenshots are test artifacts, kept under apps/web/test-results (not committed). */
export const screenshotPath = (name: string) => {
  const dir = join(import.meta.dirname, "..", "test-results", "screenshots");
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.png`);
};

/**
 * Creates an API key of the signed-in page's organization through the tRPC procedure (as the page
 * itself would), so a test can then drive the API with `@taskforge/client`.
 */
export const createApiKeyFor = async (
  page: Page,
  mode: "live" | "test" = "live",
): Promise<string> => {
  const body = await page.evaluate(async (keyMode) => {
    const response = await fetch("/api/trpc/apiKeys.create", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "e2e", mode: keyMode }),
    });
    return (await response.json()) as { result?: { data?: { key?: string } } };
  }, mode);
  const key = body.result?.data?.key;
  if (!key) throw new Error(`creating an API key failed: ${JSON.stringify(body)}`);
  return key;
};
