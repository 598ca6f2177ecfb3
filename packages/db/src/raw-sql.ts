import type { PGlite } from "@electric-sql/pglite";
import type { Pool, PoolClient } from "pg";

export type QueryOptions = {
  /**
   * On PostgreSQL, prepares the statement under this name once per connection and reuses it, so
   * a hot statement that costs more to plan than to run is not planned on every call. A name
   * stands for one SQL text. PGlite has no named statements and ignores it.
   */
  preparedAs?: string;
};

/** One database session outside Prisma: multi-statement scripts and parameterised queries. */
export type SqlSession = {
  exec(sql: string): Promise<void>;
  query<Row = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
    options?: QueryOptions,
  ): Promise<Row[]>;
};

/** Raw SQL access next to Prisma, for migrations, health checks and baselines. */
export type RawSql = SqlSession & {
  /** Runs `fn` on one dedicated session (needed for session-level locks and explicit transactions). */
  withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
};

const fromPgClient = (client: Pool | PoolClient): SqlSession => ({
  exec: async (sql) => {
    await client.query(sql);
  },
  query: async <Row>(sql: string, params?: unknown[], options?: QueryOptions) =>
    (await client.query({ text: sql, values: params, name: options?.preparedAs })).rows as Row[],
});

export const rawSqlFromPool = (pool: Pool): RawSql => ({
  ...fromPgClient(pool),
  withSession: async (fn) => {
    const client = await pool.connect();
    try {
      return await fn(fromPgClient(client));
    } finally {
      client.release();
    }
  },
});

export const rawSqlFromPglite = (pglite: PGlite): RawSql => {
  const session: SqlSession = {
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    query: async <Row>(sql: string, params?: unknown[]) =>
      (await pglite.query<Row>(sql, params)).rows,
  };
  // PGlite is one session: callers that need it to themselves (a transaction, a lock) take turns.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    ...session,
    withSession: <T>(fn: (s: SqlSession) => Promise<T>) => {
      const turn = queue.then(() => fn(session));
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
};
