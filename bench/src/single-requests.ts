// Scenario 3: single create and get over HTTP with 32 concurrent clients, against a bare Node
// `http` server answering the same JSON from the same database query (bare-server.ts).
import {
  latencyResult,
  loadTest,
  peakRssMb,
  percentile,
  rateResult,
  resetPeakRss,
  rssResult,
} from "./measure";
import type { Result } from "./measure";
import { authHeaders, startBareServer } from "./server";
import type { BenchServer } from "./server";
import type { Target } from "./target";

const CLIENTS = 32;

const body = JSON.stringify({
  attachment_type: "text",
  attachment: "a single car",
  categories: ["big", "small"],
  metadata: { source: "bench" },
});

const measure = async (server: BenchServer, seconds: number) => {
  const created: string[] = [];
  const call = async (method: string, path: string, payload?: string) => {
    const response = await fetch(`${server.baseUrl}/v1/${path}`, {
      method,
      headers: authHeaders,
      ...(payload ? { body: payload } : {}),
    });
    const json = (await response.json()) as { task_id?: string };
    if (response.status !== 200)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  resetPeakRss(server.pid);
  const create = await loadTest(CLIENTS, seconds, async () => {
    const task = await call("POST", "task/categorization", body);
    if (task.task_id) created.push(task.task_id);
  });
  const get = await loadTest(CLIENTS, seconds, (client, i) =>
    call("GET", `task/${created[(client * 7919 + i * 104_729) % created.length] ?? ""}`),
  );
  return { create, get, rss: peakRssMb(server.pid) };
};

export type SingleRequestFigures = Awaited<ReturnType<typeof measure>>;

export const benchSingleRequests = async (
  target: Target,
  seconds: number,
  databaseUrl: string | null,
): Promise<Result[]> => {
  const ours = await measure(target.server, seconds);
  let bare: SingleRequestFigures | null = null;
  if (databaseUrl) {
    const server = await startBareServer(databaseUrl, target.organizationId);
    try {
      bare = await measure(server, seconds);
    } finally {
      await server.stop();
    }
  }
  const results: Result[] = [];
  for (const op of ["create", "get"] as const) {
    const scenario = `${target.prefix}single ${op} over HTTP, ${CLIENTS} clients`;
    const [o, b] = [ours[op], bare?.[op]];
    results.push(
      rateResult(scenario, "requests/s", o.rate, b ? b.rate : null),
      latencyResult(
        scenario,
        "p95",
        percentile(o.latencies, 95),
        b ? percentile(b.latencies, 95) : null,
      ),
    );
  }
  results.push(
    rssResult(
      `${target.prefix}single create and get over HTTP, ${CLIENTS} clients`,
      ours.rss,
      bare?.rss ?? null,
    ),
  );
  return results;
};
