import { appRouter, createContext, logger, MODE_HEADER, RateLimitedError } from "@taskforge/api";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import { getSessionUser } from "~/server/auth";
import { getRuntime } from "~/server/runtime";
import { currentMode, isSameOrigin } from "~/server/session";

const handler = async (req: Request) => {
  const { db, rateLimit } = await getRuntime();
  const headers = new Headers(req.headers);
  if (!headers.has(MODE_HEADER)) headers.set(MODE_HEADER, await currentMode());
  const user = !headers.has("authorization") && isSameOrigin(req) ? await getSessionUser() : null;
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContext({ headers, db, rateLimit, user }),
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
