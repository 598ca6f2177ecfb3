export { DEFAULT_DATA_DIR, openDatabase } from "./open-database";
export type { Database, DatabaseKind, OpenDatabaseOptions } from "./open-database";
export { migrate } from "./migrate";
export type { Migration } from "./migrate";
export { DataDirectoryInUseError } from "./pglite-lock";
export type { RawSql, SqlSession } from "./raw-sql";
export { Prisma, PrismaClient } from "./generated/prisma/client";
export type * from "./generated/prisma/client";
