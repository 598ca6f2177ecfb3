import type { Database } from "@taskforge/db";
import type { ChangePasswordInput } from "@taskforge/schema";

import { badRequest, invalidInput } from "../../errors";
import { assertStrongPassword } from "./password-policy";
import { hashPassword, verifyPassword } from "./passwords";
import { endSessionsOf } from "./sessions";

/**
 * Changes a person's password after checking the current one, and ends every other session of
 * theirs in the same transaction: whoever knew the old password is signed out everywhere. The
 * session asking (`user.sessionId`) stays signed in.
 */
export const changePassword = async (
  db: Database,
  user: { userId: string; sessionId?: string },
  input: ChangePasswordInput,
): Promise<{ changed: true }> => {
  const account = await db.prisma.user.findUnique({
    where: { id: user.userId },
    select: { passwordHash: true, email: true, name: true },
  });
  if (!account?.passwordHash) {
    throw badRequest(
      "This account signs in through an external provider and has no password to change.",
    );
  }
  if (!(await verifyPassword(account.passwordHash, input.current_password))) {
    throw invalidInput([{ path: ["current_password"], message: "is not your current password" }]);
  }
  assertStrongPassword(input.new_password, [account.email, account.name], "new_password");
  const passwordHash = await hashPassword(input.new_password);
  await db.prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.userId }, data: { passwordHash } });
    await endSessionsOf(tx, user.userId, user.sessionId);
  });
  return { changed: true };
};
