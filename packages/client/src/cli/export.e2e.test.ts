import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { ensureBootstrapOrganization, startBackgroundWorkers } from "@taskforge/api";
import type { BackgroundWorkers } from "@taskforge/api";
import { createTestDatabase } from "@taskforge/db/testing";
import type { TestDatabase } from "@taskforge/db/testing";
import type { Task } from "@taskforge/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTaskforgeClient } from "../index";
import { runCli, startTaskforgeServer } from "./testing/server";

// `taskforge export` against the real export jobs (REST /v1/exports), run by the background workers.
const KEY = "live_export_e2e_0123456789abcdef";
let db: TestDatabase;
let server: Awaited<ReturnType<typeof startTaskforgeServer>>;
let workers: BackgroundWorkers;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  await ensureBootstrapOrganization(db, [KEY]);
  server = await startTaskforgeServer(db);
  // Export jobs may run on the background workers, as callbacks do.
  workers = startBackgroundWorkers(db, { role: "worker", env: {} });
  dir = await mkdtemp(join(tmpdir(), "taskforge-export-e2e-"));
});
afterAll(async () => {
  await workers.stop();
  await server.close();
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

describe("taskforge export (end to end)", () => {
  it("exports the filtered tasks as JSONL public task objects into --out", async () => {
    const client = createTaskforgeClient({ baseUrl: server.baseUrl, apiKey: KEY });
    const tasks = (tag: string, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        type: "categorization",
        params: { attachment_type: "text", attachment: `${tag} ${i}`, categories: ["a", "b"] },
        tags: [tag],
      }));
    await client.tasks.createMany.mutate({ tasks: [...tasks("wanted", 3), ...tasks("other", 2)] });
    const wanted = (await client.tasks.list.query({ tags: ["wanted"] })).docs;

    const out = join(dir, "wanted.jsonl");
    const env = { TASKFORGE_URL: server.baseUrl, TASKFORGE_API_KEY: KEY };
    const result = await runCli(
      ["export", "--format", "jsonl", "--tag", "wanted", "--out", out, "--poll-interval", "100"],
      env,
    );
    expect(result.stderr).not.toContain("error:");
    expect(result.code).toBe(0);
    const exported = (await readFile(out, "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Task);
    expect(exported.map((t) => t.task_id).sort()).toEqual(wanted.map((t) => t.task_id).sort());
    expect(exported.every((t) => t.tags?.includes("wanted"))).toBe(true);
  });

  it("prints why tasks were left out and exits 1 when every task was", async () => {
    const client = createTaskforgeClient({ baseUrl: server.baseUrl, apiKey: KEY });
    // Not answered yet: no image format can export them.
    await client.tasks.createMany.mutate({
      tasks: Array.from({ length: 2 }, (_, i) => ({
        type: "imageannotation",
        params: {
          attachment: `https://images.example/${i}.jpg`,
          geometries: { box: { objects_to_annotate: ["car"] } },
        },
        tags: ["unanswered"],
      })),
    });
    const out = join(dir, "unanswered.zip");
    const env = { TASKFORGE_URL: server.baseUrl, TASKFORGE_API_KEY: KEY };
    const result = await runCli(
      ["export", "--format", "yolo", "--media", "include", "--tag", "unanswered"].concat([
        "--out",
        out,
        "--poll-interval",
        "100",
      ]),
      env,
    );
    expect(result.stderr).toContain("2 of 2 tasks left out (all of them)");
    expect(result.stderr).toContain("2 × no response yet (the task is not completed)");
    expect(result.code).toBe(1);
  });
});
