import type { Database } from "@taskforge/db";
import { SignInInputSchema } from "@taskforge/schema";

import { AppError } from "../../errors";
import { RateLimitedError, takeRateLimitToken } from "../rate-limit";
import { spendPasswordCheck, verifyPassword } from "./passwords";

// Password guessing is slowed per email: 10 attempts at once, then one every 90 s.
export const SIGN_IN_ATTEMPTS = { perSecond: 1 / 90, burst: 10 } as const;

const takeSignInAttempt = async (db: Database, email: string) => {
  try {
    await takeRateLimitToken(db, `sign-in:${email}`, SIGN_IN_ATTEMPTS);
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    throw new AppError(
      "rate_limited",
      `Too many sign-in attempts for this email: try again in ${error.retryAfterSeconds} s.`,
    );
  }
};

/**
 * Checks an email and password; returns the user's id, or null for any mismatch (the caller must not
 * say which part was wrong). Throws a rate_limited AppError after too many attempts for one email.
 */
export const verifyCredentials = async (
  db: Database,
  input: unknown,
): Promise<{ userId: string } | null> => {
  const parsed = SignInInputSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  await takeSignInAttempt(db, email);
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
