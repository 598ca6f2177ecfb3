import { defineConfig } from "vitest/config";

// The CLI tests start a server on a fresh database and spawn the bin for each case.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 120_000 } });
