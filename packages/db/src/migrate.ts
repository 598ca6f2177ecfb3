import { randomUUID } from "node:crypto";

import { embeddedMigrations } from "./generated/migrations";
import type { RawSql, SqlSession } from "./raw-sql";

export type Migration = { name: string; sql: string; checksum: string };

// The same key Prisma Migrate locks on, so our runner and `prisma migrate deploy` never overlap.
const MIGRATION_LOCK_KEY = 72707369;

// Prisma's own bookkeeping table, so `prisma migrate deploy` on a connected machine sees these as applied.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

type AppliedRow = { migration_name: string; checksum: string; finished_at: Date | null };

const applyPending = async (
  session: SqlSession,
  migrations: readonly Migration[],
): Promise<string[]> => {
  await session.exec(CREATE_MIGRATIONS_TABLE);
  const rows = await session.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
  );
  const applied = new Map(rows.map((row) => [row.migration_name, row]));
  const appliedNow: string[] = [];
  for (const migration of migrations) {
    const row = applied.get(migration.name);
    if (row) {
      if (!row.finished_at) {
        throw new Error(
          `Migration ${migration.name} started earlier but did not finish; repair the database before starting.`,
        );
      }
      if (row.checksum !== migration.checksum) {
        throw new Error(
          `Migration ${migration.name} was edited after it was applied; add a new migration instead.`,
        );
      }
      continue;
    }
    // One transaction per migration: a failing migration leaves no trace and no bookkeeping row.
    await session.exec("BEGIN");
    try {
      // A migration may rebuild a large table or index: the pool's statement timeout is not for it.
      await session.exec("SET LOCAL statement_timeout = 0");
      await session.exec(migration.sql);
      await session.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), now(), 1)`,
        [randomUUID(), migration.checksum, migration.name],
      );
      await session.exec("COMMIT");
    } catch (error) {
      await session.exec("ROLLBACK");
      throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    appliedNow.push(migration.name);
  }
  return appliedNow;
};

/**
 * Applies every migration not yet recorded, in name order. The default list is prisma/migrations,
 * embedded into the code by `db:generate` so that bundled servers need no files beside them. Safe to call from several processes at
 * once: they queue on an advisory lock. Returns the names applied by this call.
 */
export const migrate = (
  sql: RawSql,
  migrations: readonly Migration[] = embeddedMigrations,
): Promise<string[]> =>
  sql.withSession(async (session) => {
    await session.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      return await applyPending(session, migrations);
    } finally {
      await session.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  });
