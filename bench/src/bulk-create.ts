// Scenario 1: bulk create through the typed client (1,000 tasks a call: `tasks.createManyIds`, which
// the CLI sends, and `tasks.createMany`, which answers with every created task) and through the REST
// bulk path (`POST /v1/imports`, one JSONL body), against inserting the same rows with
// `INSERT ... SELECT UNNEST` through raw `pg`, in the same run on the same database.
import { createTaskforgeClient } from "@taskforge/client";
import { newTaskId } from "@taskforge/api";

import { peakRssMb, rateResult, resetPeakRss, round, rssResult } from "./measure";
import type { Result } from "./measure";
import { authHeaders, LIVE_KEY } from "./server";
import { CATEGORIZATION_PARAMS } from "./target";
import type { Target } from "./target";

const CHUNK = 1000;
// Two calls in flight: one per core, so the server is never idle while a response travels.
const IN_FLIGHT = 2;

const input = (i: number) => ({
  type: "categorization" as const,
  params: CATEGORIZATION_PARAMS,
  metadata: { i },
  tags: [`t${i % 10}`],
});

const rawInsert = async (target: Target, first: number, n: number) => {
  const ids = Array.from({ length: n }, () => newTaskId());
  const numbers = Array.from({ length: n }, (_, i) => first + i);
  await target.raw?.query(
    `INSERT INTO tasks (id, organization_id, is_test, type, params, metadata, tags)
     SELECT id, $3::uuid, false, 'categorization', $4::jsonb, jsonb_build_object('i', n), ARRAY['t' || (n % 10)]
     FROM UNNEST($1::text[], $2::int[]) AS x(id, n)`,
    [ids, numbers, target.organizationId, JSON.stringify(CATEGORIZATION_PARAMS)],
  );
};

/**
 * Keeps `IN_FLIGHT` chunks in flight (the next starts as soon as one finishes, as the CLI's
 * `create-tasks` sends them) and returns the seconds it took.
 */
const timeChunks = async (chunks: number[], fn: (chunk: number) => Promise<void>) => {
  const start = performance.now();
  const queue = [...chunks];
  const sender = async () => {
    for (let chunk = queue.shift(); chunk !== undefined; chunk = queue.shift()) await fn(chunk);
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, sender));
  return (performance.now() - start) / 1000;
};

export const benchBulkCreate = async (target: Target, count: number): Promise<Result[]> => {
  const client = createTaskforgeClient({ baseUrl: target.server.baseUrl, apiKey: LIVE_KEY });
  const chunks = Array.from({ length: Math.ceil(count / CHUNK) }, (_, c) => c);
  const total = chunks.length * CHUNK;
  const scenario = `${target.prefix}bulk create ${total} tasks`;
  resetPeakRss(target.server.pid);

  const tasksOf = (chunk: number) =>
    Array.from({ length: CHUNK }, (_, i) => input(chunk * CHUNK + i));
  const checked = (result: { failed: number; results: unknown[] }) => {
    if (result.failed) throw new Error(`bench inputs failed: ${JSON.stringify(result.results[0])}`);
  };

  // The typed client's two calls and raw SQL alternate every few chunks, so all three see the same
  // table size and load.
  let ids = 0;
  let full = 0;
  let raw = 0;
  const STRIDE = IN_FLIGHT * 5;
  for (let c = 0; c < chunks.length; c += STRIDE) {
    const slice = chunks.slice(c, c + STRIDE);
    ids += await timeChunks(slice, async (chunk) =>
      checked(await client.tasks.createManyIds.mutate({ tasks: tasksOf(chunk) })),
    );
    full += await timeChunks(slice, async (chunk) =>
      checked(await client.tasks.createMany.mutate({ tasks: tasksOf(chunk) })),
    );
    if (target.raw)
      raw += await timeChunks(slice, (chunk) => rawInsert(target, chunk * CHUNK, CHUNK));
  }
  const clientRss = peakRssMb(target.server.pid);

  // The REST bulk path: the same tasks as one JSONL upload, streamed and inserted 1,000 at a time.
  resetPeakRss(target.server.pid);
  const jsonl = `${Array.from({ length: total }, (_, i) => JSON.stringify(input(i))).join("\n")}\n`;
  const importStart = performance.now();
  const response = await fetch(`${target.server.baseUrl}/v1/imports?format=jsonl`, {
    method: "POST",
    headers: { ...authHeaders, "content-type": "application/x-ndjson" },
    body: jsonl,
  });
  const job = (await response.json()) as { status?: string; created_count?: number };
  const importSeconds = (performance.now() - importStart) / 1000;
  if (response.status !== 200 || job.created_count !== total) {
    throw new Error(`import did not create every task: ${response.status} ${JSON.stringify(job)}`);
  }
  const importRss = peakRssMb(target.server.pid);
  const rawRate = target.raw ? total / raw : null;
  console.log(
    `${scenario}: client ids ${round(total / ids, 0)}/s, tasks ${round(total / full, 0)}/s, import ${round(total / importSeconds, 0)}/s, raw ${rawRate === null ? "-" : round(rawRate, 0)}/s`,
  );
  return [
    rateResult(`${scenario} (typed client, createManyIds)`, "tasks/s", total / ids, rawRate),
    rateResult(`${scenario} (typed client, createMany)`, "tasks/s", total / full, rawRate),
    rssResult(`${scenario} (typed client)`, clientRss),
    rateResult(`${scenario} (REST JSONL import)`, "tasks/s", total / importSeconds, rawRate),
    rssResult(`${scenario} (REST JSONL import)`, importRss),
  ];
};
