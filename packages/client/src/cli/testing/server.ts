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

const BIN = fileURLToPath(new URL("../../../bin/taskforge.mjs", import.meta.url));

export type CliResult = { code: number | null; stdout: string; stderr: string };

/** Runs the `taskforge` bin as a subprocess, with only the given TASKFORGE_* variables set. */
export const runCli = (
  args: string[],
  env: Record<string, string> = {},
  options: { cwd?: string } = {},
): Promise<CliResult> => {
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
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
};
