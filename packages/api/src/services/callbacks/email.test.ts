import { createTestDatabase } from "@taskforge/db/testing";
import type { TestDatabase } from "@taskforge/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";

import type { Scope } from "../../scope";
import { decodeQuotedPrintable, startSmtp } from "../../test/smtp-sink";
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
