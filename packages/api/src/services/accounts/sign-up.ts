import type { Database, Prisma } from "@taskforge/db";
import { CreateOrganizationInputSchema, SignUpInputSchema } from "@taskforge/schema";

import { AppError, conflict, fromZodError } from "../../errors";
import { acceptInvitationInTransaction } from "./invitations";
import { assertStrongPassword } from "./password-policy";
import { hashPassword } from "./passwords";

const isUniqueViolation = (error: unknown) =>
  typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";

const emailTaken = () =>
  conflict("An account with this email already exists: sign in instead, or use another email.");

/**
 * Creates an account with a password: either a new organization with this person as its owner, or a
 * member of the organization whose invitation token is given. All or nothing.
 */
export const signUp = async (db: Database, input: unknown): Promise<{ userId: string }> => {
  const parsed = SignUpInputSchema.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error);
  const { email, password, name, organization_name, invitation_token } = parsed.data;
  assertStrongPassword(password, [email, name, organization_name]);
  const passwordHash = await hashPassword(password);
  try {
    return await db.prisma.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email }, select: { id: true } })) throw emailTaken();
      const user = await tx.user.create({
        data: { email, name: name || null, passwordHash, lastSignInAt: new Date() },
        select: { id: true },
      });
      if (invitation_token) {
        await acceptInvitationInTransaction(tx, invitation_token, { id: user.id, email });
      } else {
        await createOwnedOrganization(tx, user.id, organization_name ?? "");
      }
      return { userId: user.id };
    });
  } catch (error) {
    // Two sign-ups with one email at once: the unique index decides, the loser gets the same answer.
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
};

const createOwnedOrganization = async (
  tx: Prisma.TransactionClient,
  userId: string,
  name: string,
) => {
  const organization = await tx.organization.create({ data: { name }, select: { id: true } });
  await tx.user.update({
    where: { id: userId },
    // The owner can label at once: a team of one labels its own data without inviting anyone.
    data: { organizationId: organization.id, orgRoles: ["owner", "annotator", "reviewer"] },
  });
  return organization;
};

/** For a signed-in person without an organization (an external sign-in, a removed member). */
export const createOrganizationForUser = async (db: Database, userId: string, input: unknown) => {
  const parsed = CreateOrganizationInputSchema.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error);
  return db.prisma.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { organizationId: true },
    });
    if (user.organizationId)
      throw new AppError("conflict", "You already belong to an organization.");
    return createOwnedOrganization(tx, userId, parsed.data.name);
  });
};
