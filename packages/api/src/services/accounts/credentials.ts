import type { Database } from "@taskforge/db";
import { SignInInputSchema } from "@taskforge/schema";

import { AppError } from "../../errors";
import { RateLimitedError, returnRateLimitToken, takeRateLimitToken } from "../rate-limit";
import { spendPasswordCheck, verifyPassword } from "./passwords";

/**
 * Password guessing is slowed per client address, not per email alone: a per-email limit would let
 * anyone lock the real person out by guessing wrong from elsewhere. One address may try one email
 * 5 times at once, then once every 90 s; and any emails 10 times at once, then once every 10 s.
 * Only wrong guesses count: a correct password gives its tokens back. Each guess also costs an
 * Argon2 verification.
 */
export const SIGN_IN_ATTEMPTS = { perSecond: 1 / 90, burst: 5 } as const;
export const SIGN_IN_ATTEMPTS_PER_CLIENT = { perSecond: 1 / 10, burst: 10 } as const;

const signInLimits = (client: string, email: string) => [
  { key: `sign-in-client:${client}`, config: SIGN_IN_ATTEMPTS_PER_CLIENT, what: "" },
  { key: `sign-in:${client}:${email}`, config: SIGN_IN_ATTEMPTS, what: " for this email" },
];

const takeSignInAttempt = async (db: Database, client: string, email: string) => {
  for (const { key, config, what } of signInLimits(client, email)) {
    try {
      await takeRateLimitToken(db, key, config);
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      throw new AppError(
        "rate_limited",
        `Too many sign-in attempts${what} from this address: try again in ${error.retryAfterSeconds} s.`,
      );
    }
  }
};

/**
 * Checks an email and password; returns the user's id, or null for any mismatch (the caller must not
 * say which part was wrong). Throws a rate_limited AppError after too many attempts from `client`
 * (the caller's address, as the server saw it).
 */
export const verifyCredentials = async (
  db: Database,
  input: unknown,
  client = "unknown",
): Promise<{ userId: string } | null> => {
  const parsed = SignInInputSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  await takeSignInAttempt(db, client, email);
  const user = await db.prisma.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true },
  });
  if (!user?.passwordHash) {
    await spendPasswordCheck(password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  for (const { key, config } of signInLimits(client, email))
    await returnRateLimitToken(db, key, config);
  await db.prisma.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return { userId: user.id };
};
