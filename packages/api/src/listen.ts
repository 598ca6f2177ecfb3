import pg from "pg";

import { logger } from "./logger";

export type ListenHandlers = {
  onNotify: () => void;
  /** The LISTEN is in place (first time and after every reconnection). */
  onListening: () => void;
  /** The connection was lost; a new one is tried after a second. */
  onLost: (error: unknown) => void;
};

export type Listener = {
  /** Settles once the first attempt did, whether or not it connected. */
  ready: Promise<void>;
  close: () => Promise<void>;
};

/**
 * One PostgreSQL connection LISTENing on `channel`, re-opened a second after it is lost. Both users
 * (callback workers, the API key cache) fall back to something safe meanwhile: polling, no caching.
 */
export const listenOn = (
  databaseUrl: string,
  channel: string,
  handlers: ListenHandlers,
): Listener => {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const schedule = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, 1000);
  };
  const lost = (next: pg.Client, error: unknown) => {
    if (client !== next && client !== null) return;
    client = null;
    if (!closed) handlers.onLost(error);
    void next.end().catch(() => undefined);
    schedule();
  };
  const connect = async () => {
    const next = new pg.Client({ connectionString: databaseUrl, keepAlive: true });
    next.on("notification", handlers.onNotify);
    next.on("error", (error) => lost(next, error));
    next.on("end", () => lost(next, new Error("connection ended")));
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
      if (closed) {
        await next.end();
        return;
      }
      client = next;
      handlers.onListening();
    } catch (error) {
      logger.warn({ err: error, channel }, "LISTEN connection failed; retrying");
      await next.end().catch(() => undefined);
      schedule();
    }
  };

  const ready = connect();
  return {
    ready,
    close: async () => {
      closed = true;
      clearTimeout(retry);
      const open = client;
      client = null;
      await open?.end().catch(() => undefined);
    },
  };
};
