import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { scopeOf } from "../../scope";
import type { Scope } from "../../scope";
import { createTenant, createTestDatabase } from "../../test/harness";
import type { TestDatabase } from "../../test/harness";
import { runImport } from "./run-import";

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
  it("reads the upload no further than about a chunk ahead of what is stored", async () => {
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
    // One chunk being stored, plus a few pulls buffered in the stream pipeline.
    expect(furthestAhead).toBeLessThanOrEqual(500 + 5 * perPull);
    expect(furthestAhead).toBeGreaterThan(0);
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
