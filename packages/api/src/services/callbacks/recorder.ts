import type { SqlSession } from "@taskforge/db";

import { logger } from "../../logger";
import { recordAttempts } from "./store";
import type { AttemptOutcome, DestinationLimits } from "./store";

// A guard on one statement's size; the worker's own limit on claims keeps batches well below it.
const MAX_BATCH = 1000;

export type Recorder = {
  /** Queues an outcome for storing; the attempt's slot is free again at once. */
  add(outcome: AttemptOutcome): void;
  /** Outcomes queued and not yet stored (or given up on). */
  readonly unrecorded: number;
  /** Resolves once every outcome queued so far has been written. */
  drain(): Promise<void>;
};

/**
 * Stores attempt outcomes in the background, many per statement, one statement at a time: what
 * arrives while a statement runs goes in the next one. An idle recorder writes at once (after the
 * current turn of the event loop, so replies that came in together are stored together), and under
 * load each statement carries everything that finished during the previous one.
 *
 * An outcome that cannot be stored is logged and dropped: its delivery's lease runs out and it is
 * attempted again, so at-least-once still holds.
 */
export const createRecorder = (
  sql: SqlSession,
  limits: DestinationLimits,
  onWritten: () => void,
): Recorder => {
  const waiting: AttemptOutcome[] = [];
  let unrecorded = 0;
  let writer: Promise<void> | null = null;

  const writeWaiting = async () => {
    while (waiting.length) {
      const batch = waiting.splice(0, MAX_BATCH);
      try {
        await recordAttempts(sql, batch, limits);
      } catch (error) {
        logger.error(
          { err: error, deliveryIds: batch.map((outcome) => outcome.delivery.id) },
          "recording callback attempts failed; they are retried after their lease",
        );
      }
      unrecorded -= batch.length;
      onWritten();
    }
  };

  const startWriting = () => {
    writer = new Promise<void>((resolve) => setImmediate(resolve)).then(writeWaiting).then(() => {
      writer = null;
      // Added after the last batch was taken but before this point.
      if (waiting.length) startWriting();
    });
  };

  return {
    add: (outcome) => {
      waiting.push(outcome);
      unrecorded++;
      if (!writer) startWriting();
    },
    get unrecorded() {
      return unrecorded;
    },
    drain: async () => {
      while (writer) await writer;
    },
  };
};
