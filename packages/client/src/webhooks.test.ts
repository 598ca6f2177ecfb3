import { createServer } from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

import { createTask } from "@taskforge/api";
import type { Scope } from "@taskforge/api";
import {
  enqueueTaskCallback,
  getCallbackSettings,
  rotateCallbackSecret,
  signPayload,
  startDeliveryWorkers,
} from "@taskforge/api/callbacks";
import { createTestDatabase } from "@taskforge/db/testing";
import type { TestDatabase } from "@taskforge/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { verifyScaleCallbackAuth, verifyWebhook, WebhookVerificationError } from "./index";

type Received = { headers: IncomingHttpHeaders; body: string };

// Callbacks sent by the real delivery worker to a real receiver, verified the way a customer would.
let db: TestDatabase;
let scope: Scope;
let server: ReturnType<typeof createServer>;
let url: string;
const received: Received[] = [];
let workers: ReturnType<typeof startDeliveryWorkers>;

beforeAll(async () => {
  db = await createTestDatabase("pglite");
  const organization = await db.prisma.organization.create({ data: { name: "Receiver Inc" } });
  scope = { db, organizationId: organization.id, isTest: false, actor: "test", roles: ["owner"] };
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  workers = startDeliveryWorkers(db, {
    allowlist: ["127.0.0.1"],
    pollIntervalMs: 20,
    secretCacheMs: 0,
  });
});
afterAll(async () => {
  await workers.stop();
  await new Promise((resolve) => server.close(resolve));
  await db.close();
});

/** Completes a new task and returns the callback the receiver got for it. */
const deliverOne = async (): Promise<Received & { taskId: string }> => {
  const task = await createTask(scope, {
    type: "categorization",
    params: { attachment_type: "text", attachment: "car", categories: ["big", "small"] },
    callback_url: url,
  });
  await db.prisma.$transaction(async (tx) => {
    await tx.task.update({
      where: { id: task.task_id },
      data: { status: "completed", response: { category: "big" } },
    });
    await enqueueTaskCallback(tx, {
      organizationId: scope.organizationId,
      isTest: false,
      taskId: task.task_id,
      reason: "completed",
    });
  });
  for (let i = 0; i < 400; i++) {
    const call = received.find((r) => JSON.parse(r.body).task_id === task.task_id);
    if (call) return { ...call, taskId: task.task_id };
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("the callback did not arrive");
};

describe("verifyWebhook", () => {
  it("verifies a delivered callback with the organization's secret and returns its body", async () => {
    const [{ secret } = { secret: "" }] = (await getCallbackSettings(scope)).secrets;
    const call = await deliverOne();
    const payload = await verifyWebhook({ payload: call.body, headers: call.headers, secret });
    expect(payload).toMatchObject({
      task_id: call.taskId,
      status: "completed",
      task: { task_id: call.taskId },
    });
    expect(verifyScaleCallbackAuth(call.headers, secret)).toBe(true);
    expect(verifyScaleCallbackAuth(call.headers, `${secret.slice(0, -2)}x=`)).toBe(false);
    // Accepts a Headers object and raw bytes too.
    const headers = new Headers(call.headers as Record<string, string>);
    await expect(
      verifyWebhook({ payload: new TextEncoder().encode(call.body), headers, secret }),
    ).resolves.toMatchObject({ task_id: call.taskId });
  });

  it("rejects a changed body, another secret, a stale timestamp and missing headers", async () => {
    const [{ secret } = { secret: "" }] = (await getCallbackSettings(scope)).secrets;
    const call = await deliverOne();
    const tampered = call.body.replace('"big"', '"small"');
    await expect(
      verifyWebhook({ payload: tampered, headers: call.headers, secret }),
    ).rejects.toThrow("no webhook-signature matches the secret(s)");
    await expect(
      verifyWebhook({
        payload: call.body,
        headers: call.headers,
        secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      }),
    ).rejects.toBeInstanceOf(WebhookVerificationError);
    const later = new Date(Date.now() + 10 * 60_000);
    await expect(
      verifyWebhook({ payload: call.body, headers: call.headers, secret, now: later }),
    ).rejects.toThrow("is not within the tolerance");
    const { "webhook-signature": _dropped, ...unsigned } = call.headers;
    await expect(verifyWebhook({ payload: call.body, headers: unsigned, secret })).rejects.toThrow(
      "missing webhook-id, webhook-timestamp or webhook-signature header",
    );
  });

  it("keeps old and new secrets valid during a rotation's overlap", async () => {
    const [{ secret: old } = { secret: "" }] = (await getCallbackSettings(scope)).secrets;
    const rotated = await rotateCallbackSecret(scope, 3600);
    const fresh = rotated.secrets.at(-1)?.secret ?? "";
    const call = await deliverOne();
    expect(String(call.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    for (const secret of [old, fresh, [fresh, old]]) {
      await expect(
        verifyWebhook({ payload: call.body, headers: call.headers, secret }),
      ).resolves.toMatchObject({
        task_id: call.taskId,
      });
    }
    expect(verifyScaleCallbackAuth(call.headers, old)).toBe(true);
  });

  it("agrees with the server's signer on the Standard Webhooks reference vector", async () => {
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const body = '{"test": 2432232314}';
    const signature = signPayload(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body);
    expect(signature).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    const headers = {
      "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
      "webhook-timestamp": "1614265330",
      "webhook-signature": `v1,bm90IGl0 ${signature}`,
    };
    await expect(
      verifyWebhook({ payload: body, headers, secret, now: new Date(1614265330 * 1000) }),
    ).resolves.toEqual({ test: 2432232314 });
  });
});
