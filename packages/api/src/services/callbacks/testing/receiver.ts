import { createServer } from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedCallback = {
  headers: IncomingHttpHeaders;
  body: string;
  /** performance.now() when the request arrived. */
  at: number;
  /** What the receiver answered (set by the handler's reply). */
  status?: number;
};

/** How to answer one request: a status after an optional delay, or never (`hang`). */
export type Reply =
  | {
      status?: number;
      delayMs?: number;
      body?: string;
      close?: boolean;
      location?: string | undefined;
    }
  | "hang";

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/**
 * A real HTTP receiver on 127.0.0.1 (or another loopback address), recording every request. The
 * handler decides each reply from the request and how many came before it.
 */
export const startReceiver = async (
  reply: (call: ReceivedCallback, index: number) => Reply = () => ({ status: 200 }),
  host = "127.0.0.1",
) => {
  const received: ReceivedCallback[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const call: ReceivedCallback = {
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: performance.now(),
      };
      const index = received.push(call) - 1;
      for (const waiter of [...waiters]) {
        if (received.length >= waiter.count) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
      const answer = reply(call, index);
      if (answer === "hang") return;
      const send = () => {
        call.status = answer.status ?? 200;
        res.writeHead(call.status, {
          "content-type": "text/plain",
          ...(answer.close ? { connection: "close" } : {}),
          ...(answer.location ? { location: answer.location } : {}),
        });
        res.end(answer.body ?? "ok");
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/callback`,
    port,
    received,
    /** Resolves once `count` requests have arrived. */
    waitFor: (count: number, timeoutMs = 15_000) =>
      new Promise<void>((resolve, reject) => {
        if (received.length >= count) return resolve();
        const timer = setTimeout(
          () => reject(new Error(`receiver got ${received.length} of ${count} requests in time`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/** A port nothing listens on (connections to it are refused). */
export const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};
