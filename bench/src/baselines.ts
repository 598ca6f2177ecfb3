// What each scenario's baseline is, for bench/results/latest.json, where the figures stand without
// the scenario's code next to them. Every baseline is measured in the same run on the same database.
type Baseline = { test: (scenario: string) => boolean; what: string };

const BASELINES: Baseline[] = [
  {
    test: (scenario) => scenario.startsWith("embedded: "),
    what: "the same scenario on PostgreSQL, same run",
  },
  {
    test: (scenario) => scenario.startsWith("list ") && scenario.includes(" deep page"),
    what: "the same page query through raw pg (a deep page's total comes from its next_token)",
  },
  {
    test: (scenario) => scenario.startsWith("list "),
    what: "the same SQL through raw pg: the page query and count(*) for the total",
  },
  {
    test: (scenario) => scenario.startsWith("bulk create"),
    what: "INSERT ... SELECT UNNEST of the same rows through raw pg",
  },
  {
    test: (scenario) => scenario.startsWith("single "),
    what: "a bare Node http server running the same query (bench/src/bare-server.ts)",
  },
  {
    test: (scenario) => scenario.startsWith("claims"),
    what: "the claim statement alone through raw pg, on a pool of the same size",
  },
  {
    test: (scenario) => scenario.includes("callbacks hang at another receiver"),
    what: "the same paced completions without the hanging receiver, same workers, same run",
  },
  {
    test: (scenario) => scenario.includes("to a receiver answering in"),
    what: "a bare pg relay per worker posting to the same slow receiver with as many requests in flight as one destination may have (192)",
  },
  {
    test: (scenario) => scenario.startsWith("callbacks: completion"),
    what: "NOTIFY → LISTEN on the same database",
  },
  {
    test: (scenario) => scenario.startsWith("callbacks"),
    what: "a bare pg relay posting the same number of callbacks to the same sink",
  },
  {
    test: (scenario) => scenario.startsWith("lidar"),
    what: "fetch + JSON.parse and one raw WebGL draw of the same points, in the same page",
  },
  {
    test: (scenario) => scenario.startsWith("export coco with media"),
    what: "the same files streamed raw into one zip with the same library (fflate), same run",
  },
];

export const baselineOf = (scenario: string): string | null =>
  BASELINES.find((b) => b.test(scenario))?.what ?? null;
