import type { Database } from "@taskforge/db";

import { logger } from "../../logger";
import { createWakeablePause } from "../../wakeable-pause";
import { createEmailSender } from "./email-sender";
import { createHttpSender } from "./http-sender";
import type { SendOutcome } from "./http-sender";
import { listenForDeliveries } from "./listener";
import { resolveWorkerOptions } from "./options";
import type { DeliveryWorkerOptions } from "./options";
import { retryDelayMs } from "./schedule";
import { ensureCallbackSecrets } from "./secrets";
import { callbackHeaders } from "./signing";
import { createRecorder } from "./recorder";
import {
  analyzeDeliveries,
  anyDeliveryDue,
  claimDueDeliveries,
  pruneFinishedDeliveries,
  releaseClaims,
} from "./store";
import type { AttemptOutcome, ClaimedDelivery, DestinationHealth, Verdict } from "./store";

export type DeliveryWorkers = {
  /** Stops claiming, waits for the callbacks in flight to finish, and releases connections. */
  stop(): Promise<void>;
  /** Looks for due deliveries now rather than at the next poll. */
  wake(): void;
};

// PGlite has no autovacuum to keep the claim query's statistics current.
const ANALYZE_EVERY_MS = 60_000;
const PRUNE_EVERY_MS = 3_600_000;
// How many rounds of attempts claims are taken ahead, at most (the lease may allow fewer).
const MAX_QUEUE_ROUNDS = 4;

/** `callback_url` may be an email address (Scale mails the JSON then). */
export const isEmailTarget = (url: string) => !/^https?:\/\//i.test(url) && url.includes("@");

const healthOf = (outcome: SendOutcome): DestinationHealth => {
  if (outcome.permanent) return null;
  if (outcome.statusCode === null) return outcome.ok ? "up" : "down";
  const { statusCode } = outcome;
  return statusCode >= 500 || statusCode === 408 || statusCode === 429 ? "down" : "up";
};

/**
 * Delivers the callback outbox. Any number of these may run, in any number of processes, over one
 * database: claims skip rows another worker holds. At most `concurrency` callbacks are in flight
 * here at once, and to each destination no more than its limit, so a receiver that hangs only
 * ever holds up its own callbacks; a finished one makes room for the next queued claim
 * immediately, and its outcome is stored in the background, batched with the others that
 * finished meanwhile.
 */
export const startDeliveryWorkers = (
  db: Database,
  options: DeliveryWorkerOptions = {},
): DeliveryWorkers => {
  const config = resolveWorkerOptions(options);
  const http = createHttpSender({
    policy: config.policy,
    timeoutMs: config.timeoutMs,
    maxSockets: config.destinations.max,
    followRedirects: config.followRedirects,
    resolve: config.resolve,
  });
  const email = createEmailSender(config.smtp, config.timeoutMs);
  const secretCache = new Map<string, { secrets: Promise<string[]>; loadedAt: number }>();
  const sending = new Set<Promise<void>>();
  const queue: ClaimedDelivery[] = [];
  // Claimed and not yet answered (queued or in flight), per destination: what its limit bounds.
  const held = new Map<string, number>();
  const hold = (destination: string, change: number) => {
    const count = (held.get(destination) ?? 0) + change;
    if (count > 0) held.set(destination, count);
    else held.delete(destination);
  };
  let stopping = false;
  const idle = createWakeablePause();

  // Claims are taken ahead into a local queue, so attempts never wait for a claim round trip. A
  // queued delivery waits for at most `queueRounds` attempts per slot before its own starts; each
  // takes at most `timeoutMs`, so with the lease this deep it still ends within its lease.
  const queueRounds = Math.min(
    MAX_QUEUE_ROUNDS,
    Math.max(1, Math.floor(config.leaseMs / config.timeoutMs) - 1),
  );
  const capacity = config.concurrency * (1 + queueRounds);
  const claimAtLeast = Math.max(1, Math.floor(config.concurrency / 2));
  // Deliveries held here in any state: queued, being sent, or their outcome not yet stored.
  const room = () => capacity - queue.length - sending.size - recorder.unrecorded;
  const wakeIfRoom = () => {
    if (room() >= claimAtLeast) idle.wake();
  };
  const recorder = createRecorder(db.sql, config.destinations, wakeIfRoom);

  // One load per organization at a time, shared by the deliveries that need it meanwhile.
  const secretsOf = (organizationId: string) => {
    const cached = secretCache.get(organizationId);
    if (cached && Date.now() - cached.loadedAt < config.secretCacheMs) return cached.secrets;
    const secrets = ensureCallbackSecrets(db.sql, organizationId).then((rows) =>
      rows.map((row) => row.secret),
    );
    secretCache.set(organizationId, { secrets, loadedAt: Date.now() });
    secrets.catch(() => {
      if (secretCache.get(organizationId)?.secrets === secrets) secretCache.delete(organizationId);
    });
    return secrets;
  };

  const send = async (delivery: ClaimedDelivery): Promise<SendOutcome> => {
    if (isEmailTarget(delivery.url)) return email.send(delivery.url, delivery.body, delivery.id);
    const headers = callbackHeaders({
      webhookId: delivery.id,
      body: delivery.body,
      secrets: await secretsOf(delivery.organization_id),
    });
    return http.post(delivery.url, delivery.body, {
      "content-type": "application/json",
      "user-agent": "taskforge-callbacks/1",
      ...headers,
    });
  };

  const attempt = async (delivery: ClaimedDelivery): Promise<AttemptOutcome> => {
    const startedAt = new Date();
    const started = performance.now();
    let outcome: SendOutcome;
    try {
      outcome = await send(delivery);
    } catch (error) {
      outcome = { ok: false, statusCode: null, error: (error as Error).message, excerpt: null };
    }
    const delay = outcome.permanent ? null : retryDelayMs(config.schedule, delivery.attempts);
    const verdict: Verdict = outcome.ok
      ? { kind: "succeeded" }
      : delay === null
        ? { kind: "failed" }
        : { kind: "retry", delayMs: delay };
    if (verdict.kind === "failed") {
      logger.warn(
        {
          deliveryId: delivery.id,
          taskId: delivery.task_id,
          attempts: delivery.attempts,
          error: outcome.error,
        },
        "callback delivery failed for good",
      );
    }
    return {
      delivery,
      attempt: {
        startedAt,
        latencyMs: Math.round(performance.now() - started),
        statusCode: outcome.statusCode,
        error: outcome.error,
        responseExcerpt: outcome.excerpt,
      },
      verdict,
      health: healthOf(outcome),
    };
  };

  // A slot is free as soon as the receiver has answered; the outcome is stored in the background.
  const dispatch = () => {
    // Once stopping, queued claims are released rather than started.
    while (!stopping && sending.size < config.concurrency && queue.length) {
      const delivery = queue.shift() as ClaimedDelivery;
      const running: Promise<void> = attempt(delivery)
        .then(
          (outcome) => recorder.add(outcome),
          (error: unknown) => {
            // The lease runs out and another attempt follows: at-least-once still holds.
            logger.error({ err: error, deliveryId: delivery.id }, "a callback attempt failed");
          },
        )
        .finally(() => {
          sending.delete(running);
          hold(delivery.destination, -1);
          dispatch();
          wakeIfRoom();
        });
      sending.add(running);
    }
  };

  // Housekeeping between claims: statistics where no autovacuum keeps them (PGlite), and pruning
  // of old finished deliveries. Every worker does it; doing it twice is harmless.
  let analyzedAt = 0;
  let prunedAt = Date.now() - PRUNE_EVERY_MS + 60_000;
  const housekeeping = async () => {
    if (db.kind === "pglite" && Date.now() - analyzedAt > ANALYZE_EVERY_MS) {
      analyzedAt = Date.now();
      await analyzeDeliveries(db.sql).catch(() => undefined);
    }
    if (config.retentionDays > 0 && Date.now() - prunedAt > PRUNE_EVERY_MS) {
      prunedAt = Date.now();
      const pruned = await pruneFinishedDeliveries(db.sql, config.retentionDays).catch(
        (error: unknown) => {
          logger.warn({ err: error }, "pruning old callback deliveries failed");
          return 0;
        },
      );
      if (pruned) logger.info({ pruned }, "pruned finished callback deliveries");
    }
  };

  const loop = async () => {
    while (!stopping) {
      idle.clearWake();
      const wanted = room();
      if (wanted >= claimAtLeast) {
        await housekeeping();
        let claimed: ClaimedDelivery[] = [];
        try {
          if (await anyDeliveryDue(db.sql)) {
            claimed = await claimDueDeliveries(
              db.sql,
              wanted,
              config.leaseMs,
              held,
              config.destinations,
            );
          }
        } catch (error) {
          if (stopping) break;
          logger.error({ err: error }, "claiming callback deliveries failed; retrying");
        }
        for (const delivery of claimed) hold(delivery.destination, 1);
        queue.push(...claimed);
        dispatch();
        // All that was asked for: more may be due, claim again once there is room.
        if (claimed.length === wanted) continue;
      }
      await idle.pause(config.pollIntervalMs);
    }
  };

  const listener = config.listenUrl ? listenForDeliveries(config.listenUrl, idle.wake) : null;
  const running = loop();

  return {
    wake: idle.wake,
    stop: async () => {
      stopping = true;
      idle.stop();
      await running;
      await releaseClaims(db.sql, queue.splice(0)).catch((error: unknown) =>
        logger.warn(
          { err: error },
          "could not release claimed deliveries; they retry after the lease",
        ),
      );
      await Promise.allSettled([...sending]);
      await recorder.drain();
      await listener?.close();
      http.close();
      email.close();
    },
  };
};
