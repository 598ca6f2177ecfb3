import nodemailer from "nodemailer";

import type { SendOutcome } from "./http-sender";

export type SmtpConfig = {
  /** `smtp://user:password@host:587` (STARTTLS when offered) or `smtps://…:465`. */
  url: string;
  /** The From address of callback emails. */
  from: string;
};

/**
 * Scale accepts an email address as `callback_url` and mails the JSON instead of POSTing it. The
 * SMTP server is the operator's, so it is not subject to the SSRF guard; the recipient is the
 * customer's. Without SMTP configured such deliveries fail at once, saying so.
 */
export const createEmailSender = (smtp: SmtpConfig | undefined, timeoutMs: number) => {
  const transport = smtp
    ? nodemailer.createTransport({
        url: smtp.url,
        connectionTimeout: timeoutMs,
        greetingTimeout: timeoutMs,
        socketTimeout: timeoutMs,
      })
    : null;

  const send = async (to: string, body: string, webhookId: string): Promise<SendOutcome> => {
    if (!transport || !smtp) {
      return {
        ok: false,
        statusCode: null,
        error:
          "callback_url is an email address but no SMTP server is configured (set TASKFORGE_CALLBACK_SMTP_URL and TASKFORGE_CALLBACK_SMTP_FROM)",
        excerpt: null,
        permanent: true,
      };
    }
    const summary = summarize(body);
    try {
      const info = await transport.sendMail({
        from: smtp.from,
        to,
        subject: `taskforge callback: ${summary}`,
        // Indented for the people who read these; the secret and signatures stay out of mail,
        // only the id to de-duplicate on goes along.
        text: readable(body),
        headers: { "webhook-id": webhookId },
      });
      return {
        ok: true,
        statusCode: null,
        error: null,
        excerpt: String(info.response).slice(0, 1024),
      };
    } catch (error) {
      return {
        ok: false,
        statusCode: null,
        error: `SMTP: ${(error as Error).message}`,
        excerpt: null,
      };
    }
  };

  return { send, close: () => transport?.close() };
};

const readable = (body: string): string => {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
};

// "task 5f1… completed" or "batch kitten_labeling completed", for the subject line.
const summarize = (body: string): string => {
  try {
    const payload = JSON.parse(body) as {
      task_id?: string;
      status?: string;
      batch?: { name?: string };
    };
    if (payload.task_id) return `task ${payload.task_id} ${payload.status ?? ""}`.trim();
    if (payload.batch?.name) return `batch ${payload.batch.name} ${payload.status ?? ""}`.trim();
  } catch {
    // Not JSON: fall through to the generic subject.
  }
  return "event";
};

export type EmailSender = ReturnType<typeof createEmailSender>;
