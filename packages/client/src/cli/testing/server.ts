import { spawn } from "node:child_process";
import { createServer, request as httpRequest } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";

import { appRouter, createContext, createRestHandler } from "@taskforge/api";
import type { Database } from "@taskforge/db";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

const listen = async (server: ReturnType<typeof createServer>) => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

const toRequest = (req: IncomingMessage) => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, {
    method: req.method ?? "GET",
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
  });
};

// Streamed, so a download is not buffered whole.
const send = (res: ServerResponse, response: Response) => {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) return void res.end();
  Readable.fromWeb(response.body).pipe(res);
};

/**
 * taskforge as the CLI sees it in production: tRPC under `/api/trpc` and the REST API under `/v1`
 * on one origin, over real HTTP (without Next.js).
 */
export const startTaskforgeServer = (db: Database) => {
  const rest = createRestHandler({ db });
  return listen(
    createServer((req, res) => {
      const request = toRequest(req);
      const response = req.url?.startsWith("/api/trpc")
        ? fetchRequestHandler({
            endpoint: "/api/trpc",
            req: request,
            router: appRouter,
            createContext: () => createContext({ headers: request.headers, db }),
          })
        : rest(request);
      void response.then((answer) => send(res, answer));
    }),
  );
};

export type ProxyDecision = "forward" | "fail" | "forward-then-fail";

/**
 * A proxy in front of the server that can answer 503 instead (`fail`), or forward the request and
 * still answer 503 (`forward-then-fail`: the work was done but the answer was lost).
 */
export const startFlakyProxy = (
  target: string,
  decide: (req: IncomingMessage) => ProxyDecision,
) => {
  const { hostname, port } = new URL(target);
  return listen(
    createServer((req, res) => {
      const decision = decide(req);
      if (decision === "fail") {
        req.resume();
        res.writeHead(503, { "content-type": "text/html", "retry-after": "0" });
        return void res.end("<html>Service Unavailable</html>");
      }
      const upstream = httpRequest(
        { hostname, port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          if (decision === "forward-then-fail") {
            answer.resume();
            res.writeHead(503, { "content-type": "text/plain" });
            return void res.end("upstream timed out");
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(upstream);
    }),
  );
};

export type UploadProxyOptions = {
  /** Cut the connection of this many of the first import uploads, once this many body bytes passed. */
  cut?: { afterBytes: number; uploads: number };
  /** Forward request bodies at about this rate (null: as fast as they come). */
  bytesPerSecond?: number | null;
};

/**
 * A proxy for import uploads that can cut them part-way (the server sees the body end early, the
 * client a reset connection) or pass them on slowly, and records every request's URL. A slowed body
 * is taken from the client at once and held here, and a client that goes away (killed, Ctrl-C)
 * takes the rest of its upload with it, as a server reading its socket would see.
 */
export const startUploadProxy = async (target: string, options: UploadProxyOptions = {}) => {
  const { hostname, port } = new URL(target);
  const urls: string[] = [];
  let rate = options.bytesPerSecond ?? null;
  let cutsLeft = options.cut?.uploads ?? 0;
  const server = await listen(
    createServer((req, res) => {
      urls.push(req.url ?? "");
      const upload = req.method === "POST" && (req.url ?? "").startsWith("/v1/imports");
      const cutAt = upload && cutsLeft > 0 ? (options.cut?.afterBytes ?? 0) : null;
      if (cutAt !== null) cutsLeft -= 1;
      const upstream = httpRequest(
        { hostname, port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on("error", () => req.socket.destroy());
      const held: Buffer[] = [];
      let received = false;
      let forwarded = 0;
      let pumping = false;
      const pump = () => {
        if (upstream.destroyed) return;
        const chunk = held.shift();
        if (!chunk) {
          pumping = false;
          if (received) upstream.end();
          return;
        }
        pumping = true;
        if (cutAt !== null && forwarded + chunk.length >= cutAt) {
          upstream.write(chunk.subarray(0, Math.max(0, cutAt - forwarded)));
          upstream.destroy();
          req.socket.destroy();
          return;
        }
        forwarded += chunk.length;
        upstream.write(chunk);
        if (rate === null) pump();
        else setTimeout(pump, (chunk.length / rate) * 1000);
      };
      req.on("data", (chunk: Buffer) => {
        held.push(chunk);
        if (!pumping) pump();
      });
      req.on("end", () => {
        received = true;
        if (!pumping) pump();
      });
      // The client went away before its body was passed on: so does the rest of it.
      req.socket.on("close", () => {
        if (held.length > 0 || !received) upstream.destroy();
      });
    }),
  );
  return {
    ...server,
    urls,
    setRate: (bytesPerSecond: number | null) => (rate = bytesPerSecond),
  };
};

const BIN = fileURLToPath(new URL("../../../bin/taskforge.mjs", import.meta.url));

export type CliResult = { code: number | null; stdout: string; stderr: string };

/**
 * Starts the `taskforge` bin as a subprocess, with only the given TASKFORGE_* variables set; the
 * child is there to signal (Ctrl-C, kill) while `result` waits for its end.
 */
export const startCli = (
  args: string[],
  env: Record<string, string> = {},
  options: { cwd?: string } = {},
) => {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("TASKFORGE_")),
  );
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...base, ...env },
    ...(options.cwd ? { cwd: options.cwd } : {}),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const result = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  return { child, result, output: () => ({ stdout, stderr }) };
};

/** Runs the `taskforge` bin to its end. */
export const runCli = (
  args: string[],
  env: Record<string, string> = {},
  options: { cwd?: string } = {},
): Promise<CliResult> => startCli(args, env, options).result;
