import { appRouter, createContext, logger, MODE_HEADER, RateLimitedError } from "@taskforge/api";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import { getSessionUser } from "~/server/auth";
import { getRuntime } from "~/server/runtime";
import { MODE_COOKIE, modeFromCookie } from "~/server/session";

/**
 * The session cookie only counts for requests from our own pages: a cross-site request is answered
 * as if nobody were signed in (API keys, which a browser never sends by itself, still work).
 */
const isSameOrigin = (req: Request) => {
  const site = req.headers.get("sec-fetch-site");
  if (site) return site === "same-origin" || site === "none";
  const origin = req.headers.get("origin");
  return !origin || new URL(origin).host === req.headers.get("host");
};

const cookieValue = (req: Request, name: string) =>
  req.headers
    .get("cookie")
    ?.split(/;\s*/)
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1);

const handler = async (req: Request) => {
  const { db, rateLimit } = await getRuntime();
  const headers = new Headers(req.headers);
  if (!headers.has(MODE_HEADER))
    headers.set(MODE_HEADER, modeFromCookie(cookieValue(req, MODE_COOKIE)));
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
