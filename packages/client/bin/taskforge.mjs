#!/usr/bin/env node
// The workspace ships TypeScript source (no build step), so the CLI loads it through tsx's loader.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv);
