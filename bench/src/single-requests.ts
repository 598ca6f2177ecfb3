// Scenario 3: single create and get over HTTP with 32 concurrent clients, against a bare Node
// `http` server answering the same JSON from the same database query (bare-server.ts), measured in
// the same run: requests/s, p50/p95/p99 and the server's peak RSS, each with its ratio.
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

// The two servers take turns in short rounds, so a machine whose load changes during the run
// (other processes, a build) weighs on both sides alike; each side's figures add up its rounds.
const ROUNDS = 5;

type Load = Awaited<ReturnType<typeof loadTest>>;

const combine = (loads: Load[]): Load => {
  const latencies = loads.flatMap((l) => l.latencies);
  const seconds = loads.reduce((sum, l) => sum + (l.rate > 0 ? l.latencies.length / l.rate : 0), 0);
  return { rate: seconds > 0 ? latencies.length / seconds : 0, latencies };
};

const sideOf = (server: BenchServer) => {
  const created: string[] = [];
  const creates: Load[] = [];
  const gets: Load[] = [];
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
  return {
    start: () => resetPeakRss(server.pid),
    createRound: async (seconds: number) => {
      creates.push(
        await loadTest(CLIENTS, seconds, async () => {
          const task = await call("POST", "task/categorization", body);
          if (task.task_id) created.push(task.task_id);
        }),
      );
    },
    getRound: async (seconds: number) => {
      gets.push(
        await loadTest(CLIENTS, seconds, (client, i) =>
          call("GET", `task/${created[(client * 7919 + i * 104_729) % created.length] ?? ""}`),
        ),
      );
    },
    figures: () => ({ create: combine(creates), get: combine(gets), rss: peakRssMb(server.pid) }),
  };
};

/** `seconds` of creates, then of gets, on each server, in alternating rounds. */
const measure = async (servers: BenchServer[], seconds: number) => {
  const sides = servers.map(sideOf);
  for (const side of sides) side.start();
  for (const round of ["createRound", "getRound"] as const) {
    for (let r = 0; r < ROUNDS; r++) {
      for (const side of sides) await side[round](seconds / ROUNDS);
    }
  }
  return sides.map((side) => side.figures());
};

export type SingleRequestFigures = ReturnType<ReturnType<typeof sideOf>["figures"]>;

export const benchSingleRequests = async (
  target: Target,
  seconds: number,
  databaseUrl: string | null,
): Promise<Result[]> => {
  let ours: SingleRequestFigures | undefined;
  let bare: SingleRequestFigures | null = null;
  if (databaseUrl) {
    const server = await startBareServer(databaseUrl, target.organizationId);
    try {
      [ours, bare = null] = await measure([target.server, server], seconds);
    } finally {
      await server.stop();
    }
  } else {
    [ours] = await measure([target.server], seconds);
  }
  if (!ours) throw new Error("no figures measured");
  const results: Result[] = [];
  for (const op of ["create", "get"] as const) {
    const scenario = `${target.prefix}single ${op} over HTTP, ${CLIENTS} clients`;
    const [o, b] = [ours[op], bare?.[op]];
    results.push(
      rateResult(scenario, "requests/s", o.rate, b ? b.rate : null),
      ...[50, 95, 99].map((p) =>
        latencyResult(
          scenario,
          `p${p}`,
          percentile(o.latencies, p),
          b ? percentile(b.latencies, p) : null,
        ),
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
