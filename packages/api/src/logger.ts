import pino from "pino";

import { config } from "./config";
import type { Config } from "./config";

// The level comes from the configuration; a configuration that does not validate is reported by
// the process's start-up (the web runtime, `pnpm worker`) naming the variable, so importing the
// logger does not fail on it first.
const settings = (): Partial<Config> => {
  try {
    return config();
  } catch {
    return {};
  }
};

const { TASKFORGE_LOG_LEVEL, NODE_ENV } = settings();

export const logger = pino({
  name: "taskforge",
  level: TASKFORGE_LOG_LEVEL ?? (NODE_ENV === "test" ? "warn" : "info"),
});
