import type { Database } from "@taskforge/db";
import { SignInInputSchema } from "@taskforge/schema";

import { spendPasswordCheck, verifyPassword } from "./passwords";

/**
 * Checks an email and password; returns the user's id, or null for any mismatch (the caller must not
 * say which part was wrong).
 */
export const verifyCredentials = async (
  db: Database,
  input: unknown,
): Promise<{ userId: string } | null> => {
  const parsed = SignInInputSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await db.prisma.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true },
  });
  if (!user?.passwordHash) {
    await spendPasswordCheck(password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  await db.prisma.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return { userId: user.id };
};
