import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import type { Result } from "./measure";
import {
  formatResultsFile,
  mergeResults,
  parseResultsFile,
  toScenarioResults,
} from "./results-file";
import type { ScenarioResult } from "./results-file";

const RESULTS_DIR = new URL("../results/", import.meta.url);
const LATEST = new URL("latest.json", RESULTS_DIR);

/** The checked-out commit, so a figure can be traced to the code it measured; null outside git. */
const currentCommit = (): string | null => {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], {
      cwd: fileURLToPath(RESULTS_DIR),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return null;
  }
};

const readLatest = (): ScenarioResult[] => {
  if (!existsSync(LATEST)) return [];
  try {
    return parseResultsFile(readFileSync(LATEST, "utf8"));
  } catch (error) {
    // Losing this run's figures over an older file would be worse than starting the file afresh.
    console.warn(
      `bench/results/latest.json is unreadable (${(error as Error).message}); it now holds this run's scenarios only`,
    );
    return [];
  }
};

/** Writes this run's scenarios into results/latest.json over the ones measured again. */
export const saveLatestResults = (results: Result[]) => {
  const fresh = toScenarioResults(results, {
    measured_at: new Date().toISOString(),
    commit: currentCommit(),
  });
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(LATEST, formatResultsFile(mergeResults(readLatest(), fresh)));
};
