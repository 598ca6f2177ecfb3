import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";

import type { RestHandlerOptions } from "../rest/handler";
import { createRestHandler } from "../rest/handler";

/** Serves the REST handler over real HTTP on a free port, the way Next.js mounts it in production. */
export const startRestServer = async (options: RestHandlerOptions) => {
  const handle = createRestHandler(options);
  const server = createServer((req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(name, value);
    }
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, {
      method: req.method ?? "GET",
      headers,
      ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
    });
    void handle(request).then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return { baseUrl, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};

/** A minimal Scale-style HTTP client: Basic auth with the key as username, JSON in and out. */
export const scaleClient = (baseUrl: string, apiKey: string) => {
  const authorization = `Basic ${Buffer.from(`${apiKey}:`).toString("base64")}`;
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization, "content-type": "application/json", ...headers },
      ...(body !== undefined
        ? { body: typeof body === "string" ? body : JSON.stringify(body) }
        : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: JSON.parse(text) as Record<string, any> & any[],
    };
  };
  return {
    get: (path: string) => call("GET", path),
    post: (path: string, body?: unknown, headers?: Record<string, string>) =>
      call("POST", path, body, headers),
    put: (path: string, body?: unknown) => call("PUT", path, body),
    delete: (path: string, body?: unknown) => call("DELETE", path, body),
    call,
  };
};
