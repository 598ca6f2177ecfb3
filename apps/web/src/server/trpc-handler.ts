import { appRouter, createContext, logger, MODE_HEADER, RateLimitedError } from "@taskforge/api";
import type { Context } from "@taskforge/api";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import { BodyTooLargeError, declaredLength, readBodyWithin, tooLargeResponse } from "./body-limit";
import { cookiesOf, isSameOrigin, MODE_COOKIE, modeFromCookie } from "./request";
import { sessionUserOfRequest } from "./request-session";
import { getRuntime } from "./runtime";

export const TRPC_ENDPOINT = "/api/trpc";

/**
 * The tRPC endpoint, for Next.js's route handler (`next dev`) and the node:http entry alike. The
 * caller (API key or session) is known before the body is read: a body without valid credentials
 * may carry `TASKFORGE_ANONYMOUS_BODY_LIMIT_BYTES`, one with them `TASKFORGE_BODY_LIMIT_BYTES`, and
 * a batch at most `TASKFORGE_TRPC_MAX_BATCH` calls.
 */
export const handleTrpc = async (req: Request): Promise<Response> => {
  const runtime = await getRuntime();
  const { db, rateLimit, env } = runtime;
  const headers = new Headers(req.headers);
  if (!headers.has(MODE_HEADER)) {
    headers.set(MODE_HEADER, modeFromCookie(cookiesOf(headers.get("cookie")).get(MODE_COOKIE)));
  }
  // The caller is known before the body is read. A failure (the database unreachable) is tRPC's to
  // answer, as it would be from inside createContext.
  let context: Context | null = null;
  let failure: Error | null = null;
  try {
    const user =
      !headers.has("authorization") && isSameOrigin(req)
        ? await sessionUserOfRequest(runtime, headers)
        : null;
    context = await createContext({ headers, db, rateLimit, user });
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
  }
  const limit =
    context?.caller || context?.user
      ? env.TASKFORGE_BODY_LIMIT_BYTES
      : env.TASKFORGE_ANONYMOUS_BODY_LIMIT_BYTES;
  let request = req;
  if (req.body) {
    // Refused unread: the server discards what the client still sends and closes the connection.
    if ((declaredLength(req.headers.get("content-length")) ?? 0) > limit) {
      return tooLargeResponse(limit);
    }
    try {
      const body = await readBodyWithin(req.body, limit);
      request = new Request(req.url, {
        method: req.method,
        headers: req.headers,
        body: body as Uint8Array<ArrayBuffer>,
      });
    } catch (error) {
      if (error instanceof BodyTooLargeError) return tooLargeResponse(limit);
      throw error;
    }
  }
  const response = await fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req: request,
    router: appRouter,
    maxBatchSize: env.TASKFORGE_TRPC_MAX_BATCH,
    createContext: () => {
      if (context) return Promise.resolve(context);
      throw failure ?? new Error("no context");
    },
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
  return withJsonContentType(response);
};

/**
 * tRPC answers some refusals made before any procedure runs (an unsupported content type, a
 * malformed path) with its JSON error body but no content type, which makes it text/plain.
 */
const withJsonContentType = (response: Response): Response => {
  if (response.status < 400 || response.headers.get("content-type")?.includes("json")) {
    return response;
  }
  const headers = new Headers(response.headers);
  headers.set("content-type", "application/json");
  return new Response(response.body, { status: response.status, headers });
};
