import pg from "pg";

import { logger } from "../../logger";

export const CALLBACK_CHANNEL = "taskforge_callbacks";

/**
 * LISTENs for the notification the outbox trigger sends when deliveries are committed, and calls
 * `onNotify`. A lost connection is re-opened after a second; the workers poll meanwhile, so a gap
 * only delays deliveries.
 */
export const listenForDeliveries = (databaseUrl: string, onNotify: () => void) => {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on("notification", onNotify);
    next.on("error", (error) => {
      logger.warn({ err: error }, "callback LISTEN connection lost; reconnecting");
      void next.end().catch(() => undefined);
      if (client === next) client = null;
      schedule();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${CALLBACK_CHANNEL}`);
      if (closed) {
        await next.end();
        return;
      }
      client = next;
      // Anything committed while not listening is picked up now rather than at the next poll.
      onNotify();
    } catch (error) {
      logger.warn({ err: error }, "callback LISTEN connection failed; retrying");
      await next.end().catch(() => undefined);
      schedule();
    }
  };
  const schedule = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, 1000);
  };

  void connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
      client = null;
    },
  };
};
