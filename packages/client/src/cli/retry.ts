// Retrying a request that failed for a reason that may pass: the network, a 5xx or a 429.

/** An HTTP answer worth retrying (429 or 5xx), raised from inside fetch so tRPC keeps it as the cause. */
export class TransientHttpError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | null,
    detail: string,
  ) {
    super(`HTTP ${status}${detail ? `: ${detail}` : ""}`);
    this.name = "TransientHttpError";
  }
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from now. */
export const parseRetryAfter = (value: string | null, now = Date.now()): number | null => {
  if (!value) return null;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
};

/** The message inside a tRPC (`{error: {message}}`) or REST (`{error: "..."}`) error body. */
export const errorDetailOf = (text: string): string => {
  try {
    const body = JSON.parse(text) as { error?: string | { message?: string } };
    const message = typeof body.error === "string" ? body.error : body.error?.message;
    if (message) return message;
  } catch {
    // not JSON: a proxy's or load balancer's page
  }
  return text.trim().slice(0, 200);
};

/**
 * A fetch that turns 429 and 5xx answers into TransientHttpError. The tRPC link cannot tell us the
 * status of a non-JSON answer (a proxy's 503 page), so we look at it before the link does.
 */
export const transientAwareFetch =
  (base: typeof fetch = fetch): typeof fetch =>
  async (input, init) => {
    const response = await base(input, init);
    if (response.status === 429 || response.status >= 500) {
      const text = await response.text().catch(() => "");
      throw new TransientHttpError(
        response.status,
        parseRetryAfter(response.headers.get("retry-after")),
        errorDetailOf(text),
      );
    }
    return response;
  };

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "ENOTFOUND",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
]);

const causes = function* (error: unknown) {
  let current = error;
  for (let depth = 0; current && depth < 8; depth++) {
    yield current;
    current = (current as { cause?: unknown }).cause;
  }
};

export type RetryVerdict = { retry: false } | { retry: true; afterMs: number | null };

/** Whether a failed call may be sent again: network failures, 5xx and 429 (with Retry-After). */
export const retryVerdict = (error: unknown): RetryVerdict => {
  for (const cause of causes(error)) {
    if (cause instanceof TransientHttpError) return { retry: true, afterMs: cause.retryAfterMs };
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES.has(code)) return { retry: true, afterMs: null };
    if (cause instanceof TypeError && cause.message === "fetch failed") {
      return { retry: true, afterMs: null };
    }
  }
  return { retry: false };
};

export type RetryOptions = {
  /** Retries after the first attempt. */
  retries: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  sleep?: (ms: number) => Promise<void>;
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Exponential backoff with jitter; a server's Retry-After wins over the computed delay. */
export const withRetry = async <T>(run: () => Promise<T>, options: RetryOptions): Promise<T> => {
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const verdict = retryVerdict(error);
      if (!verdict.retry || attempt > options.retries) throw error;
      const backoff = Math.min(max, base * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
      const delay = verdict.afterMs ?? backoff;
      options.onRetry?.(error, attempt, delay);
      await sleep(delay);
    }
  }
};
