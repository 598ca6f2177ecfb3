import { randomUUID } from "node:crypto";

import type { Database, Prisma } from "@taskforge/db";

/**
 * Web sessions. The session cookie is a signed JWT, which alone cannot be taken back; it carries
 * the id of a row here, and a cookie whose row is gone (signed out, password changed, removed from
 * the organization) signs no one in, on every device at once.
 */
export const startSession = async (db: Database, userId: string, maxAgeSeconds: number) => {
  const id = randomUUID();
  await db.prisma.userSession.create({
    data: { id, userId, expiresAt: new Date(Date.now() + maxAgeSeconds * 1000) },
  });
  // Sessions that ran out are of no use to anyone: a sign-in clears its person's.
  await db.prisma.userSession.deleteMany({ where: { userId, expiresAt: { lte: new Date() } } });
  return id;
};

/** Signs one browser out. */
export const endSession = async (db: Database, sessionId: string) => {
  await db.prisma.userSession.deleteMany({ where: { id: sessionId } });
};

/** Signs a person out everywhere, but for the session named in `except` (the one asking). */
export const endSessionsOf = async (
  tx: Prisma.TransactionClient,
  userId: string,
  except?: string,
) => {
  await tx.userSession.deleteMany({
    where: { userId, ...(except ? { id: { not: except } } : {}) },
  });
};
