// `pnpm start`'s one HTTP server. The API paths go straight to their handlers (/v1 to the REST
// facade, /api/trpc to the tRPC endpoint, /api/health) without Next.js's request pipeline, which
// cost about half of an API request's time; everything else (pages, assets, sign-in, downloads)
// goes to Next.js. Every request first passes a per-client rate limit, and a body limit checked
// before any byte of the body is read.
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { Readable } from "node:stream";

import {
  findApiKey,
  apiKeyFromAuthorization,
  logger,
  MEDIA_UPLOAD_PATH,
  uploadBodyLimits,
} from "@taskforge/api";

import { declaredLength, tooLargeBody } from "../body-limit";
import { createClientRateLimiter } from "../client-rate-limit";
import { CLIENT_ADDRESS_HEADER } from "../client-address";
import type { Config } from "@taskforge/api";
import { hasSessionCookie, sessionUserOfRequest } from "../request-session";
import { healthResponse } from "../health";
import { getRuntime } from "../runtime";
import { handleTrpc, TRPC_ENDPOINT } from "../trpc-handler";
import { answerClientError, giveEmptyErrorsABody } from "./json-errors";
import { malformedRequest } from "./malformed-request";
import { setApiSecurityHeaders, setPageSecurityHeaders } from "./security-headers";

export type NextRequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

type Route = "rest" | "trpc" | "health" | "upload" | "auth" | "next";

const routeOf = (path: string): Route => {
  if (path === "/api/health") return "health";
  if (path === "/v1" || path.startsWith("/v1/")) return "rest";
  if (path === TRPC_ENDPOINT || path.startsWith(`${TRPC_ENDPOINT}/`)) return "trpc";
  if (path.startsWith("/api/auth/")) return "auth";
  // The dashboard's streamed uploads: a dropped file, a bulk import.
  if (path === "/api/imports" || /^\/api\/projects\/[^/]+\/media$/.test(path)) return "upload";
  return "next";
};

const json = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
};

type BodyWatch = {
  /** From now on, past `limit` bytes `onExceeded` runs and the rest is discarded. */
  limitTo: (limit: number, onExceeded: () => void) => void;
  /** Drops the rest of the body: nothing more reaches whoever reads the request. */
  discard: () => void;
};

/**
 * Watches a body as the HTTP parser hands it to the request stream (every chunk passes through
 * `push`, whoever reads the stream), so a limit holds for bodies sent without Content-Length too.
 */
const watchBody = (req: IncomingMessage): BodyWatch => {
  let seen = 0;
  let discarding = false;
  let limit = Number.POSITIVE_INFINITY;
  let onExceeded = () => undefined as void;
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (chunk === null || chunk === undefined) return push(chunk, encoding);
    if (discarding) return true;
    seen += (chunk as Buffer).length;
    if (seen > limit) {
      discarding = true;
      onExceeded();
      return true;
    }
    return push(chunk, encoding);
  };
  return {
    limitTo: (bytes, exceeded) => {
      limit = bytes;
      onExceeded = exceeded;
    },
    discard: () => (discarding = true),
  };
};

const LINGER_MS = 1000;

/**
 * Once the answer is out, closes a connection whose request body was not read to its end. Closing
 * at once would reset it while the client is still sending, and the reset can overtake the answer;
 * so what arrives for a second more is discarded unread, then the connection is closed.
 */
const closeAfterAnswer = (req: IncomingMessage, res: ServerResponse, body: BodyWatch) => {
  if (req.complete) return;
  body.discard();
  req.resume();
  const close = () => {
    if (req.complete) return;
    const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
    timer.unref();
    req.socket.once("close", () => clearTimeout(timer));
  };
  if (res.writableFinished) close();
  else res.once("finish", close);
};

const NO_BODY: BodyWatch = {
  limitTo: () => undefined,
  discard: () => undefined,
};

/** Refuses a body over the limit without reading it. */
const refuseTooLarge = (
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
  body: BodyWatch,
) => {
  json(res, 413, tooLargeBody(limit));
  closeAfterAnswer(req, res, body);
};

const hasBody = (req: IncomingMessage) =>
  req.headers["content-length"] !== undefined || req.headers["transfer-encoding"] !== undefined;

const toHeaders = (req: IncomingMessage): Headers => {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] ?? "";
    if (name.startsWith(":")) continue;
    headers.append(name, raw[i + 1] ?? "");
  }
  return headers;
};

const toRequest = (req: IncomingMessage, headers: Headers, signal: AbortSignal): Request => {
  const method = req.method ?? "GET";
  const withBody = method !== "GET" && method !== "HEAD" && hasBody(req);
  return new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, {
    method,
    headers,
    signal,
    ...(withBody
      ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" }
      : {}),
  });
};

const sendResponse = async (res: ServerResponse, response: Response) => {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) {
        await new Promise<void>((resolve) => {
          res.once("drain", resolve);
          res.once("close", resolve);
        });
        if (res.destroyed) break;
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
    res.end();
  }
};

export type ServerOptions = {
  env: Config;
  /** Next.js's request handler (`app.getRequestHandler()`), for every path the API does not own. */
  next: NextRequestHandler;
};

export const createTaskforgeServer = ({ env, next }: ServerOptions): Server => {
  const takeToken = createClientRateLimiter({
    perSecond: env.TASKFORGE_CLIENT_RATE_LIMIT_PER_SECOND,
    burst: env.TASKFORGE_CLIENT_RATE_LIMIT_BURST,
  });
  const anonymousLimit = env.TASKFORGE_ANONYMOUS_BODY_LIMIT_BYTES;
  const bodyLimit = env.TASKFORGE_BODY_LIMIT_BYTES;
  // A file upload, a zip of media or a bulk import may be large; their services check the exact
  // limits as they read, and the cap of each route admits the largest body its service takes.
  const uploadLimits = uploadBodyLimits(env);
  const limitWith = (route: Route, path: string): number =>
    route === "rest" || route === "upload"
      ? MEDIA_UPLOAD_PATH.test(path)
        ? uploadLimits.media
        : uploadLimits.upload
      : route === "auth"
        ? anonymousLimit
        : bodyLimit;

  const clientOf = (req: IncomingMessage): string => {
    if (env.TASKFORGE_TRUST_PROXY) {
      const forwarded = req.headers["x-forwarded-for"];
      const hops = (Array.isArray(forwarded) ? forwarded.join(",") : (forwarded ?? "")).split(",");
      const last = hops[hops.length - 1]?.trim();
      if (last) return last;
    }
    return req.socket.remoteAddress ?? "unknown";
  };

  /** Whether the request carries credentials that hold: an API key, or a session cookie. */
  const hasValidCredentials = async (headers: Headers): Promise<boolean> => {
    const runtime = await getRuntime();
    const key = apiKeyFromAuthorization(headers.get("authorization"));
    if (key) return (await findApiKey(runtime.db.prisma, key)) !== null;
    if (!hasSessionCookie(headers.get("cookie"))) return false;
    return (await sessionUserOfRequest(runtime, headers)) !== null;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    const path = query === -1 ? url : url.slice(0, query);
    // Only pages are rendered as HTML; everything under /api and /files (downloads, signed files,
    // which hold whatever was uploaded) gets the policy that lets no content run.
    if (path.startsWith("/api/") || path.startsWith("/files/") || routeOf(path) !== "next") {
      setApiSecurityHeaders(res);
    } else {
      setPageSecurityHeaders(req, res);
    }
    if (!path.startsWith("/_next/static/")) {
      const retryAfter = takeToken(clientOf(req));
      if (retryAfter > 0) {
        json(
          res,
          429,
          {
            status_code: 429,
            error: `Too many requests from this address: at most ${env.TASKFORGE_CLIENT_RATE_LIMIT_PER_SECOND} per second (bursts of ${env.TASKFORGE_CLIENT_RATE_LIMIT_BURST}). Retry after ${retryAfter} s.`,
          },
          { "retry-after": String(retryAfter) },
        );
        return;
      }
    }
    const refusal = malformedRequest(req, path);
    if (refusal) {
      json(res, refusal.status_code, refusal);
      if (hasBody(req)) closeAfterAnswer(req, res, watchBody(req));
      return;
    }
    const route = routeOf(path);
    let headers: Headers | null = null;
    let limit = anonymousLimit;
    let exceeded = false;
    let body = NO_BODY;
    if (hasBody(req)) {
      body = watchBody(req);
      // Up to the anonymous limit nothing is checked here; above it, the credentials must hold
      // before a byte is read. tRPC tells its two limits apart itself, as it knows the caller.
      const declared = declaredLength(req.headers["content-length"]);
      const credentialed =
        req.headers.authorization !== undefined || hasSessionCookie(req.headers.cookie);
      const wanted = credentialed ? limitWith(route, path) : anonymousLimit;
      if (declared !== null && declared > wanted) return refuseTooLarge(req, res, wanted, body);
      if (route === "trpc") limit = wanted;
      else if ((declared === null || declared > anonymousLimit) && wanted > anonymousLimit) {
        headers = toHeaders(req);
        if (await hasValidCredentials(headers)) limit = wanted;
      }
      if (declared !== null && declared > limit) return refuseTooLarge(req, res, limit, body);
      const watched = body;
      body.limitTo(limit, () => {
        exceeded = true;
        // The reader (Next.js or an API handler) waits for a rest that never comes, until the
        // connection closes; the answer is given here. (Ending the stream early instead would
        // make Node destroy the socket, an unfinished request, before the answer is out.)
        refuseTooLarge(req, res, limit, watched);
      });
    }

    if (route === "next" || route === "auth" || route === "upload") {
      req.headers[CLIENT_ADDRESS_HEADER] = clientOf(req);
      giveEmptyErrorsABody(req, res);
      await next(req, res);
      return;
    }
    if (route === "health") {
      await sendResponse(res, await healthResponse());
      return;
    }
    const aborted = new AbortController();
    res.once("close", () => {
      if (!res.writableFinished) aborted.abort();
    });
    const request = toRequest(req, headers ?? toHeaders(req), aborted.signal);
    const runtime = await getRuntime();
    let response: Response;
    try {
      response = route === "rest" ? await runtime.rest(request) : await handleTrpc(request);
    } catch (error) {
      // Refused already; the handler failed on the body the closed connection cut short.
      if (exceeded) return;
      throw error;
    }
    if (exceeded) {
      await response.body?.cancel().catch(() => undefined);
      return;
    }
    await sendResponse(res, response);
    // Answered before reading the whole body (a refusal): the rest is not read.
    closeAfterAnswer(req, res, body);
  };

  const server = createServer((req, res) => {
    // A response cut short (a refused body, a client gone) must not bring the process down.
    res.on("error", () => undefined);
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error, url: req.url }, "request failed");
      json(res, 500, { status_code: 500, error: "Internal server error." });
    });
  });
  server.on("clientError", answerClientError);
  return server;
};
