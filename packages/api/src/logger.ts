import pino from "pino";

export const logger = pino({
  name: "taskforge",
  level: process.env.TASKFORGE_LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
});
