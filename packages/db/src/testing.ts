import { randomBytes } from "node:crypto";

import pg from "pg";

import { openDatabase } from "./open-database";
import type { Database, DatabaseKind } from "./open-database";

/** The server tests run against; each test file gets its own database on it. */
export const TEST_POSTGRES_URL =
  process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** Which database the current test run targets, set per vitest project (see vitest.config.ts). */
export const testDatabaseKind = (): DatabaseKind =>
  process.env.TASKFORGE_TEST_DB === "postgres" ? "postgres" : "pglite";

const withAdminClient = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};

export type TestDatabase = Database & { url?: string };

/**
 * A fresh, migrated database for one test file: a new PostgreSQL database on the test server (dropped
 * on close), or an in-memory PGlite.
 */
export const createTestDatabase = async (
  kind: DatabaseKind = testDatabaseKind(),
  options: { poolSize?: number } = {},
): Promise<TestDatabase> => {
  if (kind === "pglite") return openDatabase({ dataDir: "memory://" });
  const name = `taskforge_test_${randomBytes(6).toString("hex")}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({
    databaseUrl: url.toString(),
    poolSize: options.poolSize ?? 20,
  });
  return {
    ...database,
    url: url.toString(),
    close: async () => {
      await database.close();
      await withAdminClient((client) =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      );
    },
  };
};
