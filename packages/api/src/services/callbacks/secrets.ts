import type { Database, SqlSession } from "@taskforge/db";

import type { DbClient } from "../../db-client";
import { uuidv7 } from "./ids";
import { generateCallbackSecret } from "./signing";

/**
 * Signing secrets are read and first created in plain SQL: delivery workers need them before their
 * first deliveries, and a worker process's first Prisma queries (its query compiler starting up)
 * take about a second of CPU, which held those deliveries up.
 */

export type CallbackSecretRow = {
  id: string;
  secret: string;
  createdAt: Date;
  expiresAt: Date | null;
};

const ACTIVE = `"organization_id" = $1 AND ("expires_at" IS NULL OR "expires_at" > now())`;
const COLUMNS = `"id"::text AS "id", "secret", "created_at" AS "createdAt", "expires_at" AS "expiresAt"`;

/** Secrets that sign deliveries now, oldest first (the oldest also fills `scale-callback-auth`). */
export const activeCallbackSecrets = (
  sql: SqlSession,
  organizationId: string,
): Promise<CallbackSecretRow[]> =>
  sql.query<CallbackSecretRow>(
    `SELECT ${COLUMNS} FROM "callback_secrets" WHERE ${ACTIVE} ORDER BY "created_at", "id"`,
    [organizationId],
  );

/** The active secrets, or a new one under `id` when there are none; one statement. */
const activeOrCreated = (sql: SqlSession, organizationId: string, id: string) =>
  sql.query<CallbackSecretRow>(
    `WITH active AS (SELECT * FROM "callback_secrets" WHERE ${ACTIVE}),
    created AS (
      INSERT INTO "callback_secrets" ("id", "organization_id", "secret")
      SELECT $2::uuid, $1, $3 WHERE NOT EXISTS (SELECT 1 FROM active)
      ON CONFLICT ("id") DO NOTHING
      RETURNING *)
    SELECT ${COLUMNS} FROM (SELECT * FROM active UNION ALL SELECT * FROM created) s
    ORDER BY "created_at", "id"`,
    [organizationId, id, generateCallbackSecret()],
  );

/**
 * The active secrets, creating the organization's first one when it has none. That one takes the
 * organization's id as its own, so processes creating it at once collide on the key rather than
 * make two; the loser, whose statement saw neither, reads again (with a fresh id in case the
 * organization's id names an expired secret, which rotations make impossible but data may not).
 */
export const ensureCallbackSecrets = async (
  sql: SqlSession,
  organizationId: string,
): Promise<CallbackSecretRow[]> => {
  const first = await activeOrCreated(sql, organizationId, organizationId);
  return first.length ? first : activeOrCreated(sql, organizationId, uuidv7());
};

// Rotations of one organization take turns.
const lockSecrets = (tx: DbClient, organizationId: string) =>
  tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('taskforge.callback_secret'), hashtext(${organizationId}))`;

/**
 * Starts signing with a new secret. The secrets in use keep signing for `overlapSeconds` more (every
 * delivery carries a signature per secret), so receivers can switch without dropping a callback.
 */
export const rotateCallbackSecrets = async (
  db: Database,
  organizationId: string,
  overlapSeconds: number,
): Promise<CallbackSecretRow[]> => {
  await db.prisma.$transaction(async (tx) => {
    await lockSecrets(tx, organizationId);
    const until = new Date(Date.now() + overlapSeconds * 1000);
    await tx.callbackSecret.updateMany({
      where: { organizationId, OR: [{ expiresAt: null }, { expiresAt: { gt: until } }] },
      data: { expiresAt: until },
    });
    await tx.callbackSecret.create({ data: { organizationId, secret: generateCallbackSecret() } });
  });
  return activeCallbackSecrets(db.sql, organizationId);
};
