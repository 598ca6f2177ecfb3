import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { ensureBootstrapOrganization } from "@taskforge/api";
import { signPayload } from "@taskforge/api/callbacks";
import { createTestDatabase } from "@taskforge/db/testing";
import type { TestDatabase } from "@taskforge/db/testing";
import type { Task } from "@taskforge/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTaskforgeClient } from "../index";
import type { TaskforgeClient } from "../index";
import { runCli, startFlakyProxy, startTaskforgeServer } from "./testing/server";

// The CLI as a user runs it: the bin in a subprocess, against tRPC and REST over real HTTP.
const KEY = "live_cli_0123456789abcdef";
let db: TestDatabase;
let server: Awaited<ReturnType<typeof startTaskforgeServer>>;
let env: Record<string, string>;
let client: TaskforgeClient;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  await ensureBootstrapOrganization(db, [KEY]);
  server = await startTaskforgeServer(db);
  env = { TASKFORGE_URL: server.baseUrl, TASKFORGE_API_KEY: KEY };
  client = createTaskforgeClient({ baseUrl: server.baseUrl, apiKey: KEY });
  dir = await mkdtemp(join(tmpdir(), "taskforge-cli-"));
});
afterAll(async () => {
  await server.close();
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

const categorization = (uniqueId: string, extra: Record<string, unknown> = {}) => ({
  params: { attachment_type: "text", attachment: uniqueId, categories: ["big", "small"] },
  unique_id: uniqueId,
  ...extra,
});

const writeJsonl = async (name: string, lines: (object | string)[]) => {
  const path = join(dir, name);
  await writeFile(
    path,
    lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n",
  );
  return path;
};

const summaryOf = (stdout: string) => {
  const value = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(stdout)?.[1]);
  return { created: value("created"), duplicates: value("duplicates"), failed: value("failed") };
};

const tasksWithTag = async (tag: string) =>
  (await client.tasks.list.query({ tags: [tag], limit: 100 })).docs;

describe("taskforge --help", () => {
  it.each([
    [[], "Commands:"],
    [["tasks"], "create [options]"],
    [["tasks", "create"], "--chunk-size <n>"],
    [["tasks", "list"], "--created-after <date>"],
    [["import"], "--restart"],
    [["export"], "--format <format>"],
    [["callbacks"], "verify [options]"],
    [["callbacks", "verify"], "--tolerance <seconds>"],
  ])("taskforge %j --help documents its options and exits 0", async (command, expected) => {
    const result = await runCli([...command, "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: taskforge ${command.join(" ")}`.trimEnd());
    expect(result.stdout).toContain(expected);
    expect(result.stdout).toContain("TASKFORGE_API_KEY");
  });

  it("exits 2 with a usage message for an unknown option", async () => {
    const result = await runCli(["tasks", "list", "--colour", "red"], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--colour'");
  });
});

describe("configuration", () => {
  it("exits 2 with a clear message when TASKFORGE_API_KEY is missing", async () => {
    const result = await runCli(["tasks", "list"], { TASKFORGE_URL: server.baseUrl });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("No API key: set TASKFORGE_API_KEY");
  });

  it("exits 2 when TASKFORGE_URL is missing, and takes --url/--api-key flags instead", async () => {
    const missing = await runCli(["tasks", "list"], { TASKFORGE_API_KEY: KEY });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("No server URL: set TASKFORGE_URL");
    const flags = await runCli(["tasks", "list", "--url", server.baseUrl, "--api-key", KEY]);
    expect(flags.code).toBe(0);
  });

  it("exits 2 when the server refuses the API key", async () => {
    const result = await runCli(["tasks", "list"], {
      ...env,
      TASKFORGE_API_KEY: "live_wrong_0123456789abcdef",
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Invalid API key.");
  });
});

describe("taskforge tasks create", () => {
  it("reports a bad line with its field path, then a fixed re-run creates only what is missing", async () => {
    const bad = { params: { attachment_type: "text", attachment: "x" }, unique_id: "imp-3" };
    const lines: (object | string)[] = [
      categorization("imp-1"),
      categorization("imp-2"),
      bad,
      "{not json",
      categorization("imp-4"),
    ].map((line) => (typeof line === "string" ? line : { ...line, tags: ["import"] }));
    const file = await writeJsonl("import.jsonl", lines);
    const failures = join(dir, "failures.jsonl");
    const args = ["tasks", "create", "--type", "categorization", "--file", file];
    const flags = ["--chunk-size", "2", "--concurrency", "2", "--failures", failures];

    const first = await runCli([...args, ...flags], env);
    expect(first.code).toBe(1);
    expect(summaryOf(first.stdout)).toEqual({ created: 3, duplicates: 0, failed: 2 });
    expect(first.stdout).toMatch(/rate:\s+[\d.]+ tasks\/s/);
    const failed = (await readFile(failures, "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { line: number; error: string; issues: unknown[] });
    expect(failed.sort((a, b) => a.line - b.line)).toEqual([
      {
        line: 3,
        error: expect.any(String),
        issues: [{ path: "params.categories", message: expect.any(String) }],
      },
      { line: 4, error: expect.stringContaining("invalid JSON"), issues: [] },
    ]);

    // The same file with the bad lines fixed: the earlier tasks are duplicates, not new tasks.
    lines[2] = { ...categorization("imp-3"), tags: ["import"] };
    lines.splice(3, 1);
    await writeJsonl("import.jsonl", lines);
    const fixed = await runCli([...args, ...flags], env);
    expect(fixed.code).toBe(0);
    expect(summaryOf(fixed.stdout)).toEqual({ created: 1, duplicates: 3, failed: 0 });

    const again = await runCli([...args, ...flags], env);
    expect(again.code).toBe(0);
    expect(summaryOf(again.stdout)).toEqual({ created: 0, duplicates: 4, failed: 0 });
    const created = await tasksWithTag("import");
    expect(created.map((t) => t.unique_id).sort()).toEqual(["imp-1", "imp-2", "imp-3", "imp-4"]);
    expect(await readFile(failures, "utf8")).toBe("");
  });

  it("accepts Scale's flat body and fills in --project", async () => {
    await client.projects.create.mutate({
      type: "categorization",
      name: "cli-flat",
      params: { attachment_type: "text", categories: ["yes", "no"] },
    });
    const file = await writeJsonl("flat.jsonl", [
      { attachment: "a", unique_id: "flat-1", tags: ["flat"] },
      { type: "categorization", attachment: "b", unique_id: "flat-2", tags: ["flat"] },
    ]);
    const result = await runCli(
      ["tasks", "create", "--type", "categorization", "--project", "cli-flat", "--file", file],
      env,
    );
    expect(result.code).toBe(0);
    const tasks = await tasksWithTag("flat");
    expect(tasks.map((t) => [t.unique_id, t.project, t.params.attachment]).sort()).toEqual([
      ["flat-1", "cli-flat", "a"],
      ["flat-2", "cli-flat", "b"],
    ]);
  });

  it("retries a chunk the server answered with 503", async () => {
    let attempts = 0;
    const proxy = await startFlakyProxy(server.baseUrl, (req) =>
      req.url?.includes("tasks.createManyIds") && attempts++ === 0 ? "fail" : "forward",
    );
    try {
      const file = await writeJsonl("retry.jsonl", [
        categorization("retry-1", { tags: ["retry"] }),
        categorization("retry-2", { tags: ["retry"] }),
      ]);
      const result = await runCli(["tasks", "create", "--type", "categorization", "--file", file], {
        ...env,
        TASKFORGE_URL: proxy.baseUrl,
      });
      expect(result.code).toBe(0);
      expect(attempts).toBe(2);
      expect(result.stderr).toContain("HTTP 503");
      expect(result.stderr).toContain("retry 1/5");
      expect(summaryOf(result.stdout)).toEqual({ created: 2, duplicates: 0, failed: 0 });
    } finally {
      await proxy.close();
    }
    expect(await tasksWithTag("retry")).toHaveLength(2);
  });

  it("counts a retried chunk that had reached the database as duplicates, not failures", async () => {
    let attempts = 0;
    const proxy = await startFlakyProxy(server.baseUrl, (req) =>
      req.url?.includes("tasks.createManyIds") && attempts++ === 0
        ? "forward-then-fail"
        : "forward",
    );
    try {
      const file = await writeJsonl("lost.jsonl", [
        categorization("lost-1", { tags: ["lost"] }),
        categorization("lost-2", { tags: ["lost"] }),
      ]);
      const result = await runCli(["tasks", "create", "--type", "categorization", "--file", file], {
        ...env,
        TASKFORGE_URL: proxy.baseUrl,
      });
      expect(result.code).toBe(0);
      expect(summaryOf(result.stdout)).toEqual({ created: 0, duplicates: 2, failed: 0 });
    } finally {
      await proxy.close();
    }
    expect(await tasksWithTag("lost")).toHaveLength(2);
  });

  it("exits 2 for a chunk size beyond createMany's limit and for a missing file", async () => {
    const big = await runCli(["tasks", "create", "--file", "x.jsonl", "--chunk-size", "5000"], env);
    expect(big.code).toBe(2);
    expect(big.stderr).toContain("must be an integer from 1 to 1000");
    const missing = await runCli(["tasks", "create", "--file", join(dir, "none.jsonl")], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read --file");
  });
});

describe("taskforge tasks list", () => {
  let listed: Task[];

  beforeAll(async () => {
    await client.projects.create.mutate({
      type: "categorization",
      name: "cli-list",
      params: { attachment_type: "text", categories: ["a", "b"] },
    });
    await client.batches.create.mutate({ project: "cli-list", name: "cli-list-batch" });
    const result = await client.tasks.createMany.mutate({
      tasks: Array.from({ length: 5 }, (_, i) => ({
        type: "categorization",
        batch: "cli-list-batch",
        params: { attachment: `item ${i}` },
        unique_id: `list-${i}`,
        tags: i % 2 === 0 ? ["listed", "even"] : ["listed"],
      })),
    });
    expect(result.created).toBe(5);
    listed = (await client.tasks.list.query({ tags: ["listed"] })).docs;
  });

  it("prints a table with the id, type, status, created, project, batch and unique id", async () => {
    const result = await runCli(["tasks", "list", "--tag", "listed", "--limit", "3"], env);
    expect(result.code).toBe(0);
    const [header, ...rows] = result.stdout.trimEnd().split("\n");
    expect(header?.split(/\s{2,}/)).toEqual([
      "ID",
      "TYPE",
      "STATUS",
      "CREATED",
      "PROJECT",
      "BATCH",
      "UNIQUE ID",
    ]);
    expect(rows.map((row) => row.split(/\s{2,}/))).toEqual(
      listed
        .slice(0, 3)
        .map((t) => [
          t.task_id,
          "categorization",
          "pending",
          t.created_at.replace(/\.\d+Z$/, "Z"),
          "cli-list",
          "cli-list-batch",
          t.unique_id,
        ]),
    );
  });

  it("prints JSON lines with repeatable filters, and walks next_token with --all", async () => {
    const even = await runCli(
      ["tasks", "list", "--tag", "listed", "--tag", "even", "--batch", "cli-list-batch", "--json"],
      env,
    );
    expect(even.code).toBe(0);
    const evenTasks = even.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Task);
    expect(evenTasks.map((t) => t.unique_id).sort()).toEqual(["list-0", "list-2", "list-4"]);

    const all = await runCli(
      ["tasks", "list", "--project", "cli-list", "--all", "--page-size", "2", "--json"],
      env,
    );
    expect(all.code).toBe(0);
    expect(
      all.stdout
        .trim()
        .split("\n")
        .map((l) => (JSON.parse(l) as Task).task_id),
    ).toEqual(listed.map((t) => t.task_id));

    const picked = await runCli(
      ["tasks", "list", "--unique-id", "list-1", "--unique-id", "list-3", "--json"],
      env,
    );
    expect(
      picked.stdout
        .trim()
        .split("\n")
        .map((l) => (JSON.parse(l) as Task).unique_id)
        .sort(),
    ).toEqual(["list-1", "list-3"]);
  });

  it("filters by status and creation time, and reports a bad date with its field", async () => {
    const future = await runCli(
      ["tasks", "list", "--tag", "listed", "--created-after", "2999-01-01", "--json"],
      env,
    );
    expect(future).toMatchObject({ code: 0, stdout: "" });
    const completed = await runCli(
      ["tasks", "list", "--tag", "listed", "--status", "completed"],
      env,
    );
    expect(completed.code).toBe(0);
    expect(completed.stderr).toContain("no tasks match");
    const bad = await runCli(["tasks", "list", "--created-after", "last tuesday"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("start_time: must be an ISO-8601 date or date-time");
  });
});

describe("taskforge callbacks verify", () => {
  const secret = "whsec_" + Buffer.from("0123456789abcdef0123456789abcdef").toString("base64");
  const body = JSON.stringify({ task_id: "5f1e0bfbb5a1b2001c3f4a11", status: "completed" });

  const verify = async (payload: string, signedBody = payload) => {
    const file = join(dir, "callback.json");
    await writeFile(file, payload);
    const timestamp = Math.floor(Date.now() / 1000);
    return runCli([
      "callbacks",
      "verify",
      "--secret",
      secret,
      "--body",
      file,
      "--header",
      "webhook-id: msg_1",
      "--header",
      `Webhook-Timestamp: ${timestamp}`,
      "--header",
      `webhook-signature: ${signPayload(secret, "msg_1", timestamp, signedBody)}`,
    ]);
  };

  it("accepts a correctly signed body", async () => {
    const result = await verify(body);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      "valid: webhook-id msg_1, task 5f1e0bfbb5a1b2001c3f4a11 (completed)\n",
    );
  });

  it("rejects a tampered body with the reason", async () => {
    const result = await verify(body.replace("completed", "canceled"), body);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("invalid: no webhook-signature matches the secret(s)\n");
  });

  it("rejects a stale timestamp and a malformed header", async () => {
    const file = join(dir, "stale.json");
    await writeFile(file, body);
    const stale = await runCli([
      "callbacks",
      "verify",
      "--secret",
      secret,
      "--body",
      file,
      "--header",
      "webhook-id: msg_1",
      "--header",
      "webhook-timestamp: 1000",
      "--header",
      `webhook-signature: ${signPayload(secret, "msg_1", 1000, body)}`,
    ]);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain("invalid: webhook-timestamp 1000 is not within the tolerance");
    const malformed = await runCli([
      "callbacks",
      "verify",
      "--secret",
      secret,
      "--body",
      file,
      "--header",
      "nonsense",
    ]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('--header "nonsense" must look like "name: value"');
  });
});
