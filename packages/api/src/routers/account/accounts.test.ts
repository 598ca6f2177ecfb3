import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { findApiKey } from "../../api-keys";
import { createInnerContext } from "../../context";
import {
  SIGN_IN_ATTEMPTS,
  SIGN_IN_ATTEMPTS_PER_CLIENT,
  endSession,
  ensureBootstrapAdmin,
  loadSessionUser,
  loadUserById,
  startSession,
  userForExternalAccount,
  verifyCredentials,
} from "../../services/accounts";
import { ensureInstanceSecret } from "../../services/accounts/instance-secret";
import { expectTRPCError } from "../../test/expect-error";
import { callerFor, categorizationTask, createTestDatabase } from "../../test/harness";
import type { TestDatabase } from "../../test/harness";
import { createCaller } from "../root";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.close();
});

let counter = 0;
const uniqueEmail = (label: string) => `${label}-${++counter}-${Date.now()}@example.com`;
const PASSWORD = "correct horse battery";

const anonymous = () => createCaller(createInnerContext({ db }));

/** The tRPC router as the signed-in person `userId` sees it (as the web route builds it). */
const signedIn = async (userId: string, mode: "live" | "test" = "live") => {
  const user = await loadUserById(db, userId);
  return createCaller(createInnerContext({ db, user, mode }));
};

const signUpOwner = async (label = "owner") => {
  const email = uniqueEmail(label);
  const { userId } = await anonymous().account.signUp({
    email,
    password: PASSWORD,
    organization_name: `Org of ${email}`,
  });
  return { email, userId, api: await signedIn(userId) };
};

describe("sign-up and credentials", () => {
  it("creates an organization owned by the new account and signs in with the password", async () => {
    const email = uniqueEmail("Mixed.Case");
    const { userId } = await anonymous().account.signUp({
      email: `  ${email.toUpperCase()} `,
      password: PASSWORD,
      name: "Ada",
      organization_name: "Acme",
    });
    const me = await (await signedIn(userId)).account.me();
    expect(me).toMatchObject({
      email: email.toLowerCase(),
      name: "Ada",
      organization: { name: "Acme", roles: ["owner", "annotator", "reviewer"] },
      platform_roles: [],
    });
    await expect(verifyCredentials(db, { email, password: PASSWORD })).resolves.toEqual({
      userId,
    });
    await expect(verifyCredentials(db, { email, password: "wrong password!" })).resolves.toBe(null);
    await expect(
      verifyCredentials(db, { email: uniqueEmail("nobody"), password: PASSWORD }),
    ).resolves.toBe(null);
  });

  it("stores only an Argon2id hash of the password", async () => {
    const { email } = await signUpOwner();
    const row = await db.prisma.user.findUniqueOrThrow({ where: { email } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(PASSWORD);
  });

  it("names each invalid field, and writes nothing", async () => {
    const email = uniqueEmail("invalid");
    const error = await expectTRPCError(
      anonymous().account.signUp({ email: "not-an-email", password: "short" }),
      "BAD_REQUEST",
    );
    const paths = (error.cause as { issues?: { path: string }[] }).issues?.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["email", "password"]));
    await expectTRPCError(anonymous().account.signUp({ email, password: PASSWORD }), "BAD_REQUEST");
    expect(await db.prisma.user.count({ where: { email } })).toBe(0);
  });

  it("refuses passwords that are easy to guess, naming the field and why, and writes nothing", async () => {
    const cases = [
      ["aaaaaaaaaa", /repeats a character/],
      ["1234567890", /most common passwords/],
      ["qwertyuiop", /most common passwords|row of keys/],
      ["Password1!", /commonly used password/],
      ["iloveyou12", /commonly used password/],
    ] as const;
    for (const [password, reason] of cases) {
      const email = uniqueEmail("weak");
      const error = await expectTRPCError(
        anonymous().account.signUp({ email, password, organization_name: "Weak" }),
        "BAD_REQUEST",
      );
      expect(error.message, password).toMatch(/^password: /);
      expect(error.message, password).toMatch(reason);
      expect(await db.prisma.user.count({ where: { email } })).toBe(0);
    }
    // The person's own email is as guessable as a common word.
    const email = uniqueEmail("margarethamilton");
    const own = await expectTRPCError(
      anonymous().account.signUp({ email, password: email, organization_name: "Weak" }),
      "BAD_REQUEST",
    );
    expect(own.message).toMatch(/^password: /);
  });

  it("refuses a second account with the same email, also when both sign up at once", async () => {
    const email = uniqueEmail("twice");
    const attempt = () =>
      anonymous().account.signUp({ email, password: PASSWORD, organization_name: "Twice" });
    const results = await Promise.allSettled([attempt(), attempt(), attempt()]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const failed of results.filter((r) => r.status === "rejected"))
      expect(String(failed.reason)).toMatch(/already exists/);
    expect(await db.prisma.user.count({ where: { email } })).toBe(1);
    // The losers' organizations were rolled back with their users.
    expect(await db.prisma.organization.count({ where: { name: "Twice" } })).toBe(1);
  });

  it("slows down password guessing from one address, without letting it lock the person out", async () => {
    const { email, userId } = await signUpOwner("guessed");
    const other = await signUpOwner("bystander");
    const guesser = "203.0.113.7";
    for (let attempt = 0; attempt < SIGN_IN_ATTEMPTS.burst; attempt++)
      await expect(
        verifyCredentials(db, { email, password: "guess-" + attempt }, guesser),
      ).resolves.toBe(null);
    await expect(verifyCredentials(db, { email, password: PASSWORD }, guesser)).rejects.toThrow(
      /Too many sign-in attempts for this email from this address: try again in \d+ s/,
    );
    // The person signs in from their own address; the guesser's other emails still go through.
    await expect(
      verifyCredentials(db, { email, password: PASSWORD }, "198.51.100.2"),
    ).resolves.toEqual({ userId });
    await expect(
      verifyCredentials(db, { email: other.email, password: PASSWORD }, guesser),
    ).resolves.toEqual({ userId: other.userId });
  });

  it("counts only wrong passwords: a person signing in often is never slowed", async () => {
    const { email, userId } = await signUpOwner("frequent");
    const office = "192.0.2.10";
    for (let i = 0; i < SIGN_IN_ATTEMPTS_PER_CLIENT.burst * 2; i++)
      await expect(verifyCredentials(db, { email, password: PASSWORD }, office)).resolves.toEqual({
        userId,
      });
  });

  it("slows down one address trying many emails", async () => {
    const sprayer = "203.0.113.99";
    for (let attempt = 0; attempt < SIGN_IN_ATTEMPTS_PER_CLIENT.burst; attempt++)
      await expect(
        verifyCredentials(db, { email: uniqueEmail("spray"), password: "Summer2026!" }, sprayer),
      ).resolves.toBe(null);
    await expect(
      verifyCredentials(db, { email: uniqueEmail("spray"), password: "Summer2026!" }, sprayer),
    ).rejects.toThrow(/Too many sign-in attempts from this address: try again in \d+ s/);
  });
});

describe("signed-in members and the organization's data", () => {
  it("reads and writes tasks of their own organization only, in the chosen world", async () => {
    const acme = await signUpOwner("acme");
    const globex = await signUpOwner("globex");
    const task = await acme.api.tasks.create(categorizationTask());
    expect((await acme.api.tasks.get({ task_id: task.task_id })).task_id).toBe(task.task_id);
    await expectTRPCError(globex.api.tasks.get({ task_id: task.task_id }), "NOT_FOUND");
    expect((await globex.api.tasks.list({})).docs).toEqual([]);
    // The test world is separate: the live task is not there.
    const acmeTest = await signedIn(acme.userId, "test");
    await expectTRPCError(acmeTest.tasks.get({ task_id: task.task_id }), "NOT_FOUND");
    const testTask = await acmeTest.tasks.create(categorizationTask());
    expect(testTask.status).toBe("completed");
  });

  it("records the member's name as the auditor, or their email when they have none", async () => {
    const acme = await signUpOwner("auditor");
    const acmeTest = await signedIn(acme.userId, "test");
    const task = await acmeTest.tasks.create(categorizationTask());
    const audited = await acmeTest.tasks.audit({ task_id: task.task_id, accepted: true });
    expect(audited.audits?.[0]?.audited_by).toBe(acme.email);

    const email = uniqueEmail("named");
    const { userId } = await anonymous().account.signUp({
      email,
      password: PASSWORD,
      name: "Grace Hopper",
      organization_name: `Org of ${email}`,
    });
    const named = await signedIn(userId, "test");
    const other = await named.tasks.create(categorizationTask());
    const byName = await named.tasks.audit({ task_id: other.task_id, accepted: true });
    expect(byName.audits?.[0]?.audited_by).toBe("Grace Hopper");
    const history = await named.tasks.history({ task_id: other.task_id });
    expect(history.filter((e) => e.type === "audited").map((e) => e.actor)).toEqual([
      "Grace Hopper",
    ]);
    expect(JSON.stringify(history)).not.toContain(email);
  });

  it("refuses the dashboard procedures to API keys and to people without an organization", async () => {
    const acme = await signUpOwner("keys");
    const { key } = await acme.api.apiKeys.create({ name: "ci", mode: "live" });
    const keyed = callerFor(db, await findApiKey(db.prisma, key));
    await expectTRPCError(keyed.apiKeys.list(), "UNAUTHORIZED");
    await expect(keyed.tasks.list({})).resolves.toBeDefined();
    const external = await userForExternalAccount(db, {
      provider: "github",
      providerAccountId: `gh-${++counter}`,
      email: uniqueEmail("external"),
    });
    const homeless = await signedIn(external.userId);
    await expectTRPCError(homeless.tasks.list({}), "FORBIDDEN");
    await expectTRPCError(homeless.apiKeys.list(), "FORBIDDEN");
    await expectTRPCError(anonymous().apiKeys.list(), "UNAUTHORIZED");
    await expectTRPCError(anonymous().tasks.list({}), "UNAUTHORIZED");
  });
});

describe("API keys", () => {
  it("are shown once, listed by prefix with last use, and stop working when revoked", async () => {
    const acme = await signUpOwner("apikeys");
    const created = await acme.api.apiKeys.create({ name: "CI", mode: "test" });
    expect(created.key).toMatch(/^test_/);
    expect(created.api_key).toMatchObject({ name: "CI", mode: "test", last_used_at: null });
    expect(created.key.startsWith(created.api_key.prefix.replace("…", ""))).toBe(true);
    const stored = await db.prisma.apiKey.findUniqueOrThrow({ where: { id: created.api_key.id } });
    expect(JSON.stringify(stored)).not.toContain(created.key);

    const authenticated = await findApiKey(db.prisma, created.key);
    expect(authenticated?.organizationId).toBe((await acme.api.account.me()).organization?.id);
    const listed = await acme.api.apiKeys.list();
    expect(listed.find((k) => k.id === created.api_key.id)?.last_used_at).not.toBe(null);
    expect(JSON.stringify(listed)).not.toContain(created.key);

    await acme.api.apiKeys.revoke({ id: created.api_key.id });
    await expect(findApiKey(db.prisma, created.key)).resolves.toBe(null);
    const revoked = (await acme.api.apiKeys.list()).find((k) => k.id === created.api_key.id);
    expect(revoked?.revoked_at).not.toBe(null);
  });

  it("cannot be listed or revoked by another organization", async () => {
    const acme = await signUpOwner("keyowner");
    const globex = await signUpOwner("keythief");
    const created = await acme.api.apiKeys.create({ name: "mine", mode: "live" });
    expect((await globex.api.apiKeys.list()).map((k) => k.id)).not.toContain(created.api_key.id);
    await expectTRPCError(globex.api.apiKeys.revoke({ id: created.api_key.id }), "NOT_FOUND");
    await expect(findApiKey(db.prisma, created.key)).resolves.not.toBe(null);
  });
});

describe("invitations and members", () => {
  it("adds the invited person to the organization once, with the invited role", async () => {
    const owner = await signUpOwner("inviter");
    const { token, invitation } = await owner.api.members.invite({
      roles: ["reviewer", "annotator"],
    });
    expect(invitation.status).toBe("pending");
    expect(invitation.roles).toEqual(["annotator", "reviewer"]);
    const described = await anonymous().account.describeInvitation({ token });
    expect(described.roles).toEqual(["annotator", "reviewer"]);

    const joinerEmail = uniqueEmail("joiner");
    const { userId } = await anonymous().account.signUp({
      email: joinerEmail,
      password: PASSWORD,
      invitation_token: token,
    });
    const joiner = await signedIn(userId);
    expect((await joiner.account.me()).organization).toMatchObject({
      id: (await owner.api.account.me()).organization?.id,
      roles: ["annotator", "reviewer"],
    });
    const members = await owner.api.members.list();
    expect(members.map((m) => m.email).sort()).toEqual([owner.email, joinerEmail].sort());
    expect((await owner.api.members.invitations())[0]?.status).toBe("accepted");

    // Single use: the link does not work again, and nothing is written by the attempt.
    const lateEmail = uniqueEmail("late");
    await expectTRPCError(
      anonymous().account.signUp({ email: lateEmail, password: PASSWORD, invitation_token: token }),
      "NOT_FOUND",
    );
    expect(await db.prisma.user.count({ where: { email: lateEmail } })).toBe(0);
  });

  it("keeps an invitation for one email to that email", async () => {
    const owner = await signUpOwner("strict");
    const invitedEmail = uniqueEmail("invited");
    const { token } = await owner.api.members.invite({ email: invitedEmail, roles: ["owner"] });
    await expectTRPCError(
      anonymous().account.signUp({
        email: uniqueEmail("intruder"),
        password: PASSWORD,
        invitation_token: token,
      }),
      "FORBIDDEN",
    );
    const { userId } = await anonymous().account.signUp({
      email: invitedEmail,
      password: PASSWORD,
      invitation_token: token,
    });
    expect((await (await signedIn(userId)).account.me()).organization?.roles).toEqual(["owner"]);
  });

  it("refuses revoked and expired invitations", async () => {
    const owner = await signUpOwner("revoker");
    const revoked = await owner.api.members.invite({});
    await owner.api.members.revokeInvitation({ id: revoked.invitation.id });
    await expectTRPCError(
      anonymous().account.describeInvitation({ token: revoked.token }),
      "NOT_FOUND",
    );
    const expired = await owner.api.members.invite({});
    await db.prisma.invitation.update({
      where: { id: expired.invitation.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await expectTRPCError(
      anonymous().account.signUp({
        email: uniqueEmail("expired"),
        password: PASSWORD,
        invitation_token: expired.token,
      }),
      "NOT_FOUND",
    );
    expect((await owner.api.members.invitations()).map((i) => i.status).sort()).toEqual([
      "expired",
      "revoked",
    ]);
  });

  it("lets only owners and admins manage members, and always keeps one owner", async () => {
    const owner = await signUpOwner("boss");
    const { token } = await owner.api.members.invite({ roles: ["manager"] });
    const { userId: memberId } = await anonymous().account.signUp({
      email: uniqueEmail("staff"),
      password: PASSWORD,
      invitation_token: token,
    });
    const member = await signedIn(memberId);
    await expectTRPCError(member.members.invite({}), "FORBIDDEN");
    await expectTRPCError(member.members.remove({ id: owner.userId }), "FORBIDDEN");

    await expectTRPCError(
      owner.api.members.setRoles({ id: owner.userId, roles: ["manager"] }),
      "CONFLICT",
    );
    await owner.api.members.setRoles({ id: memberId, roles: ["owner"] });
    await owner.api.members.setRoles({ id: owner.userId, roles: ["manager"] });
    const roles = Object.fromEntries(
      (await member.members.list()).map((m) => [m.id, m.roles] as const),
    );
    expect(roles).toEqual({ [owner.userId]: ["manager"], [memberId]: ["owner"] });

    // A removed member keeps their account but loses the organization's data at once.
    // Roles are read per request, so the promoted member acts as an owner from the next call on.
    await (await signedIn(memberId)).members.remove({ id: owner.userId });
    await expectTRPCError((await signedIn(owner.userId)).tasks.list({}), "FORBIDDEN");
  });

  it("does not let an owner manage another organization's members", async () => {
    const acme = await signUpOwner("acme-members");
    const globex = await signUpOwner("globex-members");
    await expectTRPCError(acme.api.members.remove({ id: globex.userId }), "NOT_FOUND");
    await expectTRPCError(
      acme.api.members.setRoles({ id: globex.userId, roles: ["manager"] }),
      "NOT_FOUND",
    );
  });

  it("lets a person without an organization create one or accept an invitation", async () => {
    const owner = await signUpOwner("host");
    const { token } = await owner.api.members.invite({});
    const first = await userForExternalAccount(db, {
      provider: "oidc",
      providerAccountId: `sub-${++counter}`,
      email: uniqueEmail("sso"),
    });
    await (await signedIn(first.userId)).account.acceptInvitation({ token });
    expect((await (await signedIn(first.userId)).account.me()).organization?.roles).toEqual([
      "annotator",
    ]);
    await expectTRPCError(
      (await signedIn(first.userId)).account.createOrganization({ name: "Second" }),
      "CONFLICT",
    );

    const second = await userForExternalAccount(db, {
      provider: "oidc",
      providerAccountId: `sub-${++counter}`,
      email: uniqueEmail("sso"),
    });
    await (await signedIn(second.userId)).account.createOrganization({ name: "Own org" });
    expect((await (await signedIn(second.userId)).account.me()).organization).toMatchObject({
      name: "Own org",
      roles: ["owner", "annotator", "reviewer"],
    });
  });
});

describe("sessions", () => {
  const WEEK_S = 7 * 24 * 3600;

  it("sign a person in only while their session lives: sign-out and expiry end it", async () => {
    const { userId } = await signUpOwner("session");
    const laptop = await startSession(db, userId, WEEK_S);
    const phone = await startSession(db, userId, WEEK_S);
    expect((await loadSessionUser(db, userId, laptop))?.sessionId).toBe(laptop);
    // A cookie that names no session (or another person's) signs no one in.
    expect(await loadSessionUser(db, userId, undefined)).toBeNull();
    expect(await loadSessionUser(db, userId, crypto.randomUUID())).toBeNull();
    const { userId: someoneElse } = await signUpOwner("other");
    expect(await loadSessionUser(db, someoneElse, laptop)).toBeNull();

    await endSession(db, laptop);
    expect(await loadSessionUser(db, userId, laptop)).toBeNull();
    expect(await loadSessionUser(db, userId, phone)).not.toBeNull();

    await db.prisma.userSession.update({
      where: { id: phone },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await loadSessionUser(db, userId, phone)).toBeNull();
  });

  it("end everywhere but the asking browser when the password changes; the new password signs in", async () => {
    const { email, userId } = await signUpOwner("changer");
    const here = await startSession(db, userId, WEEK_S);
    const elsewhere = await startSession(db, userId, WEEK_S);
    const api = createCaller(
      createInnerContext({ db, user: await loadSessionUser(db, userId, here) }),
    );
    const wrong = await expectTRPCError(
      api.account.changePassword({
        current_password: "not it",
        new_password: "a new long passphrase",
      }),
      "BAD_REQUEST",
    );
    expect(wrong.message).toContain("current_password");
    expect(await loadSessionUser(db, userId, elsewhere)).not.toBeNull();
    await expectTRPCError(
      api.account.changePassword({ current_password: PASSWORD, new_password: "short" }),
      "BAD_REQUEST",
    );
    const weak = await expectTRPCError(
      api.account.changePassword({ current_password: PASSWORD, new_password: "aaaaaaaaaaaa" }),
      "BAD_REQUEST",
    );
    expect(weak.message).toContain("new_password");

    await api.account.changePassword({
      current_password: PASSWORD,
      new_password: "a new long passphrase",
    });
    expect(await loadSessionUser(db, userId, elsewhere)).toBeNull();
    expect(await loadSessionUser(db, userId, here)).not.toBeNull();
    expect(await verifyCredentials(db, { email, password: PASSWORD })).toBeNull();
    expect(await verifyCredentials(db, { email, password: "a new long passphrase" })).toMatchObject(
      {
        userId,
      },
    );
  });

  it("end everywhere when the member is removed from the organization", async () => {
    const owner = await signUpOwner("remover");
    const { token } = await owner.api.members.invite({ roles: ["annotator"] });
    const { userId: memberId } = await anonymous().account.signUp({
      email: uniqueEmail("leaver"),
      password: PASSWORD,
      invitation_token: token,
    });
    const session = await startSession(db, memberId, WEEK_S);
    await owner.api.members.setRoles({ id: memberId, roles: ["reviewer"] });
    expect(await loadSessionUser(db, memberId, session)).not.toBeNull();
    await owner.api.members.remove({ id: memberId });
    expect(await loadSessionUser(db, memberId, session)).toBeNull();
  });
});

describe("external sign-in, bootstrap admin and the session secret", () => {
  it("binds an external account by its provider id and never takes over an existing email", async () => {
    const email = uniqueEmail("gh");
    const account = { provider: "github", providerAccountId: `gh-${++counter}`, email };
    const first = await userForExternalAccount(db, account);
    const again = await userForExternalAccount(db, { ...account, email: "changed@example.com" });
    expect(again.userId).toBe(first.userId);

    const { email: taken } = await signUpOwner("taken");
    await expect(
      userForExternalAccount(db, {
        provider: "github",
        providerAccountId: `gh-${++counter}`,
        email: taken,
      }),
    ).rejects.toThrow(/already exists/);
  });

  it("creates the bootstrap admin once and resets its password at each start", async () => {
    const email = uniqueEmail("admin");
    const first = await ensureBootstrapAdmin(db, { email, password: "first-password-1" });
    const second = await ensureBootstrapAdmin(db, { email, password: "second-password-2" });
    expect(first.created).toBe(true);
    expect(second).toEqual({ userId: first.userId, created: false });
    await expect(verifyCredentials(db, { email, password: "second-password-2" })).resolves.toEqual({
      userId: first.userId,
    });
    await expect(verifyCredentials(db, { email, password: "first-password-1" })).resolves.toBe(
      null,
    );
    const admin = await signedIn(first.userId);
    expect((await admin.account.me()).platform_roles).toContain("admin");
    await expect(admin.workforce.list()).resolves.toBeDefined();
    const owner = await signUpOwner("not-admin");
    await expectTRPCError(owner.api.workforce.list(), "FORBIDDEN");
  });

  it("generates the session secret once, whoever asks first", async () => {
    const name = `secret-${++counter}`;
    const secrets = await Promise.all([1, 2, 3].map(() => ensureInstanceSecret(db, name)));
    expect(new Set(secrets).size).toBe(1);
    expect(secrets[0]?.length).toBeGreaterThanOrEqual(40);
    await expect(ensureInstanceSecret(db, name)).resolves.toBe(secrets[0]);
  });
});
