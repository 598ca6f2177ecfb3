import { describe, expect, it } from "vitest";

import { callbackHeaders, generateCallbackSecret, signPayload } from "./signing";

// The Standard Webhooks specification's published test vector: matching it means any of that
// specification's libraries can verify taskforge's callbacks.
const VECTOR = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

describe("callback signing", () => {
  it("reproduces the Standard Webhooks reference signature", () => {
    expect(signPayload(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.body)).toBe(
      VECTOR.signature,
    );
  });

  it("signs with every active secret, space-separated, and sends the oldest as scale-callback-auth", () => {
    const newer = generateCallbackSecret();
    const headers = callbackHeaders({
      webhookId: VECTOR.id,
      body: VECTOR.body,
      secrets: [VECTOR.secret, newer],
      timestamp: VECTOR.timestamp,
    });
    expect(headers).toEqual({
      "scale-callback-auth": VECTOR.secret,
      "webhook-id": VECTOR.id,
      "webhook-timestamp": "1614265330",
      "webhook-signature": `${VECTOR.signature} ${signPayload(newer, VECTOR.id, VECTOR.timestamp, VECTOR.body)}`,
    });
  });

  it("generates 32-byte whsec_ secrets", () => {
    const secret = generateCallbackSecret();
    expect(Buffer.from(secret.slice("whsec_".length), "base64")).toHaveLength(32);
    expect(generateCallbackSecret()).not.toBe(secret);
  });
});
