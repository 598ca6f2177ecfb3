import type { Browser, BrowserContext, Page } from "playwright-core";
import { inject } from "vitest";

import { startServer, temporaryDirectory, waitForHealthy } from "../test/server";
import type { RunningServer } from "../test/server";
import { createApiKeyFor, newAccount, screenshotPath, signIn, signUp } from "./accounts";
import { launchBrowser } from "./browser";

/**
 * A running taskforge for workspace, review and queue tests: a production server (the browser
 * tests' shared one), a customer organization (its owner, signed in, and a live API key of
 * theirs) whose own annotators and reviewers label its tasks, and helpers that drive the pages as a
 * person would.
 */
export type WorkspaceWorld = {
  baseUrl: string;
  apiKey: string;
  /** The customer's owner, signed in (the dashboard as they see it). */
  owner: Page;
  /** POST /v1/task/{type} with the body (instruction etc. defaulted); returns the task id. */
  createTask(type: string, body: Record<string, unknown>): Promise<string>;
  /** Uploads bytes through POST /v1/files/upload; returns the `taskforge://files/<id>` attachment URL. */
  uploadFile(name: string, bytes: Uint8Array | string, contentType: string): Promise<string>;
  /**
   * A new Tasker, signed in, in a fresh browser context: a member of the customer organization
   * invited as annotator (review: and reviewer), so every task of the organization is theirs to
   * take; `types` names what the test means them to label.
   */
  newTasker(options: {
    types: string[];
    review?: boolean;
  }): Promise<{ page: Page; context: BrowserContext; email: string }>;
  /** Opens /work, presses "Start" and waits for the editor; returns the claimed task's id. */
  startWork(page: Page): Promise<{ taskId: string }>;
  /** Presses "Submit" and waits until the workspace has moved on (next task or "No tasks right now"). */
  submit(page: Page): Promise<void>;
  /** Waits until the task is completed; returns its stored `response` as the REST API gives it. */
  storedResponse(taskId: string): Promise<Record<string, unknown>>;
  /** Saves a screenshot under apps/web/test-results/screenshots/<name>.png. */
  screenshot(page: Page, name: string): Promise<void>;
  stop(): Promise<void>;
};

const EDITOR = 'section[aria-label="Editor"]';
const NOTHING_LEFT = "No tasks right now";
const COMPLETION_TIMEOUT_MS = 30_000;

/** The JSON body of a tRPC mutation called from a signed-in page (same origin, its cookies). */
const mutateInPage = async (page: Page, path: string, input: unknown): Promise<unknown> => {
  const body = await page.evaluate(
    async ({ path, input }) => {
      const response = await fetch(`/api/trpc/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(input),
      });
      return (await response.json()) as { result?: { data?: unknown }; error?: unknown };
    },
    { path, input },
  );
  if (body.error !== undefined || !body.result)
    throw new Error(`${path} failed: ${JSON.stringify(body.error ?? body)}`);
  return body.result.data;
};

const startWorkOn = async (page: Page, baseUrl: string) => {
  await page.goto(`${baseUrl}/work`);
  const start = page.getByRole("button", { name: "Start", exact: true });
  // A Tasker who already holds a task gets it back without pressing anything.
  await start.or(page.locator(EDITOR)).first().waitFor();
  if (await start.isVisible()) await start.click();
  const editor = page.locator(EDITOR);
  await editor.waitFor();
  const taskId = await editor.getAttribute("data-task-id");
  if (!taskId) throw new Error("the editor names no task");
  return { taskId };
};

const submitOn = async (page: Page) => {
  const before = await page.locator(EDITOR).getAttribute("data-task-id");
  await page.getByRole("button", { name: "Submit", exact: true }).click();
  const outcome = await page.waitForFunction(
    ({ before, editor, nothingLeft }) => {
      const current = document.querySelector(editor)?.getAttribute("data-task-id");
      if (current && current !== before) return "moved";
      if (document.body.innerText.includes(nothingLeft)) return "moved";
      const problems = [...document.querySelectorAll('[aria-label="Response problems"]')];
      const outside = problems.find((element) => !element.closest(editor));
      if (outside) return `refused: ${(outside as HTMLElement).innerText}`;
      return false;
    },
    { before, editor: EDITOR, nothingLeft: NOTHING_LEFT },
  );
  const result = (await outcome.jsonValue()) as string;
  if (result !== "moved") throw new Error(`the workspace did not take the submission: ${result}`);
};

export const startWorkspaceWorld = async (): Promise<WorkspaceWorld> => {
  // The browser tests' shared server (its own organization keeps this world apart), else one of its own.
  const shared = inject("sharedServer");
  const data = shared ? undefined : temporaryDirectory();
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  try {
    if (data) {
      server = await startServer({ TASKFORGE_DATA_DIR: data.dir });
      await waitForHealthy(server);
    }
    browser = await launchBrowser();
  } catch (error) {
    await browser?.close();
    await server?.stop();
    data?.remove();
    throw error;
  }
  const running = server;
  const chromium = browser;
  const baseUrl = running?.baseUrl ?? shared?.baseUrl ?? "";
  // The customer: an owner who signs up, keeps a page open to invite Taskers, and has a live key.
  const ownerContext = await chromium.newContext();
  const owner = await ownerContext.newPage();
  await signUp(owner, baseUrl, newAccount("customer"));
  const apiKey = await createApiKeyFor(owner, "live");

  const rest = async (method: string, path: string, body?: BodyInit, json = true) => {
    const response = await fetch(`${baseUrl}/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${apiKey}`,
        ...(json && body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} /v1${path}: ${response.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };

  const world: WorkspaceWorld = {
    baseUrl,
    apiKey,
    owner,
    createTask: async (type, body) => {
      const task = await rest(
        "POST",
        `/task/${type}`,
        JSON.stringify({ instruction: "Label this task.", ...body }),
      );
      return String(task.task_id);
    },
    uploadFile: async (name, bytes, contentType) => {
      const form = new FormData();
      form.append("file", new Blob([bytes as BlobPart], { type: contentType }), name);
      const file = await rest("POST", "/files/upload", form, false);
      return String(file.attachment_url);
    },
    newTasker: async ({ types, review = false }) => {
      if (!types.length) throw new Error("a Tasker labels at least one task type");
      const account = newAccount("tasker");
      const invited = (await mutateInPage(owner, "members.invite", {
        email: account.email,
        roles: review ? ["annotator", "reviewer"] : ["annotator"],
      })) as { token: string };
      const joined = await fetch(`${baseUrl}/api/trpc/account.signUp`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          email: account.email,
          password: account.password,
          invitation_token: invited.token,
        }),
      });
      if (!joined.ok) throw new Error(`sign-up failed: ${await joined.text()}`);
      const context = await chromium.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await signIn(page, baseUrl, account);
      return { page, context, email: account.email };
    },
    startWork: (page) => startWorkOn(page, baseUrl),
    submit: submitOn,
    storedResponse: async (taskId) => {
      const deadline = Date.now() + COMPLETION_TIMEOUT_MS;
      let task = await rest("GET", `/task/${taskId}`);
      while (task.status !== "completed") {
        if (Date.now() > deadline)
          throw new Error(`task ${taskId} is still ${String(task.status)}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
        task = await rest("GET", `/task/${taskId}`);
      }
      return task.response as Record<string, unknown>;
    },
    screenshot: async (page, name) => {
      await page.screenshot({ path: screenshotPath(name), fullPage: true });
    },
    stop: async () => {
      await ownerContext.close();
      await chromium.close();
      await running?.stop();
      data?.remove();
    },
  };
  return world;
};
