import type { Database } from "@taskforge/db";

import { createContext } from "../context";
import { AppError, isDatabaseUnavailable, toErrorBody } from "../errors";
import { logger } from "../logger";
import { RateLimitedError } from "../services/rate-limit";
import { assertStorableText } from "../storable-text";
import type { RateLimitConfig } from "../services/rate-limit";
import {
  DEFAULT_BODY_LIMIT_BYTES,
  errorResponse,
  jsonResponse,
  readJsonBody,
  readQuery,
} from "./http";
import { buildOpenApiDocument } from "./openapi";
import { callOperation, operationErrorCause } from "./operations";
import { createRouter } from "./router";
import { restRoutes } from "./routes";

export { restRoutes };

export type RestHandlerOptions = {
  db: Database;
  /** Where the API is mounted (default `/v1`). */
  basePath?: string;
  rateLimit?: RateLimitConfig | undefined;
  bodyLimitBytes?: number;
};

/**
 * Scale's Task API v1 as a plain `(Request) => Promise<Response>`: Next.js mounts it, tests call it
 * directly. Each route is a wire mapping onto a tRPC procedure, called in-process: authentication,
 * permission, rate limit, validation and error bodies are the procedure's, as over /api/trpc.
 */
export const createRestHandler = (options: RestHandlerOptions) => {
  const basePath = options.basePath ?? "/v1";
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const { rateLimit } = options;
  const route = createRouter(restRoutes);
  let openApi: string | undefined;

  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : null;
    if (path === "/openapi.json" && request.method === "GET") {
      openApi ??= JSON.stringify(buildOpenApiDocument(restRoutes));
      return new Response(openApi, {
        headers: { "content-type": "application/json; charset=utf-8" },
      });
    }
    const match = path === null ? ({ kind: "none" } as const) : route(request.method, path);
    if (match.kind === "none") {
      throw new AppError("not_found", `No such endpoint: ${request.method} ${url.pathname}.`);
    }
    if (match.kind === "wrong_method") {
      throw new AppError(
        "bad_request",
        `${url.pathname} does not take ${request.method}; use ${match.allowed.join(" or ")}.`,
      );
    }

    // The operation checks the key, its roles and the rate limit, then asks for its input: only
    // then is the body read, parsed and shaped.
    const ctx = await createContext({ headers: request.headers, db: options.db, rateLimit });
    const { route: matched, params } = match;
    const query = readQuery(url);
    const operation = matched.alternate?.when({ params, query })
      ? matched.alternate.operation
      : matched.operation;
    const output = await callOperation(ctx, operation, async () => {
      const body =
        request.method === "GET" || matched.rawBody
          ? undefined
          : await readJsonBody(request, bodyLimit);
      // The procedure checks its input's text too, but reshaping can hide a `__proto__` key (it
      // becomes a prototype on assignment), and field paths are best named as the client sent them.
      assertStorableText(body);
      return matched.toInput({ params, query, body, headers: request.headers, request });
    });
    const result = matched.toBody ? matched.toBody(output) : output;
    return result instanceof Response ? result : jsonResponse(result);
  };

  return async (request: Request): Promise<Response> => {
    const started = performance.now();
    // Method, path and status only: headers (the key) and bodies stay out of the logs.
    const logged = (response: Response) => {
      logger.debug(
        {
          method: request.method,
          path: new URL(request.url).pathname,
          status: response.status,
          ms: Math.round(performance.now() - started),
        },
        "REST request",
      );
      return response;
    };
    try {
      return logged(await handle(request));
    } catch (thrown) {
      const error = operationErrorCause(thrown);
      const unavailable = !(error instanceof AppError) && isDatabaseUnavailable(error);
      if (unavailable) {
        logger.warn({ err: error, method: request.method }, "REST request: database unavailable");
      } else if (!(error instanceof AppError)) {
        logger.error(
          { err: error, method: request.method, url: request.url },
          "REST request failed",
        );
      }
      const headers: Record<string, string> =
        error instanceof RateLimitedError
          ? { "retry-after": String(error.retryAfterSeconds) }
          : unavailable
            ? { "retry-after": "1" }
            : {};
      return logged(errorResponse(toErrorBody(error), headers));
    }
  };
};
