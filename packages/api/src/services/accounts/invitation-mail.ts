import type { InvitationEmailStatus, MemberRole } from "@taskforge/schema";

import { config } from "../../config";
import { createMailer } from "../callbacks/email-sender";
import type { Mailer, SmtpConfig } from "../callbacks/email-sender";

/** How invitations are mailed: the operator's SMTP server of email callbacks, if one is set. */
export type InvitationMailConfig = { smtp: SmtpConfig | undefined; timeoutMs: number };

const DEFAULT_TIMEOUT_MS = 10_000;

const fromConfig = (): InvitationMailConfig => {
  const c = config();
  return {
    smtp:
      c.TASKFORGE_CALLBACK_SMTP_URL && c.TASKFORGE_CALLBACK_SMTP_FROM
        ? { url: c.TASKFORGE_CALLBACK_SMTP_URL, from: c.TASKFORGE_CALLBACK_SMTP_FROM }
        : undefined,
    timeoutMs: c.TASKFORGE_CALLBACK_TIMEOUT_MS ?? DEFAULT_TIMEOUT_MS,
  };
};

// One mailer per process, made from the configuration on first use; tests install their own.
let current: { config: InvitationMailConfig; mailer: Mailer | null } | undefined;

const mailer = () => {
  if (!current) {
    const settings = fromConfig();
    current = { config: settings, mailer: createMailer(settings.smtp, settings.timeoutMs) };
  }
  return current.mailer;
};

/** Replaces how invitations are mailed (tests, embedders); `undefined` reads the configuration again. */
export const configureInvitationMail = (settings: InvitationMailConfig | undefined) => {
  current?.mailer?.close();
  current = settings
    ? { config: settings, mailer: createMailer(settings.smtp, settings.timeoutMs) }
    : undefined;
};

export type InvitationEmailResult = {
  emailed: boolean;
  email_status: InvitationEmailStatus;
  email_note: string;
};

/**
 * Mails the join link to the address an invitation is bound to. Called after the invitation is
 * stored (never inside its transaction): a failed send leaves the invitation and its link
 * working, and the answer says so.
 */
export const mailInvitation = async (invitation: {
  email: string | null;
  link: string | null;
  organizationName: string;
  inviter: string | null;
  roles: readonly MemberRole[];
  expiresAt: Date;
}): Promise<InvitationEmailResult> => {
  if (!invitation.email)
    return {
      emailed: false,
      email_status: "no_email",
      email_note:
        "No email was sent: the invitation is for anyone with the link. Send it yourself.",
    };
  const smtp = mailer();
  if (!smtp)
    return {
      emailed: false,
      email_status: "not_configured",
      email_note: `No email was sent: this installation has no SMTP server configured. Send the link to ${invitation.email} yourself.`,
    };
  if (!invitation.link)
    return {
      emailed: false,
      email_status: "failed",
      email_note: `No email was sent to ${invitation.email}: the request gave no base_url to build the link from. Send the link yourself.`,
    };
  const by = invitation.inviter ? `${invitation.inviter} invited you` : "You are invited";
  const outcome = await smtp.send({
    to: invitation.email,
    subject: `Join ${invitation.organizationName} on taskforge`,
    text: [
      `${by} to join ${invitation.organizationName} on taskforge as ${invitation.roles.join(", ")}.`,
      "",
      `Open this link to accept (it works once, until ${invitation.expiresAt.toISOString()}):`,
      invitation.link,
      "",
      `Sign up with this address (${invitation.email}) to accept.`,
    ].join("\n"),
  });
  return outcome.ok
    ? {
        emailed: true,
        email_status: "sent",
        email_note: `The link was emailed to ${invitation.email}.`,
      }
    : {
        emailed: false,
        email_status: "failed",
        email_note: `The email to ${invitation.email} failed (${outcome.error}). The invitation stands: send the link yourself.`,
      };
};
