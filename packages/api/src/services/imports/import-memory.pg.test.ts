import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTenant, createTestDatabase } from "../../test/harness";
import type { TestDatabase, TestTenant } from "../../test/harness";

/**
 * Peak server memory during a large streamed import. The server runs in its own process so its
 * resident set (/proc/<pid>/status) measures the import alone. 100,000 lines (~30 s here);
 * TASKFORGE_IMPORT_MEMORY_LINES sets another size.
 */
const LINES = Number(process.env.TASKFORGE_IMPORT_MEMORY_LINES ?? 100_000);
const MAX_GROWTH_MB = 150;

let db: TestDatabase;
let acme: TestTenant;
let child: ChildProcess;
let baseUrl: string;

beforeAll(async () => {
  db = await createTestDatabase("postgres");
  acme = await createTenant(db, "Acme");
  child = spawn(
    process.execPath,
    [
      // A modest heap, as a small deployment would run: holding the file or its tasks would
      // exhaust it (the process dies, the upload fails), and V8 collects eagerly instead of
      // letting garbage pile up, so the resident set measures what the import really keeps.
      "--max-old-space-size=160",
      "--import",
      "tsx",
      fileURLToPath(new URL("../../test/import-server.process.ts", import.meta.url)),
    ],
    {
      env: { ...process.env, DATABASE_URL: db.url ?? "", LOG_LEVEL: "error" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  baseUrl = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
}, 120_000);
afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  await db.close();
});

const memoryOf = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]);
  return { rssMb: kb("VmRSS") / 1024, hwmMb: kb("VmHWM") / 1024 };
};

const line = (i: number) =>
  JSON.stringify({
    type: "categorization",
    instruction: "Big or small?",
    params: {
      attachment_type: "text",
      attachment: `item ${i} with some text to make the line a realistic size`,
      categories: ["big", "small"],
    },
    unique_id: `mem-${i}`,
    metadata: { row: i },
  });

/** A generated JSONL body, produced only as fast as the upload pulls it. */
const generatedBody = (from: number, count: number) => {
  const encoder = new TextEncoder();
  let next = from;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (next >= from + count) {
        controller.close();
        return;
      }
      const end = Math.min(next + 500, from + count);
      let text = "";
      for (; next < end; next += 1) text += `${line(next)}\n`;
      controller.enqueue(encoder.encode(text));
    },
  });
};

const upload = async (from: number, count: number) => {
  const response = await fetch(`${baseUrl}/imports?format=jsonl`, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(`${acme.live.key}:`).toString("base64")}` },
    body: generatedBody(from, count),
    duplex: "half",
  });
  return (await response.json()) as Record<string, unknown>;
};

describe("a large streamed import", () => {
  it(`keeps the server's memory bounded over ${LINES} lines and creates every task`, async () => {
    const pid = child.pid ?? 0;
    // Warm up (JIT, pools, caches) so the baseline is the server's steady state.
    expect(await upload(0, 2000)).toMatchObject({ created_count: 2000 });
    const baseline = memoryOf(pid).rssMb;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, memoryOf(pid).rssMb);
    }, 100);
    const started = Date.now();
    let job: Record<string, unknown>;
    try {
      job = await upload(2000, LINES);
    } finally {
      clearInterval(sampler);
    }
    const seconds = (Date.now() - started) / 1000;
    const { hwmMb } = memoryOf(pid);
    // Reported in the test output: the measured rate and memory.
    console.info(
      `import of ${LINES} lines: ${seconds.toFixed(1)} s (${Math.round(LINES / seconds)} lines/s); ` +
        `RSS baseline ${baseline.toFixed(0)} MB, peak ${peak.toFixed(0)} MB ` +
        `(+${(peak - baseline).toFixed(0)} MB), VmHWM ${hwmMb.toFixed(0)} MB`,
    );
    expect(job).toMatchObject({
      status: "completed",
      created_count: LINES,
      failed_count: 0,
      duplicate_count: 0,
    });
    expect(peak - baseline).toBeLessThan(MAX_GROWTH_MB);
    expect(await db.prisma.task.count({ where: { organizationId: acme.organizationId } })).toBe(
      LINES + 2000,
    );
  }, 600_000);
});
