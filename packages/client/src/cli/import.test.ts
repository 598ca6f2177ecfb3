import { existsSync } from "node:fs";
import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { ensureBootstrapOrganization } from "@taskforge/api";
import { createTestDatabase } from "@taskforge/db/testing";
import type { TestDatabase } from "@taskforge/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { runCli, startCli, startTaskforgeServer, startUploadProxy } from "./testing/server";

// `taskforge import` as a user runs it: the bin in a subprocess, over real HTTP, interrupted by a
// cut connection, Ctrl-C and kill -9. The lines carry no unique_id, so only the resume itself
// keeps them from being stored twice.
const KEY = "live_cli_import_0123456789";
let db: TestDatabase;
let server: Awaited<ReturnType<typeof startTaskforgeServer>>;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  await ensureBootstrapOrganization(db, [KEY]);
  server = await startTaskforgeServer(db);
  dir = await mkdtemp(join(tmpdir(), "taskforge-import-"));
});
afterAll(async () => {
  await server.close();
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

const envFor = (url: string) => ({ TASKFORGE_URL: url, TASKFORGE_API_KEY: KEY });

const taskLine = (prefix: string, i: number) =>
  JSON.stringify({
    params: { attachment_type: "text", attachment: `${prefix}-${i}`, categories: ["big", "small"] },
    tags: [prefix],
  });

const writeLines = async (name: string, lines: string[]) => {
  const path = join(dir, name);
  await writeFile(path, `${lines.join("\n")}\n`);
  return path;
};

const linesOf = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => taskLine(prefix, i + 1));

/** How many tasks hold each attachment of `prefix`. */
const storedTimes = async (prefix: string) => {
  const rows = await db.sql.query<{ attachment: string; n: number }>(
    `SELECT params->>'attachment' AS attachment, count(*)::int AS n FROM tasks
     WHERE params->>'attachment' LIKE $1 GROUP BY 1`,
    [`${prefix}-%`],
  );
  return new Map(rows.map((row) => [row.attachment, row.n]));
};

const expectEachStoredOnce = async (prefix: string, count: number) => {
  const times = await storedTimes(prefix);
  expect(times.size).toBe(count);
  expect([...times.values()].filter((n) => n !== 1)).toEqual([]);
};

const summaryOf = (stdout: string) => {
  const value = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(stdout)?.[1]);
  return {
    lines: value("lines"),
    created: value("created"),
    failed: value("failed"),
    resumed: value("resumed"),
  };
};

const stateOf = async (file: string) =>
  JSON.parse(await readFile(`${file}.taskforge-import.json`, "utf8")) as { job_id: string };

/** Waits until the job of the import of `file` has stored at least `lines` lines. */
const untilStored = async (file: string, lines: number) => {
  for (let i = 0; i < 600; i += 1) {
    if (existsSync(`${file}.taskforge-import.json`)) {
      const { job_id } = await stateOf(file);
      const job = await db.prisma.importJob.findUnique({ where: { id: job_id } });
      if (job && job.storedThroughLine >= lines) return job;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the import of ${file} never stored ${lines} lines`);
};

describe("taskforge import", () => {
  it("imports a JSONL file with a progress report, names each bad line and cleans up after itself", async () => {
    const lines = linesOf("plain", 2500);
    lines[6] = JSON.stringify({ params: { attachment_type: "text", categories: ["a"] } });
    lines[1999] = "{not json";
    const file = await writeLines("plain.jsonl", lines);
    const problems = join(dir, "plain-problems.csv");
    const result = await runCli(
      ["import", file, "--type", "categorization", "--errors", problems],
      envFor(server.baseUrl),
    );
    expect(result.code).toBe(1);
    expect(summaryOf(result.stdout)).toEqual({ lines: 2500, created: 2498, failed: 2, resumed: 0 });
    // Piped, the progress is plain lines; the last one shows the whole file sent.
    expect(result.stderr).toMatch(/progress: .*\/.* 100%/);
    expect(result.stderr).toContain(`problems written to ${problems}`);
    const report = await readFile(problems, "utf8");
    expect(report.split("\r\n")[0]).toBe("line,path,message");
    expect(report).toMatch(/^7,params\.attachment,/m);
    expect(report).toMatch(/^2000,,.*JSON/m);
    expect(existsSync(`${file}.taskforge-import.json`)).toBe(false);
  });

  it("imports CSV, and prints the first problems when no --errors file is named", async () => {
    const header = "params.attachment_type,params.attachment,params.categories";
    const rows = Array.from({ length: 30 }, (_, i) => `text,csvcli-${i + 1},"[""a"",""b""]"`);
    rows[4] = "text,csvcli-5,not-json";
    const file = await writeLines("rows.csv", [header, ...rows]);
    const result = await runCli(
      ["import", file, "--type", "categorization"],
      envFor(server.baseUrl),
    );
    expect(result.code).toBe(1);
    expect(summaryOf(result.stdout)).toMatchObject({ created: 29, failed: 1 });
    expect(result.stderr).toMatch(/^line 6: params\.categories: /m);
  });

  it("resumes by itself after the connection is cut mid-upload, from the line after the stored ones", async () => {
    const file = await writeLines("cut.jsonl", linesOf("cut", 6000));
    const proxy = await startUploadProxy(server.baseUrl, {
      cut: { afterBytes: 200_000, uploads: 2 },
    });
    try {
      const result = await runCli(
        ["import", file, "--type", "categorization"],
        envFor(proxy.baseUrl),
      );
      expect(result.stderr).toMatch(/upload interrupted .*; resuming in/);
      expect(result.code).toBe(0);
      const summary = summaryOf(result.stdout);
      expect(summary).toMatchObject({ created: 6000, failed: 0 });
      // Both cut uploads were followed by another; a cut that came before the server had even
      // started the job is followed by a fresh start, any other by a resume.
      const uploads = proxy.urls.filter((url) => url.startsWith("/v1/imports?"));
      expect(uploads).toHaveLength(3);
      const resumes = uploads
        .map((url) => new URL(url, "http://proxy").searchParams)
        .filter((query) => query.get("resume") === "true");
      expect(resumes.length).toBe(summary.resumed);
      expect(resumes.length).toBeGreaterThan(0);
      // Each resume sent the file from where the stored lines end, not from the start.
      for (const query of resumes) expect(Number(query.get("first_line"))).toBeGreaterThan(1);
      expect(result.stderr).toMatch(/sending .*cut\.jsonl from line [1-9]\d* \(\d+ lines stored/);
    } finally {
      await proxy.close();
    }
    await expectEachStoredOnce("cut", 6000);
  });

  it("survives Ctrl-C and kill -9: running the same command again finishes the import", async () => {
    const file = await writeLines("killed.jsonl", linesOf("killed", 12_000));
    const proxy = await startUploadProxy(server.baseUrl, { bytesPerSecond: 250_000 });
    const env = envFor(proxy.baseUrl);
    const args = ["import", file, "--type", "categorization"];
    try {
      const first = startCli(args, env);
      await untilStored(file, 1000);
      first.child.kill("SIGINT");
      const stopped = await first.result;
      expect(stopped.code).toBe(130);
      expect(stopped.stderr).toMatch(
        /stopped: interrupted\. \d+ lines are stored\. Run the same command again to resume it/,
      );

      const second = startCli(args, env);
      const before = (await untilStored(file, 1000)).storedThroughLine;
      await untilStored(file, before + 2000);
      second.child.kill("SIGKILL");
      await second.result;
      expect(existsSync(`${file}.taskforge-import.json`)).toBe(true);

      proxy.setRate(null);
      const third = await runCli(args, env);
      expect(third.stderr).toMatch(/resuming import [0-9a-f-]{36}/);
      expect(third.code).toBe(0);
      expect(summaryOf(third.stdout)).toMatchObject({ created: 12_000, failed: 0, resumed: 2 });
      // Its rate counts only the lines it sent (at least 3,000 were stored before it started).
      const seconds = Number(/^elapsed:.*\(([\d.]+) s\)/m.exec(third.stdout)?.[1]);
      const rate = Number(/^rate:\s+([\d.]+)/m.exec(third.stdout)?.[1]);
      expect(rate * seconds).toBeLessThan(9_100);
      expect(rate * seconds).toBeGreaterThan(0);
      expect(existsSync(`${file}.taskforge-import.json`)).toBe(false);
    } finally {
      await proxy.close();
    }
    await expectEachStoredOnce("killed", 12_000);
  });

  it("refuses to resume an import of a file that changed since, until told to restart", async () => {
    const file = await writeLines("changed.jsonl", linesOf("changed", 3000));
    const proxy = await startUploadProxy(server.baseUrl, {
      cut: { afterBytes: 250_000, uploads: 1 },
    });
    try {
      const args = ["import", file, "--type", "categorization", "--retries", "0"];
      const cut = await runCli(args, envFor(proxy.baseUrl));
      expect(cut.code).toBe(1);
      expect(cut.stderr).toMatch(/interrupted 1 times .*Run the same command again to resume it/);

      await appendFile(file, `${taskLine("changed", 3001)}\n`);
      const refused = await runCli(args, envFor(proxy.baseUrl));
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/the file has changed since\. Pass --restart/);

      const restarted = await runCli([...args, "--restart"], envFor(proxy.baseUrl));
      expect(restarted.code).toBe(0);
      expect(summaryOf(restarted.stdout)).toMatchObject({ created: 3001, resumed: 0 });
    } finally {
      await proxy.close();
    }
  });
});
