import { createTestDatabase } from "@taskforge/db/testing";
import type { TestDatabase } from "@taskforge/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startServer, waitForHealthy } from "../server";
import type { RunningServer } from "../server";
import { HttpSession } from "./http-session";

/**
 * Secrets stay secret: the built server runs at debug log level through a whole flow (sign-up,
 * sign-in, a failed sign-in, API key creation, task creation with the key, a wrong key) and neither
 * its logs nor any later answer nor the database holds a password or a key in the clear.
 */

const ADMIN = { email: "root@example.com", password: "bootstrap-admin-password-31337" };
const OWNER = { email: "owner-secrets@example.com", password: "owner-password-very-secret-42" };
const WRONG_PASSWORD = "wrong-password-that-must-not-be-logged-7";
const NEW_PASSWORD = "changed-owner-password-also-secret-9";
const WRONG_KEY = "live_notarealkeybutmustnotbelogged0123456789";

let db: TestDatabase;
let server: RunningServer;
let apiKey = "";
let sessionToken = "";
const answers: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase("postgres");
  server = await startServer({
    DATABASE_URL: db.url ?? "",
    TASKFORGE_LOG_LEVEL: "debug",
    TASKFORGE_BOOTSTRAP_ADMIN: `${ADMIN.email}:${ADMIN.password}`,
  });
  await waitForHealthy(server);
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

describe("a full account and API flow at debug log level", () => {
  it("runs sign-up, sign-in, a failed sign-in, key creation and key use", async () => {
    const anonymous = new HttpSession(server.baseUrl);
    const signUp = await anonymous.trpc("account.signUp", {
      email: OWNER.email,
      password: OWNER.password,
      organization_name: "Secretive Inc",
    });
    answers.push(signUp.text);
    expect(signUp.status).toBe(200);

    const failed = new HttpSession(server.baseUrl);
    expect(await failed.signIn(OWNER.email, WRONG_PASSWORD)).toBe(false);
    expect(await failed.signIn("nobody@example.com", WRONG_PASSWORD)).toBe(false);

    const owner = new HttpSession(server.baseUrl);
    expect(await owner.signIn(OWNER.email, OWNER.password)).toBe(true);
    sessionToken = owner.cookie("next-auth.session-token") ?? "";
    expect(sessionToken).not.toBe("");
    const admin = new HttpSession(server.baseUrl);
    expect(await admin.signIn(ADMIN.email, ADMIN.password)).toBe(true);

    const created = await owner.trpc("apiKeys.create", { name: "ci", mode: "live" });
    expect(created.status).toBe(200);
    apiKey = (created.json as { result: { data: { key: string } } }).result.data.key;
    expect(apiKey.length).toBeGreaterThan(20);

    const authorization = `Basic ${Buffer.from(`${apiKey}:`).toString("base64")}`;
    const task = await fetch(`${server.baseUrl}/v1/task/categorization`, {
      method: "POST",
      headers: { authorization, "content-type": "application/json" },
      body: JSON.stringify({ attachment_type: "text", attachment: "car", categories: ["a", "b"] }),
    });
    answers.push(await task.text());
    expect(task.status).toBe(200);
    const wrong = await fetch(`${server.baseUrl}/v1/tasks`, {
      headers: { authorization: `Bearer ${WRONG_KEY}` },
    });
    expect(wrong.status).toBe(401);
    answers.push(await wrong.text());

    // After creation the key is shown nowhere again, only its display prefix.
    for (const [procedure, input] of [
      ["apiKeys.list", undefined],
      ["account.me", undefined],
      ["members.list", undefined],
    ] as const) {
      const read = await owner.trpcQuery(procedure, input);
      expect(read.status, procedure).toBe(200);
      answers.push(read.text);
    }
    answers.push((await owner.get("/api/auth/session")).text);
  });

  it("ends a session on sign-out, for every copy of its cookie, and others on a password change", async () => {
    const browser = new HttpSession(server.baseUrl);
    expect(await browser.signIn(OWNER.email, OWNER.password)).toBe(true);
    const stolen = browser.copy();
    expect((await stolen.trpcQuery("account.me")).status).toBe(200);
    await browser.signOut();
    expect((await stolen.trpcQuery("account.me")).status).toBe(401);

    const laptop = new HttpSession(server.baseUrl);
    const phone = new HttpSession(server.baseUrl);
    expect(await laptop.signIn(OWNER.email, OWNER.password)).toBe(true);
    expect(await phone.signIn(OWNER.email, OWNER.password)).toBe(true);
    const changed = await laptop.trpc("account.changePassword", {
      current_password: OWNER.password,
      new_password: NEW_PASSWORD,
    });
    expect(changed.status).toBe(200);
    expect((await laptop.trpcQuery("account.me")).status).toBe(200);
    expect((await phone.trpcQuery("account.me")).status).toBe(401);
    expect(await new HttpSession(server.baseUrl).signIn(OWNER.email, NEW_PASSWORD)).toBe(true);
  });

  it("logs at debug level, and none of the secrets appear in the logs", () => {
    const logs = server.output();
    expect(logs).toMatch(/"level":20/);
    const secrets = {
      "owner password": OWNER.password,
      "admin password": ADMIN.password,
      "wrong password": WRONG_PASSWORD,
      "changed password": NEW_PASSWORD,
      "api key": apiKey,
      "api key secret part": apiKey.slice(-24),
      "basic authorization": Buffer.from(`${apiKey}:`).toString("base64"),
      "wrong api key": WRONG_KEY,
      "session token": sessionToken,
    };
    const leaked = Object.entries(secrets)
      .filter(([, secret]) => secret && logs.includes(secret))
      .map(([name]) => name);
    expect(leaked).toEqual([]);
  });

  it("never returns a password or the key after its creation", () => {
    const returned = answers.join("\n");
    for (const secret of [OWNER.password, ADMIN.password, apiKey, apiKey.slice(-24)]) {
      expect(returned).not.toContain(secret);
    }
  });

  it("stores neither passwords nor keys in the clear", async () => {
    const dump = JSON.stringify([
      await db.prisma.user.findMany(),
      await db.prisma.apiKey.findMany(),
      await db.prisma.instanceSetting.findMany(),
    ]);
    for (const secret of [
      OWNER.password,
      NEW_PASSWORD,
      ADMIN.password,
      apiKey,
      apiKey.slice(-24),
    ]) {
      expect(dump).not.toContain(secret);
    }
  });
});
