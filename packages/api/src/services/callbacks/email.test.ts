import type { AddressInfo } from "node:net";

import { createTestDatabase } from "@taskforge/db/testing";
import type { TestDatabase } from "@taskforge/db/testing";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, it } from "vitest";

import type { Scope } from "../../scope";
import {
  completeTask,
  createCallbackTask,
  FAST,
  newScope,
  settledDelivery,
} from "./testing/fixtures";
import { startDeliveryWorkers } from "./worker";

let db: TestDatabase;
let scope: Scope;

beforeAll(async () => {
  db = await createTestDatabase();
  scope = await newScope(db);
});
afterAll(async () => {
  await db.close();
});

type Mail = { from: string; to: string[]; raw: string };

// A real SMTP server (the operator's relay in production) on loopback, keeping what it receives.
const startSmtp = async () => {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((r) => server.close(r)),
  };
};

// Quoted-printable (how long JSON lines travel in mail) back to text.
const decodeQuotedPrintable = (text: string) =>
  text
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

it("mails the callback when callback_url is an email address", async () => {
  const smtp = await startSmtp();
  const task = await createCallbackTask(scope, "ml-team@example.com");
  const deliveryId = await completeTask(scope, task.task_id);
  const workers = startDeliveryWorkers(db, {
    ...FAST,
    smtp: { url: smtp.url, from: "taskforge@example.org" },
  });
  try {
    const delivery = await settledDelivery(db, deliveryId ?? "");
    expect(delivery.status).toBe("succeeded");
    expect(delivery.attemptLog[0]?.responseExcerpt).toMatch(/^250/);
  } finally {
    await workers.stop();
    await smtp.close();
  }
  const [mail] = smtp.mails;
  expect(mail?.from).toBe("taskforge@example.org");
  expect(mail?.to).toEqual(["ml-team@example.com"]);
  expect(mail?.raw).toContain(`Subject: taskforge callback: task ${task.task_id} completed`);
  expect(mail?.raw.toLowerCase()).toContain(`webhook-id: ${deliveryId}`);
  expect(mail?.raw).not.toContain("whsec_");
  const text = decodeQuotedPrintable(
    mail?.raw
      .split(/\r?\n\r?\n/)
      .slice(1)
      .join("\n\n") ?? "",
  );
  expect(JSON.parse(text)).toMatchObject({
    task_id: task.task_id,
    status: "completed",
    task: { task_id: task.task_id },
  });
  expect(
    (await db.prisma.task.findUniqueOrThrow({ where: { id: task.task_id } })).callbackSucceeded,
  ).toBe(true);
});

it("records an email callback as failed, saying why, when no SMTP server is configured", async () => {
  const task = await createCallbackTask(scope, "ml-team@example.com");
  const deliveryId = await completeTask(scope, task.task_id);
  const workers = startDeliveryWorkers(db, FAST);
  try {
    const delivery = await settledDelivery(db, deliveryId ?? "");
    expect(delivery.status).toBe("failed");
    expect(delivery.attempts).toBe(1);
    expect(delivery.lastError).toBe(
      "callback_url is an email address but no SMTP server is configured (set TASKFORGE_CALLBACK_SMTP_URL and TASKFORGE_CALLBACK_SMTP_FROM)",
    );
  } finally {
    await workers.stop();
  }
});
