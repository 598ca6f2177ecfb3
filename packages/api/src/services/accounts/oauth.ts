import type { Database } from "@taskforge/db";
import { EmailSchema } from "@taskforge/schema";

import { AppError } from "../../errors";

/**
 * Finds or creates the user behind an external sign-in. Accounts are bound by the provider's account
 * id, never by email alone: an email that already has an account is refused instead of taken over.
 */
export const userForExternalAccount = async (
  db: Database,
  account: {
    provider: string;
    providerAccountId: string;
    email: string | null | undefined;
    name?: string | null;
  },
): Promise<{ userId: string }> => {
  const linked = await db.prisma.oAuthAccount.findUnique({
    where: {
      provider_providerAccountId: {
        provider: account.provider,
        providerAccountId: account.providerAccountId,
      },
    },
    select: { userId: true },
  });
  if (linked) {
    await db.prisma.user.update({
      where: { id: linked.userId },
      data: { lastSignInAt: new Date() },
    });
    return linked;
  }
  const email = EmailSchema.safeParse(account.email ?? "");
  if (!email.success)
    throw new AppError("bad_request", `${account.provider} did not share an email address.`);
  return db.prisma.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: email.data }, select: { id: true } }))
      throw new AppError(
        "conflict",
        "An account with this email already exists: sign in with its password.",
      );
    const user = await tx.user.create({
      data: { email: email.data, name: account.name ?? null, lastSignInAt: new Date() },
      select: { id: true },
    });
    await tx.oAuthAccount.create({
      data: {
        provider: account.provider,
        providerAccountId: account.providerAccountId,
        userId: user.id,
      },
    });
    return { userId: user.id };
  });
};
