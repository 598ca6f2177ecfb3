import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

import { embeddedMigrations } from "./generated/migrations";
import { migrate } from "./migrate";
import { openDatabase } from "./open-database";
import type { Database, DatabaseKind } from "./open-database";
import { rawSqlFromPglite } from "./raw-sql";

/** The server tests run against; each test file gets its own database on it. */
export const TEST_POSTGRES_URL =
  process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/**
 * Which database the current test run targets, set per vitest project (see
 * @taskforge/vitest-config). The `unit` project sets `none`: its files must not open a database.
 */
export const testDatabaseKind = (): DatabaseKind => {
  refuseInUnitTests();
  return process.env.TASKFORGE_TEST_DB === "postgres" ? "postgres" : "pglite";
};

const refuseInUnitTests = () => {
  if (process.env.TASKFORGE_TEST_DB === "none") {
    throw new Error(
      "This test file opens a database but runs in the `unit` vitest project: remove `.unit` from its name so it runs on PGlite and PostgreSQL.",
    );
  }
};

const withAdminClient = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};

const urlOf = (name: string) => {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
};

// Names the migrated template by everything its contents depend on: the migrations and the PGlite
// build (a dump is PGlite's own file format). A new migration makes a new template, so a stale one
// is never used; concurrent runs of different branches on one server each get their own.
const templateKey = (() => {
  let key: string | undefined;
  return () => {
    if (key) return key;
    let pglite = "pglite";
    try {
      pglite = createRequire(import.meta.url).resolve("@electric-sql/pglite");
    } catch {
      // the name alone; a dump that fails to load is rebuilt anyway
    }
    const hash = createHash("sha256").update(pglite);
    for (const migration of embeddedMigrations) hash.update(migration.name + migration.checksum);
    key = hash.digest("hex").slice(0, 16);
    return key;
  };
})();

// Any key that is not the migration runner's own.
const TEMPLATE_LOCK_KEY = 72707370;

let postgresTemplate: Promise<string> | undefined;

/**
 * The name of a PostgreSQL database holding every migration, made once per migration set by the
 * first test file that needs it (others wait on an advisory lock) and cloned for each test file.
 * It is built under another name and renamed when complete, so a crash never leaves half a template.
 */
const ensurePostgresTemplate = (): Promise<string> =>
  (postgresTemplate ??= withAdminClient(async (client) => {
    const name = `taskforge_template_${templateKey()}`;
    const exists = async () =>
      (await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1;
    if (await exists()) return name;
    await client.query("SELECT pg_advisory_lock($1)", [TEMPLATE_LOCK_KEY]);
    try {
      if (await exists()) return name;
      const building = `${name}_building`;
      await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${building}"`);
      const database = await openDatabase({ databaseUrl: urlOf(building), poolSize: 1 });
      await database.close();
      await client.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
      return name;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [TEMPLATE_LOCK_KEY]);
    }
  }).catch((error: unknown) => {
    postgresTemplate = undefined;
    throw error;
  }));

let pgliteTemplate: Promise<Blob> | undefined;

/**
 * A dump of a migrated PGlite, kept in the temporary directory under the template key: the first
 * test file of a run that finds none migrates an in-memory PGlite once and writes it (to a unique
 * name, then renamed, so concurrent writers never expose half a file).
 */
const pgliteTemplateDump = (): Promise<Blob> =>
  (pgliteTemplate ??= (async () => {
    const file = join(tmpdir(), `taskforge-test-pglite-${templateKey()}.tar`);
    if (existsSync(file)) return new Blob([readFileSync(file)]);
    return buildPgliteTemplate(file);
  })().catch((error: unknown) => {
    pgliteTemplate = undefined;
    throw error;
  }));

const buildPgliteTemplate = async (file: string): Promise<Blob> => {
  const pglite = await PGlite.create();
  try {
    await migrate(rawSqlFromPglite(pglite));
    const dump = await pglite.dumpDataDir("none");
    const partial = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
    await rename(partial, file);
    return dump;
  } finally {
    await pglite.close();
  }
};

/**
 * Opens PGlite (in memory, or in `dataDir`) from the migrated template. Migrations still run on it,
 * and find nothing to do. A template that no longer loads is rebuilt once.
 */
const openPgliteFromTemplate = async (dataDir: string): Promise<Database> => {
  try {
    return await openDatabase({ dataDir, pgliteDump: await pgliteTemplateDump() });
  } catch (error) {
    const file = join(tmpdir(), `taskforge-test-pglite-${templateKey()}.tar`);
    if (!existsSync(file)) throw error;
    await rm(file, { force: true });
    pgliteTemplate = undefined;
    return openDatabase({ dataDir, pgliteDump: await pgliteTemplateDump() });
  }
};

/**
 * Fills an empty PGlite data directory with a migrated database (for servers that tests start on
 * their own data directory), in a fraction of the time migrating it takes.
 */
export const prepareTestDataDirectory = async (dataDir: string): Promise<void> => {
  const database = await openPgliteFromTemplate(dataDir);
  await database.close();
};

export type TestDatabase = Database & { url?: string };

export type TestDatabaseOptions = {
  poolSize?: number;
  /**
   * Run every migration on an empty database instead of cloning the migrated template (for the
   * tests of the migrations themselves).
   */
  fromScratch?: boolean;
};

/**
 * A fresh, migrated database for one test file: a new PostgreSQL database on the test server (dropped
 * on close), or an in-memory PGlite. Both are copies of a database migrated once per migration set,
 * unless `fromScratch`.
 */
export const createTestDatabase = async (
  kind: DatabaseKind = testDatabaseKind(),
  options: TestDatabaseOptions = {},
): Promise<TestDatabase> => {
  refuseInUnitTests();
  if (kind === "pglite") {
    return options.fromScratch
      ? openDatabase({ dataDir: "memory://" })
      : openPgliteFromTemplate("memory://");
  }
  const name = `taskforge_test_${randomBytes(6).toString("hex")}`;
  const template = options.fromScratch ? undefined : await ensurePostgresTemplate();
  await withAdminClient((client) =>
    client.query(
      template ? `CREATE DATABASE "${name}" TEMPLATE "${template}"` : `CREATE DATABASE "${name}"`,
    ),
  );
  const url = urlOf(name);
  const database = await openDatabase({ databaseUrl: url, poolSize: options.poolSize ?? 20 });
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      await withAdminClient((client) =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      );
    },
  };
};
