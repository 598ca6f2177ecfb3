import type { Database } from "@taskforge/db";

import { apiKeyFromAuthorization, findApiKey } from "../api-keys";
import { AppError, fromZodError, isDatabaseUnavailable, toErrorBody } from "../errors";
import { logger } from "../logger";
import { requirePermission, scopeOf } from "../scope";
import { assertStorableText } from "../storable-text";
import { RateLimitedError, takeRateLimitToken } from "../services/rate-limit";
import type { RateLimitConfig } from "../services/rate-limit";
import {
  DEFAULT_BODY_LIMIT_BYTES,
  errorResponse,
  jsonResponse,
  readJsonBody,
  readQuery,
} from "./http";
import { buildOpenApiDocument } from "./openapi";
import { createRouter } from "./router";
import { batchRoutes } from "./routes/batches";
import { callbackRoutes } from "./routes/callbacks";
import { exportRoutes } from "./routes/exports";
import { importRoutes } from "./routes/imports";
import { fileRoutes } from "./routes/files";
import { projectRoutes } from "./routes/projects";
import { taskRoutes } from "./routes/tasks";

export const restRoutes = [
  ...taskRoutes,
  ...projectRoutes,
  ...batchRoutes,
  ...callbackRoutes,
  ...exportRoutes,
  ...importRoutes,
  ...fileRoutes,
];

export type RestHandlerOptions = {
  db: Database;
  /** Where the API is mounted (default `/v1`). */
  basePath?: string;
  rateLimit?: RateLimitConfig | undefined;
  bodyLimitBytes?: number;
};

const unauthorized = (message: string) => new AppError("unauthorized", message);

/**
 * Scale's Task API v1 as a plain `(Request) => Promise<Response>`: Next.js mounts it, tests call it
 * directly. Every route validates with the shared zod schemas and calls the same services as tRPC.
 */
export const createRestHandler = (options: RestHandlerOptions) => {
  const basePath = options.basePath ?? "/v1";
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
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

    const key = apiKeyFromAuthorization(request.headers.get("authorization"));
    if (!key) {
      throw unauthorized(
        "Missing API key: send Authorization: Basic base64(<key>:) or Authorization: Bearer <key>.",
      );
    }
    const caller = await findApiKey(options.db.prisma, key);
    if (!caller) throw unauthorized("Invalid API key.");
    if (options.rateLimit) await takeRateLimitToken(options.db, caller.apiKeyId, options.rateLimit);
    requirePermission(caller.roles, match.route.access);

    const body =
      request.method === "GET" || match.route.rawBody
        ? undefined
        : await readJsonBody(request, bodyLimit);
    assertStorableText(match.params);
    const query = readQuery(url);
    assertStorableText(query);
    assertStorableText(body);
    const routeRequest = {
      params: match.params,
      query,
      body,
      headers: request.headers,
      request,
    };
    const input = match.route.input.safeParse(match.route.toInput(routeRequest));
    if (!input.success) throw fromZodError(input.error);
    const result = await match.route.handle(scopeOf(options.db, caller), input.data, routeRequest);
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
    } catch (error) {
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
