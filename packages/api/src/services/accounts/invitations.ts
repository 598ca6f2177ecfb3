import type { Database, Prisma } from "@taskforge/db";
import { canGrantRoles, CreateInvitationInputSchema } from "@taskforge/schema";
import type { InvitationInfo, InvitationStatus, MemberRole } from "@taskforge/schema";

import { AppError, fromZodError } from "../../errors";
import { mailInvitation } from "./invitation-mail";
import type { MemberScope } from "./members";
import { requireOrganizationManager } from "./members";
import { generateToken, hashToken } from "./tokens";

const DAY_MS = 24 * 60 * 60 * 1000;

type InvitationRow = {
  id: string;
  email: string | null;
  roles: MemberRole[];
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
};

const statusOf = (row: InvitationRow, now = new Date()): InvitationStatus =>
  row.acceptedAt
    ? "accepted"
    : row.revokedAt
      ? "revoked"
      : row.expiresAt <= now
        ? "expired"
        : "pending";

const toInfo = (row: InvitationRow): InvitationInfo => ({
  id: row.id,
  email: row.email,
  roles: row.roles,
  status: statusOf(row),
  created_at: row.createdAt.toISOString(),
  expires_at: row.expiresAt.toISOString(),
});

/**
 * Creates an invitation link; the token is returned this once (only its hash is stored). An
 * invitation bound to an email is mailed there when SMTP is configured and `base_url` is given;
 * the mail goes out after the invitation is stored, and the answer says whether it was sent.
 */
export const createInvitation = async (scope: MemberScope, input: unknown) => {
  requireOrganizationManager(scope);
  const parsed = CreateInvitationInputSchema.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error);
  if (!canGrantRoles(scope.roles, parsed.data.roles))
    throw new AppError("forbidden", "Only an owner can invite an owner.");
  const token = generateToken();
  const row = await scope.db.prisma.invitation.create({
    data: {
      organizationId: scope.organizationId,
      email: parsed.data.email ?? null,
      roles: parsed.data.roles,
      tokenHash: hashToken(token),
      createdById: scope.userId,
      expiresAt: new Date(Date.now() + parsed.data.expires_in_days * DAY_MS),
    },
    include: {
      organization: { select: { name: true } },
      createdBy: { select: { name: true, email: true } },
    },
  });
  const email = await mailInvitation({
    email: row.email,
    link: parsed.data.base_url ? `${parsed.data.base_url.replace(/\/+$/, "")}/join/${token}` : null,
    organizationName: row.organization.name,
    inviter: row.createdBy ? (row.createdBy.name ?? row.createdBy.email) : null,
    roles: row.roles,
    expiresAt: row.expiresAt,
  });
  return { invitation: toInfo(row), token, ...email };
};

export const listInvitations = async (scope: MemberScope): Promise<InvitationInfo[]> => {
  const rows = await scope.db.prisma.invitation.findMany({
    where: { organizationId: scope.organizationId },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  return rows.map(toInfo);
};

export const revokeInvitation = async (scope: MemberScope, id: string) => {
  requireOrganizationManager(scope);
  const { count } = await scope.db.prisma.invitation.updateMany({
    where: { id, organizationId: scope.organizationId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new AppError("not_found", "No open invitation with that id.");
};

const invitationNotUsable = () =>
  new AppError(
    "not_found",
    "This invitation link is not valid: it was used, revoked or has expired.",
  );

/** What the join page shows before sign-up; unknown, used and expired links all read the same. */
export const describeInvitation = async (db: Database, token: string) => {
  const row = await db.prisma.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { organization: { select: { name: true } } },
  });
  if (!row || statusOf(row) !== "pending") throw invitationNotUsable();
  return { organization_name: row.organization.name, email: row.email, roles: row.roles };
};

/** Marks the invitation used and moves the user into its organization; same transaction as sign-up. */
export const acceptInvitationInTransaction = async (
  tx: Prisma.TransactionClient,
  token: string,
  user: { id: string; email: string },
) => {
  // The row lock makes a link single-use even when two people open it at once.
  const [row] = await tx.$queryRaw<(InvitationRow & { organizationId: string })[]>`
    SELECT id, email, roles::text[] AS roles, organization_id AS "organizationId", created_at AS "createdAt",
           expires_at AS "expiresAt", accepted_at AS "acceptedAt", revoked_at AS "revokedAt"
    FROM invitations WHERE token_hash = ${hashToken(token)} FOR UPDATE`;
  if (!row || statusOf(row) !== "pending") throw invitationNotUsable();
  if (row.email && row.email !== user.email)
    throw new AppError(
      "forbidden",
      `This invitation is for ${row.email}; sign up with that address to accept it.`,
    );
  await tx.invitation.update({ where: { id: row.id }, data: { acceptedAt: new Date() } });
  await tx.user.update({
    where: { id: user.id },
    data: { organizationId: row.organizationId, orgRoles: row.roles },
  });
  return { organizationId: row.organizationId };
};

/** A signed-in person without an organization joins one by its link. */
export const acceptInvitation = async (db: Database, userId: string, token: string) =>
  db.prisma.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { id: true, email: true, organizationId: true },
    });
    if (user.organizationId)
      throw new AppError(
        "conflict",
        "You already belong to an organization; an account belongs to one organization.",
      );
    return acceptInvitationInTransaction(tx, token, user);
  });
