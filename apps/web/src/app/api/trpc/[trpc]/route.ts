import { appRouter, createContext, logger, RateLimitedError } from "@taskforge/api";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import { getRuntime } from "~/server/runtime";

const handler = async (req: Request) => {
  const { db, rateLimit } = await getRuntime();
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContext({ headers: req.headers, db, rateLimit }),
    responseMeta: ({ errors }) => {
      const limited = errors.find((e) => e.cause instanceof RateLimitedError)?.cause;
      return limited instanceof RateLimitedError
        ? { headers: new Headers({ "retry-after": String(limited.retryAfterSeconds) }) }
        : {};
    },
    // Expected failures (4xx) are answers, not incidents; only the unexpected is logged.
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR")
        logger.error({ err: error.cause ?? error, path }, "tRPC call failed");
    },
  });
};

export { handler as GET, handler as POST };
