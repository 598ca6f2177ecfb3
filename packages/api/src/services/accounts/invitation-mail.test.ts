import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { createInnerContext } from "../../context";
import { createCaller } from "../../routers/root";
import { createTestDatabase } from "../../test/harness";
import type { TestDatabase } from "../../test/harness";
import { decodeQuotedPrintable, startSmtp } from "../../test/smtp-sink";
import { configureInvitationMail } from "./invitation-mail";
import { loadUserById } from "./session-user";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterEach(() => configureInvitationMail({ smtp: undefined, timeoutMs: 2_000 }));
afterAll(async () => {
  configureInvitationMail(undefined);
  await db.close();
});

let counter = 0;
const uniqueEmail = (label: string) => `${label}-${++counter}-${Date.now()}@example.com`;
const anonymous = () => createCaller(createInnerContext({ db }));

const signUpOwner = async () => {
  const email = uniqueEmail("owner");
  const { userId } = await anonymous().account.signUp({
    email,
    password: "correct horse battery",
    name: "Olivia Owner",
    organization_name: "Mailed Org",
  });
  return createCaller(createInnerContext({ db, user: await loadUserById(db, userId) }));
};

const BASE = "http://labels.example.com:3000";

describe("invitations by email", () => {
  it("mails the join link to the bound address when SMTP is configured, after storing it", async () => {
    const smtp = await startSmtp();
    configureInvitationMail({
      smtp: { url: smtp.url, from: "taskforge@example.org" },
      timeoutMs: 2_000,
    });
    try {
      const owner = await signUpOwner();
      const to = uniqueEmail("annotator");
      const created = await owner.members.invite({
        email: to,
        roles: ["annotator", "reviewer"],
        base_url: `${BASE}/`,
      });
      expect(created).toMatchObject({
        emailed: true,
        email_status: "sent",
        email_note: `The link was emailed to ${to}.`,
      });
      expect(smtp.mails).toHaveLength(1);
      const [mail] = smtp.mails;
      expect(mail).toMatchObject({ from: "taskforge@example.org", to: [to] });
      const text = decodeQuotedPrintable(mail?.raw ?? "");
      expect(text).toContain("Subject: Join Mailed Org on taskforge");
      expect(text).toContain(`${BASE}/join/${created.token}`);
      expect(text).toContain(
        "Olivia Owner invited you to join Mailed Org on taskforge as annotator, reviewer.",
      );
      // The mailed link is the stored invitation's.
      await expect(
        anonymous().account.describeInvitation({ token: created.token }),
      ).resolves.toMatchObject({ organization_name: "Mailed Org", email: to });

      // A link for anyone is not mailed to anyone.
      const open = await owner.members.invite({ base_url: BASE });
      expect(open).toMatchObject({ emailed: false, email_status: "no_email" });
      expect(open.email_note).toContain("No email was sent");
      expect(smtp.mails).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });

  it("mails Scale's team invitations too when base_url is given", async () => {
    const smtp = await startSmtp();
    configureInvitationMail({
      smtp: { url: smtp.url, from: "taskforge@example.org" },
      timeoutMs: 2_000,
    });
    try {
      const owner = await signUpOwner();
      const to = [uniqueEmail("labeler-a"), uniqueEmail("labeler-b")];
      const team = await owner.teams.invite({ emails: to, team_role: "labeler", base_url: BASE });
      const links = to.map((email) => team.find((t) => t.email === email)?.invite_url);
      expect(smtp.mails.map((mail) => mail.to).sort()).toEqual(to.map((email) => [email]).sort());
      for (const [i, email] of to.entries()) {
        const mail = smtp.mails.find((m) => m.to[0] === email);
        const link = links[i] ?? "";
        expect(link).toMatch(new RegExp(`^${BASE}/join/`));
        expect(decodeQuotedPrintable(mail?.raw ?? "")).toContain(link);
      }
    } finally {
      await smtp.close();
    }
  });

  it("says no email was sent when no SMTP server is configured, and the link still works", async () => {
    configureInvitationMail({ smtp: undefined, timeoutMs: 2_000 });
    const owner = await signUpOwner();
    const to = uniqueEmail("nosmtp");
    const created = await owner.members.invite({ email: to, base_url: BASE });
    expect(created).toMatchObject({ emailed: false, email_status: "not_configured" });
    expect(created.email_note).toBe(
      `No email was sent: this installation has no SMTP server configured. Send the link to ${to} yourself.`,
    );
    await expect(
      anonymous().account.describeInvitation({ token: created.token }),
    ).resolves.toMatchObject({ email: to });
  });

  it("keeps the invitation when the send fails, and says the email failed", async () => {
    const refusing = await startSmtp({ refuse: true });
    configureInvitationMail({
      smtp: { url: refusing.url, from: "taskforge@example.org" },
      timeoutMs: 2_000,
    });
    try {
      const owner = await signUpOwner();
      const to = uniqueEmail("bounced");
      const created = await owner.members.invite({ email: to, base_url: BASE });
      expect(created).toMatchObject({ emailed: false, email_status: "failed" });
      expect(created.email_note).toMatch(
        new RegExp(
          `^The email to ${to.replace(/[.]/g, "\\.")} failed \\(SMTP: .*550.*\\)\\. The invitation stands`,
        ),
      );
      expect(refusing.mails).toHaveLength(0);
      expect((await owner.members.invitations()).map((i) => [i.email, i.status])).toEqual([
        [to, "pending"],
      ]);
      // The link works: the invited person joins with it.
      const { userId } = await anonymous().account.signUp({
        email: to,
        password: "correct horse battery",
        invitation_token: created.token,
      });
      const joined = createCaller(createInnerContext({ db, user: await loadUserById(db, userId) }));
      expect((await joined.account.me()).organization?.name).toBe("Mailed Org");
    } finally {
      await refusing.close();
    }

    // An unreachable server fails the same way, within the timeout.
    configureInvitationMail({
      smtp: { url: "smtp://127.0.0.1:1", from: "taskforge@example.org" },
      timeoutMs: 2_000,
    });
    const owner = await signUpOwner();
    const unreachable = await owner.members.invite({ email: uniqueEmail("down"), base_url: BASE });
    expect(unreachable).toMatchObject({ emailed: false, email_status: "failed" });
    expect(unreachable.email_note).toContain("The invitation stands");
  });
});
