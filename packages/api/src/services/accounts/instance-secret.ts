import { randomBytes } from "node:crypto";

import type { Database } from "@taskforge/db";

/**
 * A random secret generated on first use and kept in the database, so every process of one
 * installation (and every restart) signs and reads sessions with the same key without configuration.
 * The first writer wins; everyone reads the stored value.
 */
export const ensureInstanceSecret = async (db: Database, name: string): Promise<string> => {
  const candidate = randomBytes(32).toString("base64url");
  await db.prisma.$executeRaw`
    INSERT INTO instance_settings (key, value) VALUES (${name}, ${candidate}) ON CONFLICT (key) DO NOTHING`;
  const row = await db.prisma.instanceSetting.findUniqueOrThrow({ where: { key: name } });
  return row.value;
};
