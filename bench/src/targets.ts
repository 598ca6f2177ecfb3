import type { Result } from "./measure";

type Target = { test: (r: Result) => boolean; target: string; met: (r: Result) => boolean };

// Issue 11's targets (and issue 25's), for PostgreSQL. Targets live here, in the benchmark's output, never in tests.
const TARGETS: Target[] = [
  {
    test: (r) => r.scenario.startsWith("bulk create") && r.metric === "tasks/s",
    target: "≥ 10,000 tasks/s and ratio ≥ 0.5",
    met: (r) => r.value >= 10_000 && (r.ratio ?? 0) >= 0.5,
  },
  {
    test: (r) => r.scenario.startsWith("list ") && r.metric === "p95",
    target: "p95 ≤ 50 ms",
    met: (r) => r.value <= 50,
  },
  // Issue 25's lean entry: single requests at 0.6 of a bare node:http + pg server, in under 2× its
  // memory.
  {
    test: (r) => r.scenario.startsWith("single ") && r.metric === "requests/s",
    target: "ratio ≥ 0.6",
    met: (r) => (r.ratio ?? 0) >= 0.6,
  },
  {
    test: (r) => r.scenario.startsWith("single ") && r.metric === "peak RSS (server)",
    target: "< 2× bare",
    met: (r) => (r.ratio ?? 0) > 0.5,
  },
  {
    test: (r) => r.scenario.startsWith("claims") && r.metric === "claims/s",
    target: "≥ 1,000 claims/s",
    met: (r) => r.value >= 1000,
  },
  {
    test: (r) => r.scenario.startsWith("claims") && r.metric === "p95",
    target: "p95 ≤ 20 ms",
    met: (r) => r.value <= 20,
  },
  // Issue 30's: a receiver that hangs delays only itself; a slow but healthy one is not throttled.
  {
    test: (r) => r.scenario.includes("callbacks hang at another receiver") && r.metric === "p99",
    target: "p99 < 1,000 ms",
    met: (r) => r.value < 1000,
  },
  {
    test: (r) => r.scenario.includes("to a receiver answering in") && r.metric === "deliveries/s",
    target: "≥ 100/s",
    met: (r) => r.value >= 100,
  },
  {
    test: (r) => r.scenario.startsWith("callbacks") && r.metric === "deliveries/s",
    target: "≥ 1,000/s",
    met: (r) => r.value >= 1000,
  },
  {
    test: (r) => r.scenario.startsWith("callbacks: completion") && r.metric === "p99",
    target: "p99 ≤ 1,000 ms",
    met: (r) => r.value <= 1000,
  },
];

export const verdict = (r: Result): { target: string; verdict: string } => {
  const target = TARGETS.find((t) => t.test(r));
  return target
    ? { target: target.target, verdict: target.met(r) ? "PASS" : "MISS" }
    : { target: "", verdict: "" };
};
