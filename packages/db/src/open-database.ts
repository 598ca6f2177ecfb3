import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";

import { PrismaClient } from "./generated/prisma/client";
import { migrate } from "./migrate";
import { lockDataDirectory } from "./pglite-lock";
import { rawSqlFromPglite, rawSqlFromPool } from "./raw-sql";
import type { RawSql } from "./raw-sql";

export type DatabaseKind = "postgres" | "pglite";

export type Database = {
  kind: DatabaseKind;
  prisma: PrismaClient;
  sql: RawSql;
  /** Where the data lives, without credentials (for logs and the health endpoint). */
  description: string;
  close(): Promise<void>;
};

export type OpenDatabaseOptions = {
  /** `postgres://…` selects PostgreSQL; unset selects embedded PGlite in `dataDir`. */
  databaseUrl?: string | undefined;
  /** PGlite data directory, or `memory://` for a throwaway in-memory database. */
  dataDir?: string | undefined;
  /** Connections in the PostgreSQL pool. */
  poolSize?: number | undefined;
  /** PostgreSQL: how long opening a connection may take before the query waiting for it fails. */
  connectTimeoutMs?: number | undefined;
  /** PostgreSQL: the longest a statement may run (`statement_timeout`); migrations are exempt. */
  statementTimeoutMs?: number | undefined;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean | undefined;
  /**
   * PGlite only: start from this data directory dump (`PGlite.dumpDataDir()`) instead of an empty
   * cluster. Tests use it to clone a database migrated once, instead of migrating every time.
   */
  pgliteDump?: Blob | undefined;
};

export const DEFAULT_DATA_DIR = "./.data";

// Prisma's default is to give up after 2 s without a free connection. A busy server should queue a
// request a little longer than that instead of failing it; a transaction may then run for 15 s.
const transactionOptions = { maxWait: 10_000, timeout: 15_000 } as const;

const describeUrl = (url: string): string => {
  const parsed = new URL(url);
  return `postgres://${parsed.host}${parsed.pathname}`;
};

// The server's queries are short and many run at once: a parallel worker costs more to start than
// it saves (a deep list page took 31 ms with one, 16 ms without, on 2 cores), and under load each
// one takes a core from another request. A URL that sets its own `options` keeps them.
const SESSION_OPTIONS = "-c max_parallel_workers_per_gather=0";

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 120_000;

type PoolSettings = { poolSize: number; connectTimeoutMs: number; statementTimeoutMs: number };

/**
 * Without timeouts, a database that stops answering (a network partition, a host gone without
 * closing its sockets) held every request, and every pooled connection, forever. Now opening a
 * connection fails after `connectTimeoutMs`; PostgreSQL cancels a statement past
 * `statementTimeoutMs`, and the client gives up on one it hears nothing about a little later; a
 * transaction left open and idle is ended by the server.
 */
const openPostgres = (
  databaseUrl: string,
  { poolSize, connectTimeoutMs, statementTimeoutMs }: PoolSettings,
): Database => {
  const ownOptions = new URL(databaseUrl).searchParams.has("options");
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: poolSize,
    connectionTimeoutMillis: connectTimeoutMs,
    statement_timeout: statementTimeoutMs,
    query_timeout: statementTimeoutMs + 10_000,
    idle_in_transaction_session_timeout: Math.max(statementTimeoutMs, 60_000),
    // Dead peers are noticed by TCP too, not only by the next query.
    keepAlive: true,
    ...(ownOptions ? {} : { options: SESSION_OPTIONS }),
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", () => undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions });
  return {
    kind: "postgres",
    prisma,
    sql: rawSqlFromPool(pool),
    description: describeUrl(databaseUrl),
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
};

const openPglite = async (dataDir: string, dump?: Blob): Promise<Database> => {
  const inMemory = dataDir.startsWith("memory://");
  const unlock = inMemory ? () => undefined : lockDataDirectory(dataDir);
  try {
    const pglite = await PGlite.create({
      ...(inMemory ? {} : { dataDir }),
      ...(dump ? { loadDataDir: dump } : {}),
    });
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite), transactionOptions });
    return {
      kind: "pglite",
      prisma,
      sql: rawSqlFromPglite(pglite),
      description: inMemory ? "pglite (in memory)" : `pglite ${dataDir}`,
      close: async () => {
        await prisma.$disconnect();
        await pglite.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
};

/**
 * Opens taskforge's database: PostgreSQL when a URL is given, otherwise embedded PGlite persisted
 * in `dataDir`. Migrations are applied first unless `migrate: false`.
 */
export const openDatabase = async (options: OpenDatabaseOptions = {}): Promise<Database> => {
  const database = options.databaseUrl
    ? openPostgres(options.databaseUrl, {
        poolSize: options.poolSize ?? 10,
        connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
        statementTimeoutMs: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
      })
    : await openPglite(options.dataDir ?? DEFAULT_DATA_DIR, options.pgliteDump);
  if (options.migrate !== false) {
    try {
      await migrate(database.sql);
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return database;
};
