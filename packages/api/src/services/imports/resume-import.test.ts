import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { AppError } from "../../errors";
import { scopeOf } from "../../scope";
import type { Scope } from "../../scope";
import { createTenant, createTestDatabase } from "../../test/harness";
import type { TestDatabase } from "../../test/harness";
import { runImport } from "./run-import";
import type { RunImportOptions } from "./run-import";

// Interrupted uploads resumed: every line ends up stored exactly once. The lines carry no
// unique_id on purpose, so nothing but the job's record of stored lines prevents duplicates.
let db: TestDatabase;
let scope: Scope;
let other: Scope;

beforeAll(async () => {
  db = await createTestDatabase();
  scope = scopeOf(db, (await createTenant(db, "Acme")).live);
  other = scopeOf(db, (await createTenant(db, "Other")).live);
});
afterAll(async () => {
  await db.close();
});

const encoder = new TextEncoder();
const jsonl = (prefix: string, count: number) =>
  Array.from(
    { length: count },
    (_, i) =>
      `${JSON.stringify({
        type: "categorization",
        params: {
          attachment_type: "text",
          attachment: `${prefix}-${i + 1}`,
          categories: ["a", "b"],
        },
      })}\n`,
  );

/** A body that delivers `lines` in pieces of 10, then fails like a dropped connection. */
const cutAfter = (lines: readonly string[], cut: number) => {
  let sent = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent >= cut) return controller.error(new Error("connection reset by peer"));
        controller.enqueue(encoder.encode(lines.slice(sent, Math.min(cut, sent + 10)).join("")));
        sent = Math.min(cut, sent + 10);
      },
    },
    { highWaterMark: 0 },
  );
};
const bodyOf = (text: string) => new Blob([text]).stream();

const importError = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

/** How many tasks hold each attachment of `prefix`: 1 for every line when nothing was doubled. */
const storedTimes = async (prefix: string) => {
  const rows = await db.sql.query<{ attachment: string; n: number }>(
    `SELECT params->>'attachment' AS attachment, count(*)::int AS n FROM tasks
     WHERE organization_id = $1 AND params->>'attachment' LIKE $2 GROUP BY 1`,
    [scope.organizationId, `${prefix}-%`],
  );
  return new Map(rows.map((row) => [row.attachment, row.n]));
};

const start = (jobId: string, extra: Partial<RunImportOptions> = {}): RunImportOptions => ({
  format: "jsonl",
  job_id: jobId,
  chunkLines: 100,
  ...extra,
});

describe("resuming an interrupted import", () => {
  it("continues a cut upload from the line after the stored ones, storing each line once", async () => {
    const lines = jsonl("cut", 1000);
    const jobId = crypto.randomUUID();
    const cut = await importError(runImport(scope, start(jobId), cutAfter(lines, 455)));
    expect(cut.message).toMatch(/connection reset/);
    const interrupted = await db.prisma.importJob.findUniqueOrThrow({ where: { id: jobId } });
    // Whole chunks only: lines 401-455 were read but their chunk was never stored.
    expect(interrupted).toMatchObject({ status: "failed", storedThroughLine: 400, linesRead: 400 });
    expect(interrupted.createdCount).toBe(400);

    const rest = lines.slice(400).join("");
    const job = await runImport(
      scope,
      start(jobId, { resume: true, first_line: 401 }),
      bodyOf(rest),
    );
    expect(job).toMatchObject({
      status: "completed",
      created_count: 1000,
      failed_count: 0,
      lines_read: 1000,
      stored_through_line: 1000,
      resume_count: 1,
    });
    const times = await storedTimes("cut");
    expect(times.size).toBe(1000);
    expect([...times.values()].every((n) => n === 1)).toBe(true);
  });

  it("skips the stored lines of a file sent again from its start (JSONL and CSV)", async () => {
    const lines = jsonl("again", 350);
    const jobId = crypto.randomUUID();
    await importError(runImport(scope, start(jobId), cutAfter(lines, 230)));
    const job = await runImport(scope, start(jobId, { resume: true }), bodyOf(lines.join("")));
    expect(job).toMatchObject({ status: "completed", created_count: 350, lines_read: 350 });
    expect([...(await storedTimes("again")).values()]).toEqual(Array(350).fill(1));

    const header = "params.attachment_type,params.attachment,params.categories\n";
    const rows = Array.from({ length: 250 }, (_, i) => `text,csv-${i + 1},"[""a"",""b""]"\n`);
    const csvJob = crypto.randomUUID();
    const csv = { format: "csv" as const, type: "categorization" };
    await importError(runImport(scope, start(csvJob, csv), cutAfter([header, ...rows], 180)));
    const resumed = await runImport(
      scope,
      start(csvJob, { ...csv, resume: true }),
      bodyOf(header + rows.join("")),
    );
    expect(resumed).toMatchObject({ status: "completed", created_count: 250, failed_count: 0 });
    expect([...(await storedTimes("csv")).values()]).toEqual(Array(250).fill(1));
  });

  it("passes over spans stored beyond the unbroken run (a later chunk that committed first)", async () => {
    const lines = jsonl("gap", 400);
    const jobId = crypto.randomUUID();
    await importError(runImport(scope, start(jobId), cutAfter(lines, 120)));
    // As if lines 201-300 had committed while the chunk of 101-200 was lost with its process.
    await db.prisma.importJob.update({
      where: { id: jobId },
      data: { storedSpans: [[201, 300]] },
    });
    const job = await runImport(
      scope,
      start(jobId, { resume: true, first_line: 101 }),
      bodyOf(lines.slice(100).join("")),
    );
    expect(job).toMatchObject({ status: "completed", stored_through_line: 400 });
    const times = await storedTimes("gap");
    expect(times.has("gap-250")).toBe(false);
    expect(times.get("gap-150")).toBe(1);
    expect(times.get("gap-350")).toBe(1);
    expect(times.size).toBe(300);
  });

  it("refuses resumes that would lose lines, or of jobs that are done, running or not the caller's", async () => {
    const lines = jsonl("refuse", 300);
    const jobId = crypto.randomUUID();
    await importError(runImport(scope, start(jobId), cutAfter(lines, 150)));
    const gap = await importError(
      runImport(scope, start(jobId, { resume: true, first_line: 150 }), bodyOf("")),
    );
    expect(gap.statusCode).toBe(400);
    expect(gap.message).toMatch(
      /^first_line: .*stored lines 1-100 only; send the file from line 101/,
    );
    const foreign = await importError(
      runImport(other, start(jobId, { resume: true }), bodyOf(lines.join(""))),
    );
    expect(foreign.statusCode).toBe(404);
    const wrongFormat = await importError(
      runImport(scope, start(jobId, { format: "csv", resume: true }), bodyOf("")),
    );
    expect(wrongFormat.message).toMatch(/^format: /);
    const again = await importError(runImport(scope, start(jobId), bodyOf("")));
    expect(again.statusCode).toBe(409);
    expect(again.message).toMatch(/resume=true/);
    // None of the refusals touched the job.
    expect(await db.prisma.importJob.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({
      status: "failed",
      storedThroughLine: 100,
      resumeCount: 0,
    });

    await runImport(scope, start(jobId, { resume: true }), bodyOf(lines.join("")));
    const done = await importError(
      runImport(scope, start(jobId, { resume: true }), bodyOf(lines.join(""))),
    );
    expect(done.statusCode).toBe(409);
    expect(done.message).toMatch(/completed already/);
  });

  it("keeps a running job fresh while its bytes arrive, though no chunk is stored, and lets it go stale once they stop", async () => {
    const lines = jsonl("heartbeat", 40);
    const jobId = crypto.randomUUID();
    let sent = 0;
    let stall: () => void = () => undefined;
    const stalled = new Promise<void>((resolve) => (stall = resolve));
    let resume: () => void = () => undefined;
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    const upload = runImport(
      scope,
      // Chunks of 1000 lines: nothing of these 40 is stored until the body ends.
      { ...start(jobId), heartbeatMs: 20 },
      new ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            if (sent === 20) {
              stall();
              await resumed;
            }
            if (sent >= lines.length) return controller.close();
            await new Promise((resolve) => setTimeout(resolve, 40));
            controller.enqueue(encoder.encode(lines[sent]));
            sent += 1;
          },
        },
        { highWaterMark: 0 },
      ),
    );
    const heardAt = async () => {
      const job = await db.prisma.importJob.findUnique({ where: { id: jobId } });
      return job?.updatedAt.getTime() ?? 0;
    };
    // Lines trickle in: the job's updated_at keeps moving with no line stored.
    await expect.poll(heardAt, { timeout: 10_000 }).toBeGreaterThan(0);
    const first = await heardAt();
    await expect.poll(heardAt, { timeout: 10_000 }).toBeGreaterThan(first);
    const job = await db.prisma.importJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(job.storedThroughLine).toBe(0);
    // The body stalls: after the beat that saw the last bytes, the job is heard from no more (two
    // reads ten beats apart agree; while beats go on, no two do).
    await stalled;
    let previous = -1;
    await expect
      .poll(
        async () => {
          const now = await heardAt();
          const quiet = now === previous;
          previous = now;
          return quiet;
        },
        { timeout: 10_000, interval: 200 },
      )
      .toBe(true);
    resume();
    expect(await upload).toMatchObject({ status: "completed", created_count: 40 });
  });

  it("takes over a running job only once its upload has not been heard from for 10 s; the replaced upload stores nothing more", async () => {
    const lines = jsonl("takeover", 500);
    const jobId = crypto.randomUUID();
    // The first upload stores lines 1-200, then hangs (its client went quiet, or its server died).
    let release: () => void = () => undefined;
    const hung = new Promise<void>((resolve) => (release = resolve));
    let sent = 0;
    const first = runImport(
      scope,
      start(jobId),
      new ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            if (sent === 250) await hung;
            if (sent >= lines.length) return controller.close();
            controller.enqueue(encoder.encode(lines.slice(sent, sent + 50).join("")));
            sent += 50;
          },
        },
        { highWaterMark: 0 },
      ),
    );
    first.catch(() => undefined);
    const storedBy = async (line: number) => {
      for (let i = 0; i < 200; i += 1) {
        // The job appears once the upload has started.
        const job = await db.prisma.importJob.findUnique({ where: { id: jobId } });
        if (job && job.storedThroughLine >= line) return job;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`line ${line} was never stored`);
    };
    await storedBy(200);

    const busy = await importError(
      runImport(scope, start(jobId, { resume: true, first_line: 201 }), bodyOf("")),
    );
    expect(busy.statusCode).toBe(409);
    expect(busy.message).toMatch(/still running .* 10 s/);

    await db.sql.query(
      `UPDATE import_jobs SET updated_at = now() - interval '11 seconds' WHERE id = $1`,
      [jobId],
    );
    const resumed = await runImport(
      scope,
      start(jobId, { resume: true, first_line: 201 }),
      bodyOf(lines.slice(200).join("")),
    );
    expect(resumed).toMatchObject({ status: "completed", created_count: 500, resume_count: 1 });

    // The first upload wakes up and sends the rest: refused, and the job stays as the resume left it.
    release();
    const superseded = await importError(first);
    expect(superseded.statusCode).toBe(409);
    expect(superseded.message).toMatch(/resumed by another upload/);
    expect(await db.prisma.importJob.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({
      status: "completed",
      createdCount: 500,
    });
    expect([...(await storedTimes("takeover")).values()]).toEqual(Array(500).fill(1));
  });
});
