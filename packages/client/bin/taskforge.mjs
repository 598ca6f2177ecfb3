#!/usr/bin/env node
// The workspace ships TypeScript source (no build step), so the CLI loads it through tsx's loader.
import { register } from "tsx/esm/api";

// `taskforge tasks list --all | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv);
