import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { scopeOf } from "../../scope";
import type { Scope } from "../../scope";
import { createTenant, createTestDatabase } from "../../test/harness";
import type { TestDatabase } from "../../test/harness";
import { IMPORT_CHUNKS_IN_FLIGHT, runImport } from "./run-import";

let db: TestDatabase;
let scope: Scope;

beforeAll(async () => {
  db = await createTestDatabase();
  scope = scopeOf(db, (await createTenant(db, "Acme")).live);
});
afterAll(async () => {
  await db.close();
});

const line = (i: number) =>
  JSON.stringify({
    type: "categorization",
    params: { attachment_type: "text", attachment: `n${i}`, categories: ["a", "b"] },
  });

describe("runImport", () => {
  it("reads the upload no further than a few chunks ahead of what is stored", async () => {
    const jobId = crypto.randomUUID();
    const total = 5000;
    const perPull = 100;
    let pulled = 0;
    let furthestAhead = 0;
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          if (pulled >= total) {
            controller.close();
            return;
          }
          // How far the reader has got beyond the lines already stored.
          const job = await db.prisma.importJob.findUnique({ where: { id: jobId } });
          furthestAhead = Math.max(furthestAhead, pulled - (job?.linesRead ?? 0));
          let text = "";
          for (let i = 0; i < perPull; i += 1) text += `${line(pulled + i)}\n`;
          pulled += perPull;
          controller.enqueue(encoder.encode(text));
        },
      },
      { highWaterMark: 0 },
    );
    const job = await runImport(scope, { format: "jsonl", job_id: jobId, chunkLines: 500 }, body);
    expect(job).toMatchObject({ status: "completed", created_count: total, lines_read: total });
    // The chunks being stored and the one being read, plus a few pulls buffered in the stream.
    expect(furthestAhead).toBeLessThanOrEqual((IMPORT_CHUNKS_IN_FLIGHT + 1) * 500 + 5 * perPull);
    expect(furthestAhead).toBeGreaterThan(0);
  });

  it("stores problems up to the cap across chunks stored at once, and counts every failed line", async () => {
    const lines = Array.from({ length: 600 }, (_, i) => (i % 3 === 0 ? line(i) : `{not json ${i}`));
    const body = new Blob([`${lines.join("\n")}\n`]).stream();
    const job = await runImport(
      scope,
      { format: "jsonl", chunkLines: 100, maxStoredProblems: 250 },
      body,
    );
    expect(job).toMatchObject({
      status: "completed",
      created_count: 200,
      failed_count: 400,
      lines_read: 600,
    });
    const problems = await db.prisma.importJobError.findMany({
      where: { jobId: job.id },
      orderBy: { line: "asc" },
    });
    expect(problems).toHaveLength(250);
    // Every stored problem is a line that failed, named by its line number.
    expect(problems.every((p) => p.line % 3 !== 1)).toBe(true);
  });

  it("fails lines holding text the database cannot store one by one, naming the field", async () => {
    const lines = [
      line(1),
      // A NUL escape inside a param, a raw NUL in a line that is not JSON, a `__proto__` key.
      JSON.stringify({ type: "categorization", params: { attachment: "a\u0000b" } }),
      `\u{24C3F}\u0000`,
      `{"type":"categorization","params":{"__proto__":{"x":1}}}`,
      line(2),
    ];
    const body = new Blob([`${lines.join("\n")}\n`]).stream();
    const job = await runImport(scope, { format: "jsonl" }, body);
    expect(job).toMatchObject({ status: "completed", created_count: 2, failed_count: 3 });
    const problems = await db.prisma.importJobError.findMany({
      where: { jobId: job.id },
      orderBy: { line: "asc" },
    });
    expect(problems.map((p) => [p.line, p.path])).toEqual([
      [2, "params.attachment"],
      [3, ""],
      [4, "params.__proto__"],
    ]);
    expect(problems[0]?.message).toMatch(/NUL/);
    expect(problems[1]?.message).toMatch(/not valid JSON/);
    expect(problems.every((p) => !p.message.includes("\u0000"))).toBe(true);
  });

  it("reads CSV in chunks, with multi-byte characters split across network chunks", async () => {
    const header = "params.attachment_type,params.attachment,params.categories\n";
    const rows = Array.from({ length: 1200 }, (_, i) => `text,été ${i} ✓,"[""a"",""b""]"\n`);
    const bytes = new TextEncoder().encode(header + rows.join(""));
    let offset = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) {
          controller.close();
          return;
        }
        // 7-byte pieces cut through the two- and three-byte characters.
        controller.enqueue(bytes.slice(offset, offset + 7));
        offset += 7;
      },
    });
    const job = await runImport(
      scope,
      { format: "csv", type: "categorization", chunkLines: 500 },
      body,
    );
    expect(job).toMatchObject({ status: "completed", created_count: 1200, failed_count: 0 });
    const task = await db.prisma.task.findFirstOrThrow({
      where: {
        organizationId: scope.organizationId,
        params: { path: ["attachment"], equals: "été 1199 ✓" },
      },
    });
    expect(task.params).toMatchObject({ categories: ["a", "b"] });
  });
});
