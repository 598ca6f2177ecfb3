import { createHmac, randomBytes } from "node:crypto";

/**
 * Callbacks carry two kinds of proof of origin:
 * - `scale-callback-auth`: the organization's secret itself, which Scale-era receivers compare for
 *   equality;
 * - Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`): an HMAC-SHA256 of
 *   `id.timestamp.body` with each active secret, so a receiver can verify the body and reject replays.
 */

const SECRET_PREFIX = "whsec_";

export const generateCallbackSecret = (): string =>
  `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;

/** The HMAC key of a `whsec_<base64>` secret is its decoded bytes (as Standard Webhooks specifies). */
const keyOf = (secret: string): Buffer =>
  secret.startsWith(SECRET_PREFIX)
    ? Buffer.from(secret.slice(SECRET_PREFIX.length), "base64")
    : Buffer.from(secret, "utf8");

export const signPayload = (secret: string, id: string, timestamp: number, body: string): string =>
  `v1,${createHmac("sha256", keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest("base64")}`;

export type SignatureInput = {
  /** Stable across retries of one delivery, so receivers can drop duplicates. */
  webhookId: string;
  body: string;
  /** Active secrets, oldest first; at least one. */
  secrets: readonly string[];
  /** Unix seconds of this attempt. */
  timestamp?: number;
};

export const callbackHeaders = (input: SignatureInput): Record<string, string> => {
  const [oldest] = input.secrets;
  if (oldest === undefined) throw new Error("a callback needs at least one signing secret");
  const timestamp = input.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    // During a rotation the old secret stays in this header until it expires: receivers that compare
    // it for equality keep working and switch to the new one within the overlap window.
    "scale-callback-auth": oldest,
    "webhook-id": input.webhookId,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": input.secrets
      .map((secret) => signPayload(secret, input.webhookId, timestamp, input.body))
      .join(" "),
  };
};
