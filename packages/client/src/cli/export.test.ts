import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { ExportJob } from "@taskforge/schema";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { runCli } from "./testing/server";

// A tiny server speaking issue 10's export job contract, to test polling, retries and the
// streamed download without the export workers (export.e2e.test.ts runs against the real ones).
const KEY = "live_export_0123456789abcdef";
const CONTENT = JSON.stringify({
  images: Array.from({ length: 2000 }, (_, id) => ({ id, file_name: `img-${id}.jpg` })),
  annotations: [],
  categories: [{ id: 1, name: "car" }],
});

let server: ReturnType<typeof createServer>;
let env: Record<string, string>;
let dir: string;
let created: unknown[] = [];
let polls = new Map<string, number>();

const job = (id: string, patch: Partial<ExportJob>): ExportJob => ({
  id,
  format: "coco",
  status: "queued",
  processed: 0,
  total: null,
  skipped: 0,
  skip_reasons: [],
  media: "urls",
  size_bytes: null,
  error: null,
  created_at: "2026-11-29T07:00:00.000Z",
  finished_at: null,
  download_path: null,
  ...patch,
});

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
};

// Job "ok" runs for two polls, answers one poll with 503 and then completes; "broken" fails.
const handle = async (req: IncomingMessage, res: ServerResponse) => {
  if (req.headers.authorization !== `Bearer ${KEY}`) {
    return json(res, 401, { status_code: 401, error: "Invalid API key." });
  }
  if (req.method === "POST" && req.url === "/v1/exports") {
    const body = await readBody(req);
    created.push(body);
    if (body.start_time === "yesterday") {
      return json(res, 400, {
        status_code: 400,
        error: "Invalid request.",
        issues: [{ path: "start_time", message: "must be an ISO-8601 date or date-time" }],
      });
    }
    const id = body.format === "yolo" ? "broken" : "ok";
    return json(res, 201, job(id, { format: body.format as ExportJob["format"] }));
  }
  const match = /^\/v1\/exports\/(\w+)(\/download)?$/.exec(req.url ?? "");
  if (req.method !== "GET" || !match?.[1]) return json(res, 404, { status_code: 404, error: "?" });
  const id = match[1];
  if (match[2]) {
    res.writeHead(200, {
      "content-type": "application/json",
      "content-disposition": `attachment; filename="export-${id}.json"`,
    });
    // Several writes, so the client has to stream it.
    for (let at = 0; at < CONTENT.length; at += 16_384) res.write(CONTENT.slice(at, at + 16_384));
    return void res.end();
  }
  const poll = (polls.get(id) ?? 0) + 1;
  polls.set(id, poll);
  if (id === "broken") {
    return json(res, 200, job(id, { format: "yolo", status: "failed", error: "no image tasks" }));
  }
  if (poll === 3) {
    res.writeHead(503, { "retry-after": "0" });
    return void res.end("busy");
  }
  if (poll < 4) {
    return json(res, 200, job(id, { status: "running", processed: poll * 1000, total: 3000 }));
  }
  return json(
    res,
    200,
    job(id, {
      status: "completed",
      processed: 3000,
      total: 3000,
      size_bytes: CONTENT.length,
      finished_at: "2026-11-29T07:00:05.000Z",
      download_path: `/v1/exports/${id}/download`,
    }),
  );
};

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  env = {
    TASKFORGE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    TASKFORGE_API_KEY: KEY,
  };
  dir = await mkdtemp(join(tmpdir(), "taskforge-export-"));
});
beforeEach(() => {
  created = [];
  polls = new Map();
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe("taskforge export", () => {
  it("creates the job with the filters, polls through a 503 until completed, streams the file", async () => {
    const out = join(dir, "coco.json");
    const result = await runCli(
      [
        "export",
        "--format",
        "coco",
        "--project",
        "streets",
        "--status",
        "completed",
        "--tag",
        "a",
        "--tag",
        "b",
        "--created-after",
        "2026-01-01",
        "--out",
        out,
        "--poll-interval",
        "50",
      ],
      env,
    );
    expect(result.stderr).toContain("export ok (coco): queued");
    expect(result.code).toBe(0);
    expect(created).toEqual([
      {
        format: "coco",
        project: "streets",
        status: "completed",
        tags: ["a", "b"],
        start_time: "2026-01-01",
      },
    ]);
    expect(polls.get("ok")).toBe(4);
    expect(result.stderr).toContain("3000/3000 tasks");
    expect(await readFile(out, "utf8")).toBe(CONTENT);
    expect(result.stdout).toBe(`wrote ${CONTENT.length} bytes to ${out} (export ok)\n`);
    await expect(stat(`${out}.part`)).rejects.toThrow();
  });

  it("prints the created job without --out or --wait, and downloads it later with --job", async () => {
    const created = await runCli(["export", "--format", "coco"], env);
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ id: "ok", status: "queued" });
    expect(polls.size).toBe(0);

    const out = join(dir, "later.json");
    const later = await runCli(
      ["export", "--format", "coco", "--job", "ok", "--out", out, "--poll-interval", "50"],
      env,
    );
    expect(later.code).toBe(0);
    expect(await readFile(out, "utf8")).toBe(CONTENT);
  });

  it("exits 1 with the job's error when the export fails", async () => {
    const out = join(dir, "yolo.zip");
    const result = await runCli(["export", "--format", "yolo", "--out", out], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("export broken failed: no image tasks");
    await expect(stat(out)).rejects.toThrow();
  });

  it("exits 2 with the field path of a rejected filter, and for an unknown format", async () => {
    const rejected = await runCli(
      ["export", "--format", "coco", "--created-after", "yesterday", "--wait"],
      env,
    );
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toContain("start_time: must be an ISO-8601 date or date-time");
    const unknown = await runCli(["export", "--format", "docx", "--wait"], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Allowed choices are jsonl, csv, coco");
  });
});
