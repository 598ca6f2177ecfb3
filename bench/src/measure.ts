export type Result = {
  scenario: string;
  metric: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
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
