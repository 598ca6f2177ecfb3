import { readFileSync, writeFileSync } from "node:fs";

export type Result = {
  scenario: string;
  metric: string;
  value: number;
  unit: string;
  /** The same work done the plain way (raw `pg`, a bare Node server, or PostgreSQL for embedded mode). */
  baseline: number | null;
  /** Our share of the baseline's performance: higher is better, 1 = as fast as the baseline. */
  ratio: number | null;
};

export const percentile = (samples: number[], p: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

/** Runs `fn` `runs` times and returns each duration in milliseconds. */
export const timeRuns = async (
  runs: number,
  fn: (i: number) => Promise<unknown>,
): Promise<number[]> => {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  return samples;
};

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/**
 * `clients` loops each calling `fn` until `seconds` have passed: requests per second and the
 * latency of every request.
 */
export const loadTest = async (
  clients: number,
  seconds: number,
  fn: (client: number, i: number) => Promise<unknown>,
) => {
  const latencies: number[] = [];
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; performance.now() < end; i++) {
        const t0 = performance.now();
        await fn(client, i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { rate: latencies.length / ((performance.now() - start) / 1000), latencies };
};

/** Throughput: higher is better, so the ratio is ours / baseline. */
export const rateResult = (
  scenario: string,
  metric: string,
  ours: number,
  baseline: number | null,
  unit = metric,
): Result => ({
  scenario,
  metric,
  value: round(ours, 0),
  unit,
  baseline: baseline === null ? null : round(baseline, 0),
  ratio: baseline ? round(ours / baseline) : null,
});

/** Latency: lower is better, so the ratio is baseline / ours (still "1 = as fast as the baseline"). */
export const latencyResult = (
  scenario: string,
  metric: string,
  ours: number,
  baseline: number | null,
): Result => ({
  scenario,
  metric,
  value: round(ours),
  unit: "ms",
  baseline: baseline === null ? null : round(baseline),
  ratio: baseline ? round(baseline / ours) : null,
});

// Peak resident memory (VmHWM) of a process. Writing 5 to clear_refs resets the peak to the current
// RSS, so each scenario reports its own peak even when the process outlives it.
export const resetPeakRss = (pid: number | "self") => {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
  } catch {
    // Not Linux, or not allowed: the peak then covers the process's whole life.
  }
};

export const peakRssMb = (pid: number | "self"): number | null => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? round(Number(kb) / 1024, 0) : null;
  } catch {
    return null;
  }
};

export const rssResult = (
  scenario: string,
  ours: number | null,
  baseline: number | null = null,
  what = "server",
): Result => ({
  scenario,
  metric: `peak RSS (${what})`,
  value: ours ?? Number.NaN,
  unit: "MB",
  baseline,
  // Memory: less is better.
  ratio: ours && baseline ? round(baseline / ours) : null,
});
