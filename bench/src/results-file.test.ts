import { describe, expect, it } from "vitest";

import { latencyResult, rateResult, rssResult } from "./measure";
import type { Result } from "./measure";
import {
  formatResultsFile,
  mergeResults,
  parseResultsFile,
  toScenarioResults,
} from "./results-file";
import type { ScenarioResult } from "./results-file";

const CLAIMS = "claims, 32 concurrent Taskers, 20000 tasks";
const CREATE = "single create over HTTP, 32 clients";
const earlier = { measured_at: "2026-01-01T00:00:00.000Z", commit: "aaaaaaa" };
const later = { measured_at: "2026-02-01T00:00:00.000Z", commit: "bbbbbbb" };

const claimsRows = (claimsPerSecond: number, p95: number): Result[] => [
  rateResult(CLAIMS, "claims/s", claimsPerSecond, 1200),
  latencyResult(CLAIMS, "p95", p95, 18),
  rssResult(CLAIMS, 310, null, "bench process running claimNext"),
];

const only = (results: ScenarioResult[], scenario: string) => {
  const found = results.filter((s) => s.scenario === scenario);
  expect(found).toHaveLength(1);
  return found[0] as ScenarioResult;
};

describe("toScenarioResults", () => {
  it("groups a run's rows into one object per scenario, in the order the run reported them", () => {
    const rows = [
      rateResult(CREATE, "requests/s", 390, 1170),
      ...claimsRows(1500, 15),
      latencyResult(CREATE, "p95", 128, 43),
    ];
    const scenarios = toScenarioResults(rows, earlier);
    expect(scenarios.map((s) => s.scenario)).toEqual([CREATE, CLAIMS]);
    expect(only(scenarios, CREATE)).toEqual({
      scenario: CREATE,
      figures: {
        "requests/s": { value: 390, unit: "requests/s" },
        p95: { value: 128, unit: "ms" },
      },
      baseline: {
        what: "a bare Node http server running the same query (bench/src/bare-server.ts)",
        figures: { "requests/s": 1170, p95: 43 },
      },
      ratio: { "requests/s": 0.33, p95: 0.34 },
      target: { "requests/s": "ratio ≥ 0.6" },
      verdicts: { "requests/s": "MISS" },
      verdict: "MISS",
      measured_at: earlier.measured_at,
      commit: earlier.commit,
    });
    expect(Object.keys(only(scenarios, CLAIMS).figures)).toEqual([
      "claims/s",
      "p95",
      "peak RSS (bench process running claimNext)",
    ]);
  });

  it("leaves a figure the run could not take, and a scenario without baseline, as null", () => {
    const [rss] = toScenarioResults(
      [rssResult("bulk create 1000 tasks (typed client)", null)],
      later,
    );
    expect(rss?.figures).toEqual({ "peak RSS (server)": { value: null, unit: "MB" } });
    expect(rss?.baseline).toBeNull();
    expect(rss?.ratio).toEqual({});
  });

  it("refuses a scenario reporting one metric twice, which a map by metric would hide", () => {
    expect(() =>
      toScenarioResults(
        [latencyResult(CLAIMS, "p95", 15, 18), latencyResult(CLAIMS, "p95", 16, 18)],
        earlier,
      ),
    ).toThrow(/p95 reported twice/);
  });
});

describe("verdicts", () => {
  it("passes a scenario whose every targeted metric passes, and keeps each metric's verdict", () => {
    const [claims] = toScenarioResults(claimsRows(1500, 15), earlier);
    expect(claims?.target).toEqual({ "claims/s": "≥ 1,000 claims/s", p95: "p95 ≤ 20 ms" });
    expect(claims?.verdicts).toEqual({ "claims/s": "PASS", p95: "PASS" });
    expect(claims?.verdict).toBe("PASS");
  });

  it("misses a scenario when one of its targeted metrics misses", () => {
    const [claims] = toScenarioResults(claimsRows(1500, 25), earlier);
    expect(claims?.verdicts).toEqual({ "claims/s": "PASS", p95: "MISS" });
    expect(claims?.verdict).toBe("MISS");
  });

  it("gives no verdict to a scenario without targets", () => {
    const scenario = "file uploads over HTTP, 32 clients";
    const [uploads] = toScenarioResults([rateResult(scenario, "requests/s", 390, 1170)], earlier);
    expect(uploads?.target).toEqual({});
    expect(uploads?.verdicts).toEqual({});
    expect(uploads?.verdict).toBeNull();
  });
});

describe("mergeResults", () => {
  const LIST = "list 1000000 tasks, no filter, first page + total (1000000)";
  const CALLBACKS =
    "callbacks: 5000 queued at once, 2 worker processes → local sink (baseline: bare pg relay)";
  const fullRun = toScenarioResults(
    [
      latencyResult(LIST, "p95", 30, 20),
      ...claimsRows(1500, 15),
      rateResult(CALLBACKS, "deliveries/s", 2155, 2582, "deliveries/s"),
    ],
    earlier,
  );

  it("refreshes the scenarios a partial run measured and keeps the others as they were", () => {
    const claimsOnly = toScenarioResults(claimsRows(1100, 19), later);
    const merged = mergeResults(fullRun, claimsOnly);
    expect(merged.map((s) => s.scenario)).toEqual([LIST, CLAIMS, CALLBACKS]);
    expect(only(merged, LIST)).toEqual(only(fullRun, LIST));
    expect(only(merged, CALLBACKS)).toEqual(only(fullRun, CALLBACKS));
    expect(only(merged, CLAIMS).measured_at).toBe(later.measured_at);
    expect(only(merged, LIST).measured_at).toBe(earlier.measured_at);
  });

  it("replaces a scenario measured again whole, dropping metrics the new run no longer reports", () => {
    const remeasured = toScenarioResults([rateResult(CLAIMS, "claims/s", 900, 1200)], later);
    const merged = mergeResults(fullRun, remeasured);
    expect(only(merged, CLAIMS)).toEqual(remeasured[0]);
    expect(only(merged, CLAIMS).verdict).toBe("MISS");
    expect(only(merged, CLAIMS).figures).not.toHaveProperty("p95");
  });

  it("adds a scenario the file did not hold after the ones it kept", () => {
    const bigger = "claims, 32 concurrent Taskers, 100000 tasks";
    const merged = mergeResults(
      fullRun,
      toScenarioResults([rateResult(bigger, "claims/s", 1513, 1357)], later),
    );
    expect(merged.map((s) => s.scenario)).toEqual([LIST, CLAIMS, CALLBACKS, bigger]);
  });
});

describe("the file", () => {
  const scenarios = toScenarioResults(
    [
      rateResult(CREATE, "requests/s", 390, 1170),
      ...claimsRows(1500, 15),
      rssResult("list 1000 tasks", null),
    ],
    earlier,
  );

  it("reads back what it wrote", () => {
    const text = formatResultsFile(scenarios);
    expect(text.endsWith("}\n]\n")).toBe(true);
    expect(parseResultsFile(text)).toEqual(scenarios);
  });

  it("writes every object's keys in one order, whatever order it read them in", () => {
    const reversed = (o: object) => Object.fromEntries(Object.entries(o).reverse());
    const shuffled = scenarios.map((s) =>
      reversed({
        ...s,
        figures: Object.fromEntries(
          Object.entries(s.figures).map(([metric, figure]) => [metric, reversed(figure)]),
        ),
        baseline: s.baseline && reversed(s.baseline),
      }),
    );
    expect(JSON.stringify(shuffled)).not.toBe(JSON.stringify(scenarios));
    expect(formatResultsFile(parseResultsFile(JSON.stringify(shuffled)))).toBe(
      formatResultsFile(scenarios),
    );
  });

  it("rejects the earlier flat rows, which carry no verdicts or timestamps", () => {
    expect(() => parseResultsFile(JSON.stringify(claimsRows(1500, 15)))).toThrow(/scenario 1/);
    expect(() => parseResultsFile("{}")).toThrow(/not an array/);
  });
});
