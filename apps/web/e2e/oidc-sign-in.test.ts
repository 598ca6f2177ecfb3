import type { Server } from "node:http";

import Provider from "oidc-provider";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { freePort, startServer, temporaryDirectory, waitForHealthy } from "../test/server";
import type { RunningServer } from "../test/server";
import { screenshotPath } from "./accounts";
import { launchBrowser } from "./browser";

// A real OpenID Connect provider (panva's oidc-provider) on loopback stands in for Okta or Keycloak.
let issuerServer: Server;
let server: RunningServer;
let browser: Browser;
const data = temporaryDirectory();

beforeAll(async () => {
  const issuerPort = await freePort();
  const issuer = `http://127.0.0.1:${issuerPort}`;
  server = await startServer({
    TASKFORGE_DATA_DIR: data.dir,
    TASKFORGE_OIDC_ISSUER: issuer,
    TASKFORGE_OIDC_CLIENT_ID: "taskforge",
    TASKFORGE_OIDC_CLIENT_SECRET: "taskforge-client-secret",
    TASKFORGE_OIDC_NAME: "Example SSO",
  });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: "taskforge",
        client_secret: "taskforge-client-secret",
        redirect_uris: [`${server.baseUrl}/api/auth/callback/oidc`],
      },
    ],
    // Any login is accepted by the provider's development pages; the login becomes the subject.
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => ({ sub, email: `${sub}@sso.example.org`, name: `SSO ${sub}` }),
    }),
    claims: { openid: ["sub"], email: ["email"], profile: ["name"] },
    conformIdTokenClaims: false,
    cookies: { keys: ["oidc-test-cookie-key"] },
  });
  issuerServer = provider.listen(issuerPort);
  await waitForHealthy(server);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
  await server.stop();
  issuerServer.close();
  data.remove();
});

const signInWithSso = async (login: string) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/sign-in`);
  await page.getByRole("button", { name: "Continue with Example SSO" }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  return { context, page };
};

describe("sign-in through an OpenID Connect provider", () => {
  it("creates the account on first sign-in, then finds it again by the provider's subject", async () => {
    const first = await signInWithSso("ada");
    // A new account has no organization yet: it is asked to create one (or use an invitation).
    await first.page.waitForURL(/\/welcome$/);
    await first.page.getByText("Welcome, SSO ada").waitFor();
    await first.page.screenshot({ path: screenshotPath("oidc-welcome"), fullPage: true });
    await first.page.getByLabel("Organization name").fill("Analytical Engines");
    await first.page.getByRole("button", { name: "Create organization" }).click();
    await first.page.waitForURL(/\/tasks$/);
    await first.page.getByText("Analytical Engines").waitFor();
    await first.context.close();

    const again = await signInWithSso("ada");
    await again.page.waitForURL(/\/tasks$/);
    await again.page.getByText("Analytical Engines").waitFor();
    const me = await again.page.evaluate(async () => {
      const response = await fetch("/api/trpc/account.me");
      return (await response.json()) as { result: { data: { email: string } } };
    });
    expect(me.result.data.email).toBe("ada@sso.example.org");
    await again.context.close();
  });
});
