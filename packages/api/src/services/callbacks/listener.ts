import { listenOn } from "../../listen";
import { logger } from "../../logger";

export const CALLBACK_CHANNEL = "taskforge_callbacks";

/**
 * LISTENs for the notification the outbox trigger sends when deliveries are committed, and calls
 * `onNotify`. The workers poll while the connection is down, so a gap only delays deliveries.
 */
export const listenForDeliveries = (databaseUrl: string, onNotify: () => void) =>
  listenOn(databaseUrl, CALLBACK_CHANNEL, {
    onNotify,
    // Anything committed while not listening is picked up now rather than at the next poll.
    onListening: onNotify,
    onLost: (error) => logger.warn({ err: error }, "callback LISTEN connection lost; reconnecting"),
  });
