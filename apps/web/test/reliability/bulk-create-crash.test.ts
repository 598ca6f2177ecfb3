import { createTestDatabase } from "@taskforge/db/testing";
import type { TestDatabase } from "@taskforge/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startServer, waitForHealthy } from "../server";
import type { RunningServer } from "../server";

/**
 * SIGKILL of the server in the middle of a bulk create of 10,000 tasks (10 calls of 1,000): each
 * call's chunk is then wholly present or wholly absent, and sending all of them again with the same
 * unique_ids completes the set without a single duplicate.
 */

const KEY = "live_crash_0123456789abcdef0123";
const CHUNKS = 10;
const CHUNK_SIZE = 1_000;

let db: TestDatabase;
let server: RunningServer | undefined;

const start = async () => {
  server = await startServer({ DATABASE_URL: db.url ?? "", TASKFORGE_BOOTSTRAP_API_KEY: KEY });
  await waitForHealthy(server);
  return server;
};

const chunk = (n: number) =>
  Array.from({ length: CHUNK_SIZE }, (_, i) => ({
    type: "categorization",
    instruction: `chunk ${n} task ${i}`,
    params: { attachment_type: "text", attachment: `item ${n}-${i}`, categories: ["a", "b"] },
    unique_id: `chunk-${n}-${i}`,
    metadata: { chunk: n },
  }));

type CreateManyResult = {
  created: number;
  failed: number;
  results: { ok: boolean; error?: { status_code: number } }[];
};

const createMany = async (baseUrl: string, n: number): Promise<CreateManyResult> => {
  const response = await fetch(`${baseUrl}/api/trpc/tasks.createMany`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${KEY}:`).toString("base64")}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ tasks: chunk(n) }),
  });
  const body = (await response.json()) as { result: { data: CreateManyResult } };
  if (response.status !== 200)
    throw new Error(`chunk ${n}: ${response.status} ${JSON.stringify(body)}`);
  return body.result.data;
};

/** Tasks per chunk, read from the unique_ids in the database. */
const countsPerChunk = async () => {
  const rows = await db.sql.query<{
    chunk: string;
    n: string | number;
    distinct_ids: string | number;
  }>(
    `SELECT split_part(unique_id, '-', 2) AS chunk, count(*) AS n, count(DISTINCT unique_id) AS distinct_ids
       FROM tasks WHERE unique_id LIKE 'chunk-%' GROUP BY 1`,
  );
  const counts = Array.from({ length: CHUNKS }, () => 0);
  for (const row of rows) {
    expect(Number(row.n)).toBe(Number(row.distinct_ids));
    counts[Number(row.chunk)] = Number(row.n);
  }
  return counts;
};

beforeAll(async () => {
  db = await createTestDatabase("postgres");
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

describe("SIGKILL during a bulk create of 10,000 tasks", () => {
  it("leaves whole chunks or none, and a re-send completes the set without duplicates", async () => {
    const first = await start();
    // Two calls in flight at a time, as a client uploading in parallel would.
    const inFlight = new Set<Promise<unknown>>();
    let firstDone!: () => void;
    const oneChunkCommitted = new Promise<void>((resolve) => (firstDone = resolve));
    const outcomes: string[] = [];
    const sending = (async () => {
      for (let n = 0; n < CHUNKS; n++) {
        if (first.process.exitCode !== null || first.process.signalCode !== null) break;
        const call = createMany(first.baseUrl, n).then(
          (result) => {
            outcomes.push(`chunk ${n}: created ${result.created}`);
            firstDone();
          },
          (error: unknown) => outcomes.push(`chunk ${n}: ${(error as Error).message}`),
        );
        inFlight.add(call);
        void call.finally(() => inFlight.delete(call));
        if (inFlight.size >= 2) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
    })();

    await oneChunkCommitted;
    first.process.kill("SIGKILL");
    expect(await first.stop()).toBe(null);
    await sending;
    // Nothing is left answering on the old port.
    await expect(fetch(`${first.baseUrl}/api/health`)).rejects.toThrow();

    const afterCrash = await countsPerChunk();
    expect(
      afterCrash.every((n) => n === 0 || n === CHUNK_SIZE),
      afterCrash.join(","),
    ).toBe(true);
    const completeAfterCrash = afterCrash.filter((n) => n === CHUNK_SIZE).length;
    // The kill came while later chunks were still to be sent.
    expect(completeAfterCrash).toBeGreaterThanOrEqual(1);
    expect(completeAfterCrash).toBeLessThan(CHUNKS);

    const second = await start();
    let created = 0;
    for (let n = 0; n < CHUNKS; n++) {
      const result = await createMany(second.baseUrl, n);
      created += result.created;
      // A chunk stored before the crash is refused task by task as duplicates (409), never stored twice.
      if (afterCrash[n] === CHUNK_SIZE) {
        expect(result.created).toBe(0);
        expect(result.results.every((r) => !r.ok && r.error?.status_code === 409)).toBe(true);
      } else {
        expect(result.created).toBe(CHUNK_SIZE);
      }
    }
    expect(created).toBe((CHUNKS - completeAfterCrash) * CHUNK_SIZE);
    expect(await countsPerChunk()).toEqual(Array.from({ length: CHUNKS }, () => CHUNK_SIZE));
    const [total] = await db.sql.query<{ n: string | number }>("SELECT count(*) AS n FROM tasks");
    expect(Number(total?.n)).toBe(CHUNKS * CHUNK_SIZE);
  }, 300_000);
});
