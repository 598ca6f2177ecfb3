import type { PrismaClient } from "@taskforge/db";

import type { DbClient } from "../../db-client";
import { generateCallbackSecret } from "./signing";

export type CallbackSecretRow = {
  id: string;
  secret: string;
  createdAt: Date;
  expiresAt: Date | null;
};

/** Secrets that sign deliveries now, oldest first (the oldest also fills `scale-callback-auth`). */
export const activeCallbackSecrets = (
  client: DbClient,
  organizationId: string,
): Promise<CallbackSecretRow[]> =>
  client.callbackSecret.findMany({
    where: { organizationId, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, secret: true, createdAt: true, expiresAt: true },
  });

// Web processes and workers may both find an organization without a secret at the same moment.
const lockSecrets = (tx: DbClient, organizationId: string) =>
  tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('taskforge.callback_secret'), hashtext(${organizationId}))`;

/** The active secrets, creating the organization's first one when it has none. */
export const ensureCallbackSecrets = async (
  prisma: PrismaClient,
  organizationId: string,
): Promise<CallbackSecretRow[]> => {
  const existing = await activeCallbackSecrets(prisma, organizationId);
  if (existing.length) return existing;
  return prisma.$transaction(async (tx) => {
    await lockSecrets(tx, organizationId);
    const again = await activeCallbackSecrets(tx, organizationId);
    if (again.length) return again;
    await tx.callbackSecret.create({ data: { organizationId, secret: generateCallbackSecret() } });
    return activeCallbackSecrets(tx, organizationId);
  });
};

/**
 * Starts signing with a new secret. The secrets in use keep signing for `overlapSeconds` more (every
 * delivery carries a signature per secret), so receivers can switch without dropping a callback.
 */
export const rotateCallbackSecrets = (
  prisma: PrismaClient,
  organizationId: string,
  overlapSeconds: number,
): Promise<CallbackSecretRow[]> =>
  prisma.$transaction(async (tx) => {
    await lockSecrets(tx, organizationId);
    const until = new Date(Date.now() + overlapSeconds * 1000);
    await tx.callbackSecret.updateMany({
      where: { organizationId, OR: [{ expiresAt: null }, { expiresAt: { gt: until } }] },
      data: { expiresAt: until },
    });
    await tx.callbackSecret.create({ data: { organizationId, secret: generateCallbackSecret() } });
    return activeCallbackSecrets(tx, organizationId);
  });
