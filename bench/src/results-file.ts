// bench/results/latest.json: the latest figures of every scenario, one object each, so the README's
// figures can be checked against a file. A run rewrites only the scenarios it measured; the others
// keep the objects (and the measured_at and commit) of the run that last measured them.
import { isRecord } from "@taskforge/schema";

import { baselineOf } from "./baselines";
import type { Result } from "./measure";
import { verdict } from "./targets";

export type Verdict = "PASS" | "MISS";

/** `null` where the run could not take the figure (a peak RSS off Linux, say). */
export type Figure = { value: number | null; unit: string };

export type ScenarioResult = {
  scenario: string;
  /** Taskforge's figures, keyed by metric, in the order the scenario reported them. */
  figures: Record<string, Figure>;
  /** `null` when no metric of the scenario has a baseline figure. Units are the figures'. */
  baseline: { what: string | null; figures: Record<string, number> } | null;
  /** Per metric with a baseline: taskforge's share of its performance (higher is better). */
  ratio: Record<string, number>;
  /** Per metric with one of issue 11's targets. */
  target: Record<string, string>;
  verdicts: Record<string, Verdict>;
  /** PASS only if every targeted metric passed; `null` when the scenario has no target. */
  verdict: Verdict | null;
  measured_at: string;
  commit: string | null;
};

/** When and on which commit a run measured its scenarios. */
export type RunStamp = { measured_at: string; commit: string | null };

// JSON has no NaN or Infinity: JSON.stringify would write null for them without saying so.
const finite = (n: number | null): number | null => (n !== null && Number.isFinite(n) ? n : null);

/** One object per scenario, in the order the run first reported each. */
export const toScenarioResults = (results: Result[], stamp: RunStamp): ScenarioResult[] => {
  const byScenario = new Map<string, Result[]>();
  for (const r of results) byScenario.set(r.scenario, [...(byScenario.get(r.scenario) ?? []), r]);
  return [...byScenario].map(([scenario, rows]) => {
    const figures: ScenarioResult["figures"] = {};
    const baselineFigures: Record<string, number> = {};
    const ratio: ScenarioResult["ratio"] = {};
    const target: ScenarioResult["target"] = {};
    const verdicts: ScenarioResult["verdicts"] = {};
    for (const r of rows) {
      // Keyed by metric, a second row would silently overwrite the first.
      if (r.metric in figures) throw new Error(`${scenario}: metric ${r.metric} reported twice`);
      figures[r.metric] = { value: finite(r.value), unit: r.unit };
      const base = finite(r.baseline);
      if (base !== null) baselineFigures[r.metric] = base;
      const share = finite(r.ratio);
      if (share !== null) ratio[r.metric] = share;
      const judged = verdict(r);
      if (judged.verdict === "PASS" || judged.verdict === "MISS") {
        target[r.metric] = judged.target;
        verdicts[r.metric] = judged.verdict;
      }
    }
    const judged = Object.values(verdicts);
    return {
      scenario,
      figures,
      baseline:
        Object.keys(baselineFigures).length > 0
          ? { what: baselineOf(scenario), figures: baselineFigures }
          : null,
      ratio,
      target,
      verdicts,
      verdict: judged.length === 0 ? null : judged.every((v) => v === "PASS") ? "PASS" : "MISS",
      measured_at: stamp.measured_at,
      commit: stamp.commit,
    };
  });
};

/**
 * The file's scenarios with this run's in place of the ones it measured again (where they stood),
 * and the ones it measured for the first time after them, in run order. A scenario's name carries
 * its size, so a run at another size adds objects rather than replacing the default size's.
 */
export const mergeResults = (
  existing: ScenarioResult[],
  fresh: ScenarioResult[],
): ScenarioResult[] => {
  const freshByName = new Map(fresh.map((s) => [s.scenario, s]));
  const kept = existing.map((s) => freshByName.get(s.scenario) ?? s);
  const known = new Set(existing.map((s) => s.scenario));
  return [...kept, ...fresh.filter((s) => !known.has(s.scenario))];
};

const isRecordOf = <T>(v: unknown, item: (x: unknown) => x is T): v is Record<string, T> =>
  isRecord(v) && Object.values(v).every(item);
const isString = (v: unknown): v is string => typeof v === "string";
const isNumber = (v: unknown): v is number => typeof v === "number";
const isVerdict = (v: unknown): v is Verdict => v === "PASS" || v === "MISS";
const isFigure = (v: unknown): v is Figure =>
  isRecord(v) && (v.value === null || isNumber(v.value)) && isString(v.unit);

const parseBaseline = (v: unknown): ScenarioResult["baseline"] | undefined => {
  if (!isRecord(v)) return undefined;
  const { what, figures } = v;
  if (!(what === null || isString(what)) || !isRecordOf(figures, isNumber)) return undefined;
  return { what, figures };
};

/** One object of the file, rebuilt in the order `toScenarioResults` writes its keys. */
const parseScenario = (v: unknown, index: number): ScenarioResult => {
  const fail = (what: string) => {
    throw new Error(`scenario ${index + 1} of the results file: ${what}`);
  };
  if (!isRecord(v)) return fail("not an object");
  const { scenario, figures, baseline, ratio, target, verdicts, measured_at, commit } = v;
  if (!isString(scenario)) return fail("no scenario name");
  if (!isRecordOf(figures, isFigure)) return fail("figures are not {value, unit} by metric");
  const base = baseline === null ? null : parseBaseline(baseline);
  if (base === undefined) return fail("baseline is neither null nor {what, figures}");
  if (!isRecordOf(ratio, isNumber)) return fail("ratio is not numbers by metric");
  if (!isRecordOf(target, isString)) return fail("target is not strings by metric");
  if (!isRecordOf(verdicts, isVerdict)) return fail("verdicts are not PASS/MISS by metric");
  if (!(v.verdict === null || isVerdict(v.verdict)))
    return fail("verdict is not PASS, MISS or null");
  if (!isString(measured_at)) return fail("no measured_at");
  if (!(commit === null || isString(commit))) return fail("commit is neither null nor a string");
  return {
    scenario,
    figures: Object.fromEntries(
      Object.entries(figures).map(([metric, f]) => [metric, { value: f.value, unit: f.unit }]),
    ),
    baseline: base,
    ratio,
    target,
    verdicts,
    verdict: v.verdict,
    measured_at,
    commit,
  };
};

/** The file's scenarios; throws if it is not a file `formatResultsFile` wrote. */
export const parseResultsFile = (text: string): ScenarioResult[] => {
  const json: unknown = JSON.parse(text);
  if (!Array.isArray(json)) throw new Error("the results file is not an array of scenarios");
  return json.map(parseScenario);
};

/** Two-space JSON with a final newline, which prettier leaves as it is. */
export const formatResultsFile = (scenarios: ScenarioResult[]): string =>
  `${JSON.stringify(scenarios, null, 2)}\n`;
