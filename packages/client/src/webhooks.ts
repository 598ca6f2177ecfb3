// Verifying taskforge callbacks in a receiver. Uses Web Crypto only, so it runs in Node 20+, Deno,
// Bun, edge runtimes and browsers alike.
import type { Batch, BatchStatus, Task } from "@taskforge/schema";

/** The body of a task callback (Scale's format). */
export type TaskCallbackPayload = {
  task_id: string;
  status: Task["status"];
  response: Record<string, unknown> | null;
  task: Task;
};

/** The body of a batch-completion callback. */
export type BatchCallbackPayload = {
  batch: Batch;
  status: BatchStatus;
  counts: { pending: number; completed: number; error: number; canceled: number };
};

export type CallbackPayload = TaskCallbackPayload | BatchCallbackPayload;

export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookVerificationError";
  }
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

const header = (headers: HeaderSource, name: string): string | undefined => {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return Array.isArray(entry) ? entry[0] : entry;
};

const decodeBase64 = (text: string): Uint8Array<ArrayBuffer> => {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
};

const encoder = new TextEncoder();

// A `whsec_<base64>` secret's HMAC key is its decoded bytes, as Standard Webhooks specifies.
const hmacKey = (secret: string) =>
  crypto.subtle.importKey(
    "raw",
    secret.startsWith("whsec_") ? decodeBase64(secret.slice(6)) : encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );

export type VerifyWebhookOptions = {
  /** The raw request body, exactly as received (verify before parsing it). */
  payload: string | Uint8Array;
  /** The request headers (a Headers object, or Node's `req.headers`). */
  headers: HeaderSource;
  /** Your organization's callback secret(s): pass the old and the new one during a rotation. */
  secret: string | readonly string[];
  /** How far `webhook-timestamp` may be from now, to stop replays (default 300 s). */
  toleranceSeconds?: number;
  now?: Date;
};

/**
 * Checks a callback's Standard Webhooks signature (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature`) against your secret(s) and returns the parsed body. Throws
 * WebhookVerificationError when any part is missing, stale or does not match.
 * De-duplicate on the `webhook-id` header: a retried callback carries the same one.
 * @example
 * const payload = await verifyWebhook({ payload: rawBody, headers: req.headers, secret });
 */
export const verifyWebhook = async (options: VerifyWebhookOptions): Promise<CallbackPayload> => {
  const id = header(options.headers, "webhook-id");
  const timestamp = header(options.headers, "webhook-timestamp");
  const signatures = header(options.headers, "webhook-signature");
  if (!id || !timestamp || !signatures) {
    throw new WebhookVerificationError(
      "missing webhook-id, webhook-timestamp or webhook-signature header",
    );
  }
  const seconds = Number(timestamp);
  const now = (options.now ?? new Date()).getTime() / 1000;
  if (!/^\d+$/.test(timestamp) || Math.abs(now - seconds) > (options.toleranceSeconds ?? 300)) {
    throw new WebhookVerificationError(
      `webhook-timestamp ${timestamp} is not within the tolerance of the current time`,
    );
  }
  const body =
    typeof options.payload === "string"
      ? options.payload
      : new TextDecoder().decode(options.payload);
  const signed = encoder.encode(`${id}.${timestamp}.${body}`);
  const candidates = signatures
    .split(" ")
    .filter((part) => part.startsWith("v1,"))
    .map((part) => part.slice(3));
  const secrets = typeof options.secret === "string" ? [options.secret] : options.secret;
  for (const secret of secrets) {
    const key = await hmacKey(secret);
    for (const candidate of candidates) {
      let signature: Uint8Array<ArrayBuffer>;
      try {
        signature = decodeBase64(candidate);
      } catch {
        continue;
      }
      // subtle.verify compares in constant time.
      if (await crypto.subtle.verify("HMAC", key, signature, signed)) {
        return JSON.parse(body) as CallbackPayload;
      }
    }
  }
  throw new WebhookVerificationError("no webhook-signature matches the secret(s)");
};

/**
 * Scale's older check: `scale-callback-auth` must equal your callback secret. Prefer
 * verifyWebhook, which also covers the body and the time of sending.
 */
export const verifyScaleCallbackAuth = (headers: HeaderSource, secret: string): boolean => {
  const sent = header(headers, "scale-callback-auth");
  if (sent === undefined || sent.length !== secret.length) return false;
  let difference = 0;
  for (let i = 0; i < secret.length; i++) difference |= sent.charCodeAt(i) ^ secret.charCodeAt(i);
  return difference === 0;
};
