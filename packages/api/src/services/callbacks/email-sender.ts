import nodemailer from "nodemailer";

import type { SendOutcome } from "./http-sender";

export type SmtpConfig = {
  /** `smtp://user:password@host:587` (STARTTLS when offered) or `smtps://…:465`. */
  url: string;
  /** The From address of callback emails. */
  from: string;
};

export type MailOutcome = { ok: true; response: string } | { ok: false; error: string };

/**
 * The installation's one way to send mail: the operator's SMTP server (callback emails and
 * invitations both go through it). `null` without SMTP configured.
 */
export const createMailer = (smtp: SmtpConfig | undefined, timeoutMs: number) => {
  if (!smtp) return null;
  const transport = nodemailer.createTransport({
    url: smtp.url,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  const send = async (mail: {
    to: string;
    subject: string;
    text: string;
    headers?: Record<string, string>;
  }): Promise<MailOutcome> => {
    try {
      const info = await transport.sendMail({ from: smtp.from, ...mail });
      return { ok: true, response: String(info.response).slice(0, 1024) };
    } catch (error) {
      return { ok: false, error: `SMTP: ${(error as Error).message}` };
    }
  };
  return { send, close: () => transport.close() };
};
export type Mailer = NonNullable<ReturnType<typeof createMailer>>;

/**
 * Scale accepts an email address as `callback_url` and mails the JSON instead of POSTing it. The
 * SMTP server is the operator's, so it is not subject to the SSRF guard; the recipient is the
 * customer's. Without SMTP configured such deliveries fail at once, saying so.
 */
export const createEmailSender = (smtp: SmtpConfig | undefined, timeoutMs: number) => {
  const mailer = createMailer(smtp, timeoutMs);

  const send = async (to: string, body: string, webhookId: string): Promise<SendOutcome> => {
    if (!mailer) {
      return {
        ok: false,
        statusCode: null,
        error:
          "callback_url is an email address but no SMTP server is configured (set TASKFORGE_CALLBACK_SMTP_URL and TASKFORGE_CALLBACK_SMTP_FROM)",
        excerpt: null,
        permanent: true,
      };
    }
    const outcome = await mailer.send({
      to,
      subject: `taskforge callback: ${summarize(body)}`,
      // Indented for the people who read these; the secret and signatures stay out of mail,
      // only the id to de-duplicate on goes along.
      text: readable(body),
      headers: { "webhook-id": webhookId },
    });
    return outcome.ok
      ? { ok: true, statusCode: null, error: null, excerpt: outcome.response }
      : { ok: false, statusCode: null, error: outcome.error, excerpt: null };
  };

  return { send, close: () => mailer?.close() };
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
