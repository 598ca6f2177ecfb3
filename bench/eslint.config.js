import base from "@taskforge/eslint-config/base";

export default [
  ...base,
  // The benchmark harness is a script: it reads its BENCH_* knobs and gives the servers it starts
  // their environment, so it reads process.env itself.
  { files: ["src/**"], rules: { "no-restricted-properties": "off" } },
];
