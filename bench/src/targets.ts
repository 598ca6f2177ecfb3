import type { Result } from "./measure";

type Target = { test: (r: Result) => boolean; target: string; met: (r: Result) => boolean };

// Issue 11's targets, for PostgreSQL. Targets live here, in the benchmark's output, never in tests.
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
